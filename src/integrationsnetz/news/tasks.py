"""Background jobs of the news app: confirmation mails, throttled issue sending, the periodic sweep.

Each takes ids and may run twice: confirmation mails go through ``mail_send_once``; deliveries are
claimed row by row (services.deliveries_claim), so a repeated or parallel job never sends a row that
another job holds or that was sent.
"""

from __future__ import annotations

import smtplib
from typing import Any

from celery import shared_task
from celery.signals import worker_ready

from integrationsnetz.news import services


@shared_task(autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=True, max_retries=5)
def send_confirmation(consent_id: int) -> bool:
    return services.confirmation_send(consent_id=consent_id)


@shared_task(bind=True, autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=True, max_retries=8)
def deliver_issue(self: Any, issue_id: int) -> int:
    """Send one batch of an issue, then queue the next batch after a pause (the throttle)."""
    batch_size, pause, _lease = services.send_settings()
    owner = services.worker_owner(getattr(self.request, "hostname", None))
    result = services.delivery_batch_send(issue_id=issue_id, owner=owner, batch_size=batch_size)
    if result.remaining and (result.sent or result.failed or result.skipped):
        deliver_issue.apply_async(args=(issue_id,), countdown=pause)
    return result.sent


@shared_task
def sweep() -> int:
    """Every minute (beat): start scheduled issues; take back claims of workers gone for a lease."""
    for issue_id in services.issues_due():
        services.issue_send(issue=services.Issue.objects.get(pk=issue_id), actor=None)
    services.deliveries_recover(claimed_before=services.lease_expired_before())
    issue_ids = services.issues_sending()
    for issue_id in issue_ids:
        deliver_issue.delay(issue_id)
    return len(issue_ids)


@worker_ready.connect
def recover_after_restart(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts again under its node name takes back what its killed predecessor held.

    Each worker is started with a node name of its own (``-n news1@%h``; Celery warns about a
    duplicate), so every claim carrying this name belongs to a dead process. Runs in the main process
    before any task is taken.
    """
    hostname = getattr(sender, "hostname", None)
    if not hostname:
        return
    services.deliveries_recover(owner_prefix=f"{hostname}:")
    for issue_id in services.issues_sending():
        deliver_issue.delay(issue_id)
