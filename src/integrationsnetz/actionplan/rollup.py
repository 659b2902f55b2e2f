"""The one place that defines progress and overdue: pages, PDF, API and reminders all use these.

Progress rule: the share of a unit's steps that are done, counting only steps that were not dropped
(a dropped step is neither success nor failure; it leaves the plan). Every step weighs the same, so
a field's or plan's progress pools all its steps rather than averaging its measures: a measure with
one step must not count as much as one with twenty. A unit without countable steps has no progress
figure (``percent`` is None), which pages show as "no steps yet" instead of a misleading 0 %.

Overdue rule: a step is overdue when it is still open (planned or in progress), has a due date, and
that date has passed in Europe/Berlin, i.e. from local midnight after the due date; the network works
on German calendar days whatever time zone the server or the client is in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from integrationsnetz.actionplan.models import OPEN_STATUSES, StepStatus

NETWORK_TIME_ZONE = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Progress:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    planned: int = 0
    dropped: int = 0

    @property
    def counted(self) -> int:
        """Steps that count towards progress: all but the dropped ones."""
        return self.total - self.dropped

    @property
    def percent(self) -> int | None:
        """Whole percent done (rounded half up), or None when nothing counts."""
        if not self.counted:
            return None
        return (200 * self.done + self.counted) // (2 * self.counted)

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            total=self.total + other.total,
            done=self.done + other.done,
            in_progress=self.in_progress + other.in_progress,
            planned=self.planned + other.planned,
            dropped=self.dropped + other.dropped,
        )


def progress_of(statuses: Iterable[str]) -> Progress:
    """Progress of steps with these statuses."""
    counts = dict.fromkeys(StepStatus.values, 0)
    for status in statuses:
        counts[str(status)] += 1
    return Progress(
        total=sum(counts.values()),
        done=counts[StepStatus.DONE],
        in_progress=counts[StepStatus.IN_PROGRESS],
        planned=counts[StepStatus.PLANNED],
        dropped=counts[StepStatus.DROPPED],
    )


def network_today(now: datetime.datetime) -> datetime.date:
    """The calendar day in Europe/Berlin at the aware moment ``now``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(NETWORK_TIME_ZONE).date()


def is_overdue(*, status: str, due_date: datetime.date | None, today: datetime.date) -> bool:
    """Open, with a due date, and ``today`` (a Europe/Berlin day) is after it."""
    return due_date is not None and status in OPEN_STATUSES and today > due_date
