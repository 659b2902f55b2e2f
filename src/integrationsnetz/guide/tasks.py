"""Background jobs of the guide: they take ids and call a service, so a retry repeats nothing."""

from __future__ import annotations

from celery import shared_task

from integrationsnetz.guide.services import edition_pdf_make


@shared_task(name="guide.edition_pdf", autoretry_for=(OSError,), max_retries=3, default_retry_delay=30)
def edition_pdf_task(edition_id: int) -> bool:
    return edition_pdf_make(edition_id=edition_id)
