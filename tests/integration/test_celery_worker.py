"""A real Celery worker on the local Redis runs a directory job against the test database.

The worker is a separate process, so it must see committed rows: the test uses a transactional
database. PostgreSQL test databases are shared directly; SQLite's in-memory test database is copied
to a file (``VACUUM INTO``) that the worker opens. Each run claims its own Redis database number,
so parallel runs (pytest -n 2, other checkouts) never take each other's jobs.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import port_open, require_service
from django.db import connection
from django.utils import timezone

from integrationsnetz.celery import app
from integrationsnetz.core.models import SentMail
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.tasks import request_confirmation
from integrationsnetz.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PROJECT_DIR = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60


@pytest.fixture
def broker_url() -> Iterator[str]:
    """A Redis database of its own for this run (claimed with SET NX in database 0), emptied after."""
    require_service(port_open(REDIS_HOST, REDIS_PORT), "Redis")
    import redis

    control = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=0)
    token = uuid.uuid4().hex
    claimed = None
    try:
        for number in range(1, 16):
            if control.set(f"integrationsnetz-tests:claim:{number}", token, nx=True, ex=900):
                claimed = number
                break
        if claimed is None:
            pytest.fail("No free Redis database (1-15) for the worker test")
        own = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=claimed)
        own.flushdb()
        yield f"redis://{REDIS_HOST}:{REDIS_PORT}/{claimed}"
        own.flushdb()
        own.close()
        if control.get(f"integrationsnetz-tests:claim:{claimed}") == token.encode():
            control.delete(f"integrationsnetz-tests:claim:{claimed}")
    finally:
        control.close()


def _worker_database(tmp_path: Path) -> tuple[str, Path | None]:
    """A DATABASE_URL for the worker that reaches the rows committed so far (and a SQLite copy's path)."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(settings["USER"] or "")
        if settings.get("PASSWORD"):
            credentials += ":" + quote(settings["PASSWORD"])
        host = settings.get("HOST") or "127.0.0.1"
        port = settings.get("PORT") or 5432
        return f"postgres://{credentials}@{host}:{port}/{settings['NAME']}", None
    copy = tmp_path / "worker.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    return f"sqlite:///{copy}", copy


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


def _reset_broker_connections() -> None:
    # The app keeps a connection pool for the broker URL it first saw (earlier, eager tests build one
    # for the default URL); drop it so that the next publish connects to the URL configured now.
    celery_app: Any = app
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _enqueue(broker: str, organisation_id: int) -> None:
    """``.delay()`` through the broker although the test settings run tasks eagerly."""
    conf: Any = app.conf
    previous = (conf.broker_url, conf.task_always_eager)
    _reset_broker_connections()
    conf.broker_url, conf.task_always_eager = broker, False
    try:
        request_confirmation.delay(organisation_id)
    finally:
        conf.broker_url, conf.task_always_eager = previous
        _reset_broker_connections()


def test_worker_runs_the_confirmation_request(broker_url: str, tmp_path: Path) -> None:
    region = RegionFactory(key="14730", name="Nordsachsen")
    organisation: Any = OrganisationFactory(region=region, email="verein@example.org")
    Organisation.objects.filter(pk=organisation.pk).update(
        confirmed_at=timezone.now() - timedelta(days=500), confirmation_requested_at=None
    )
    database_url, sqlite_copy = _worker_database(tmp_path)
    mail_dir = tmp_path / "mail"
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_DIR / "src"),
        "DJANGO_SETTINGS_MODULE": "integrationsnetz.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "VAR_DIR": str(tmp_path / "var"),
    }
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "integrationsnetz",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _enqueue(broker_url, organisation.pk)
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
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
    output = log_path.read_text(errors="replace")
    assert effect == (True, 1), f"the worker did not finish the job in {WAIT_SECONDS} s:\n{output[-4000:]}"
    mails = [path.read_text(errors="replace") for path in mail_dir.iterdir()]
    assert len(mails) == 1
    assert "verein@example.org" in mails[0]
    assert "/verzeichnis/bestaetigen/" in mails[0]
