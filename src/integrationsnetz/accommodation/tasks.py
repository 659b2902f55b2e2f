"""Background jobs of the accommodation app: reminders for follow-up actions.

The sweep fans out one task per action; each may run twice (a lost worker, a redelivery) because
``mail_send_once`` keeps a marker per action, due date and stage.
"""

from __future__ import annotations

from celery import shared_task

from integrationsnetz.accommodation import services


@shared_task
def remind_follow_up_actions() -> int:
    """The daily sweep: queue a reminder for every pending action that is due soon or overdue."""
    action_ids = services.follow_up_actions_due_for_reminder()
    for action_id in action_ids:
        send_follow_up_reminder.delay(action_id)
    return len(action_ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_follow_up_reminder(action_id: int) -> bool:
    return services.follow_up_reminder_send(action_id=action_id)
