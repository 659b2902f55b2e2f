"""Background jobs of the action plans: the daily reminder sweep and one reminder per step.

Both may run twice (a lost worker, a redelivered message): mail_send_once keeps a marker per mail,
so a repetition sends nothing.
"""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from integrationsnetz.actionplan import services
from integrationsnetz.actionplan.rollup import network_today


@shared_task
def send_step_reminders() -> int:
    """The daily sweep: one task per step due within a week or just overdue; returns how many."""
    today = network_today(timezone.now())
    due = services.steps_due_for_reminder(today=today)
    for step_id, kind in due:
        # One task per step, so that a failing mail server retries that step only.
        send_step_reminder.delay(step_id, kind, today.isoformat())
    return len(due)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_step_reminder(step_id: int, kind: str, today: str) -> int:
    """One step's reminder; ``today`` is the ISO date of the sweep (a Europe/Berlin day)."""
    return services.step_reminder_send(step_id=step_id, kind=kind, today=datetime.date.fromisoformat(today))
