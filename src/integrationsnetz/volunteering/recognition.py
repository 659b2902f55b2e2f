"""Recognition of volunteering: the certificate (PDF), the Ehrenamtskarte check and appointment files.

The Sächsische Ehrenamtskarte (Saxony's volunteer card, with discounts across the state) is issued by
the volunteer's municipality when the Träger (the organisation the work is done for) confirms the
conditions. The thresholds below are those of the 6th edition (valid 1 January 2025 to 31 December
2027), as published on ehrenamt.sachsen.de and the Amt24 service description; see docs/volunteering.md.
They live here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from integrationsnetz.volunteering.models import Activity

EHRENAMTSKARTE_MIN_AGE_YEARS = 14
EHRENAMTSKARTE_MIN_HOURS_PER_WEEK = Decimal(3)
EHRENAMTSKARTE_MIN_YEARS_ACTIVE = 2
DAYS_PER_WEEK = Decimal(7)


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class EhrenamtskarteCheck:
    on: date
    age_ok: bool | None  # None: no date of birth given
    years_ok: bool
    hours_ok: bool
    average_hours_per_week: Decimal
    active_since: date | None

    @property
    def fulfilled(self) -> bool:
        return bool(self.age_ok) and self.years_ok and self.hours_ok


def ehrenamtskarte_check(
    *, birth_date: date | None, hours: Sequence[tuple[date, Decimal]], on: date
) -> EhrenamtskarteCheck:
    """Check the conditions on day ``on`` from approved hours ``(day, hours)``.

    - age: at least 14 years on ``on``;
    - duration: the first approved hours lie at least two years before ``on``;
    - average: approved hours in the two years up to ``on`` (the period the Träger confirms) divided
      by the weeks in those years are at least three.
    """
    age_ok = None if birth_date is None else birth_date <= years_before(on, EHRENAMTSKARTE_MIN_AGE_YEARS)
    past = [(day, amount) for day, amount in hours if day <= on]
    active_since = min((day for day, _ in past), default=None)
    window_start = years_before(on, EHRENAMTSKARTE_MIN_YEARS_ACTIVE)
    years_ok = active_since is not None and active_since <= window_start
    total = sum((amount for day, amount in past if day > window_start), Decimal(0))
    weeks = Decimal((on - window_start).days) / DAYS_PER_WEEK
    average = (total / weeks).quantize(Decimal("0.01")) if weeks else Decimal(0)
    return EhrenamtskarteCheck(
        on=on,
        age_ok=age_ok,
        years_ok=years_ok,
        hours_ok=total >= EHRENAMTSKARTE_MIN_HOURS_PER_WEEK * weeks,
        average_hours_per_week=average,
        active_since=active_since,
    )


def certificate_pdf(*, name: str, start: date, end: date, rows: list[dict[str, Any]]) -> bytes:
    """The certificate of volunteering for a period: approved hours per organisation and activity."""
    from weasyprint import HTML

    rows = [{**row, "activity": Activity(row["match__need__activity"]).label} for row in rows]
    total = sum((row["total"] for row in rows), Decimal(0))
    html = render_to_string(
        "volunteering/certificate.html",
        {
            "name": name,
            "start": start,
            "end": end,
            "rows": rows,
            "total": total,
            "issued": timezone.localdate(),
        },
    )
    return bytes(HTML(string=html).write_pdf())


def appointment_ics(*, uid: str, summary: str, starts_at: datetime, location: str, url: str) -> bytes:
    """One appointment as an iCalendar file (two hours long unless the people agree otherwise)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Integrationsnetz//volunteering//DE")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('//')[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + timedelta(hours=2))
    event.add("summary", summary)
    event.add("location", location)
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
