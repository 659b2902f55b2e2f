"""Background jobs of volunteering: each takes ids, loads what it needs and calls a service.

Every job may run twice: mails carry a send-once key, and the sweeps re-check their condition under
a row lock, so a repetition changes nothing.
"""

from __future__ import annotations

from celery import shared_task

from integrationsnetz.volunteering import notifications, services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_match_mail(match_id: int, event: str) -> int:
    return notifications.match_mail_send(match_id=match_id, event=event)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_need_change_mails(edit_id: int, match_ids: list[int], changed: list[str]) -> int:
    return notifications.need_change_mail_send(edit_id=edit_id, match_ids=match_ids, changed=changed)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_message_mail(message_id: int) -> int:
    return notifications.message_mail_send(message_id=message_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_confirmation_request(kind: str, pk: int) -> int:
    return services.confirmation_request_send(kind=kind, pk=pk)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_inactivity_notice(user_id: int) -> bool:
    return services.inactivity_notice_send(user_id=user_id)


@shared_task
def request_confirmations() -> int:
    """The daily sweep: ask old needs and offers whether they are still current; withdraw the unanswered."""
    asked = sum(services.confirmation_request(kind=kind, pk=pk) for kind, pk in services.confirmations_due())
    services.unanswered_withdraw()
    return asked


@shared_task
def send_reminders() -> int:
    return sum(notifications.reminder_send(match_id=match_id) for match_id in services.reminders_due())


@shared_task
def clean_up_inactive_accounts() -> tuple[int, int]:
    """Notify newly inactive volunteers, delete those whose notice period passed without a login."""
    return services.inactive_volunteers_notify(), services.inactive_volunteers_delete()
