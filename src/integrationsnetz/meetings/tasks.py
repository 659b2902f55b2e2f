"""Background jobs of the meetings app. Each takes ids, loads what it needs and calls a service.

Any of them may run twice (a lost worker, a redelivered message): every mail goes through a
send-once marker, so a repetition sends nothing that already went out.
"""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from integrationsnetz.meetings import services


@shared_task(autoretry_for=(OSError, SMTPException), retry_backoff=True, max_retries=5)
def send_invitations(invitation_ids: list[int], kind: str, sequence: int) -> int:
    """A batch of invitations over one SMTP session (what ``invitations_send`` queues)."""
    return services.invitation_batch_send(invitation_ids=invitation_ids, kind=kind, sequence=sequence)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_meeting_update(meeting_id: int, sequence: int) -> int:
    return services.meeting_update_mail_send(meeting_id=meeting_id, sequence=sequence)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_mail(registration_id: int, kind: str) -> bool:
    return services.registration_mail_send(registration_id=registration_id, kind=kind)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_results(meeting_id: int, audience: str) -> int:
    return services.results_mail_send(meeting_id=meeting_id, audience=audience)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_announcement(announcement_id: int) -> int:
    return services.announcement_mail_send(announcement_id=announcement_id)


@shared_task
def send_reminders() -> int:
    """The daily sweep: remind the registered people of the meetings of the next two days."""
    return services.reminders_send(now=timezone.now())
