"""A real Celery worker on the local Redis runs a directory job against the test database.

The worker is a separate process, so it must see committed rows: the test uses a transactional
database (see core/testing/celery_worker.py for how the worker reaches it).
"""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from integrationsnetz.core.models import SentMail
from integrationsnetz.core.testing.celery_worker import (
    enqueue,
    worker_database_url,
    worker_environment,
    worker_start,
    worker_stop,
)
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.tasks import request_confirmation
from integrationsnetz.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 60


def _effect(organisation_id: int, sqlite_copy: Path | None) -> tuple[bool, int]:
    """(confirmation_requested_at set, number of sent-mail markers) as the worker's database has them."""
    if sqlite_copy is not None:
        with sqlite3.connect(sqlite_copy) as database:
            (requested,) = database.execute(
                "SELECT confirmation_requested_at FROM directory_organisation WHERE id = ?", [organisation_id]
            ).fetchone()
            (sent,) = database.execute(
                "SELECT COUNT(*) FROM core_sentmail WHERE key LIKE ?",
                [f"confirmation:{organisation_id}:%"],
            ).fetchone()
        database.close()
        return requested is not None, sent
    requested = Organisation.objects.filter(
        pk=organisation_id, confirmation_requested_at__isnull=False
    ).exists()
    sent = SentMail.objects.filter(key__startswith=f"confirmation:{organisation_id}:").count()
    return requested, sent


def test_worker_runs_the_confirmation_request(celery_broker_url: str, tmp_path: Path) -> None:
    region = RegionFactory(key="14730", name="Nordsachsen")
    organisation: Any = OrganisationFactory(region=region, email="verein@example.org")
    Organisation.objects.filter(pk=organisation.pk).update(
        confirmed_at=timezone.now() - timedelta(days=500), confirmation_requested_at=None
    )
    database_url, sqlite_copy = worker_database_url(tmp_path)
    mail_dir = tmp_path / "mail"
    log_path = tmp_path / "worker.log"
    env = worker_environment(
        database_url=database_url,
        broker_url=celery_broker_url,
        email_url=f"filemail:///{mail_dir}",
        var_dir=tmp_path / "var",
    )
    with log_path.open("wb") as log:
        worker = worker_start(env, log=log)
        try:
            enqueue(request_confirmation, organisation.pk, broker_url=celery_broker_url)
            deadline = time.monotonic() + WAIT_SECONDS
            effect = (False, 0)
            while time.monotonic() < deadline:
                if worker.poll() is not None:
                    break
                effect = _effect(organisation.pk, sqlite_copy)
                if effect == (True, 1) and mail_dir.exists() and any(mail_dir.iterdir()):
                    break
                time.sleep(0.25)  # polling interval, not an assertion about timing
        finally:
            worker_stop(worker)
    output = log_path.read_text(errors="replace")
    assert effect == (True, 1), f"the worker did not finish the job in {WAIT_SECONDS} s:\n{output[-4000:]}"
    mails = [path.read_text(errors="replace") for path in mail_dir.iterdir()]
    assert len(mails) == 1
    assert "verein@example.org" in mails[0]
    assert "/verzeichnis/bestaetigen/" in mails[0]
