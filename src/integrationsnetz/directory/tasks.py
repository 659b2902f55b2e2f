"""Background jobs of the directory. Each takes ids, loads what it needs and calls a service.

All of them may run twice (a worker lost after sending, a broker redelivering): the services keep a
sent marker per e-mail and re-check conditions under a row lock, so a repetition changes nothing.
"""

from __future__ import annotations

from celery import shared_task

from integrationsnetz.directory import services


@shared_task
def request_confirmations() -> int:
    """The sweep: ask every organisation unconfirmed for the period (once within it) to confirm."""
    return sum(
        services.organisation_request_confirmation(organisation_id=organisation_id)
        for organisation_id in services.organisations_due_for_confirmation()
    )


@shared_task
def request_confirmation(organisation_id: int) -> bool:
    """Ask one organisation to confirm its entry, if it is due."""
    return services.organisation_request_confirmation(organisation_id=organisation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_confirmation_request(organisation_id: int) -> int:
    return services.confirmation_request_send(organisation_id=organisation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_application_decision(application_id: int) -> bool:
    return services.application_decision_notify(application_id=application_id)
