"""A real Celery worker sends an issue to 1,000 subscribers over SMTP, is killed (SIGKILL) midway and
started again under its node name: nobody is skipped, and nobody gets a second copy unless the kill
fell between the server's acceptance and our commit, where the copy carries the same Message-ID.

The SMTP server is the loopback sink of core.testing; a trap in it stops the worker at an exact point
of the SMTP dialogue, so each test knows where the kill happened instead of hoping for it. The worker
is a separate process and sees committed rows only: the tests use a transactional database (SQLite:
a file copy the worker opens, as in tests/integration/test_celery_worker.py).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from integrationsnetz.celery import app
from integrationsnetz.core.testing.smtp_sink import SmtpSink, smtp_sink
from integrationsnetz.news import services, tasks
from integrationsnetz.news.models import Delivery, Issue, Subscriber, Subscription
from integrationsnetz.news.tests.factories import IssueBlockFactory, IssueFactory, NewsletterFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
# The shared root conftest (require_service, port_open), loaded by name: a plain import would make
# ``mypy src`` type-check that file, whose factory calls are untyped.
shared: Any = importlib.import_module("conftest")

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PROJECT_DIR = Path(__file__).resolve().parents[4]
SUBSCRIBERS = 1000
KILL_AFTER = 300  # messages the server has accepted when the trap closes
WAIT_SECONDS = 180


@pytest.fixture
def broker_url() -> Iterator[str]:
    """A Redis database of its own for this run (claimed with SET NX in database 0), emptied after."""
    shared.require_service(shared.port_open(REDIS_HOST, REDIS_PORT), "Redis")
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
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(database["USER"] or "")
        if database.get("PASSWORD"):
            credentials += ":" + quote(database["PASSWORD"])
        host = database.get("HOST") or "127.0.0.1"
        port = database.get("PORT") or 5432
        return f"postgres://{credentials}@{host}:{port}/{database['NAME']}", None
    copy = tmp_path / "worker.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    return f"sqlite:///{copy}", copy


def _state(issue_id: int, sqlite_copy: Path | None) -> tuple[str, dict[str, int]]:
    """(issue status, {delivery status: count}) as the worker's database has them."""
    if sqlite_copy is not None:
        with sqlite3.connect(sqlite_copy) as database:
            (status,) = database.execute("SELECT status FROM news_issue WHERE id = ?", [issue_id]).fetchone()
            counts = dict(
                database.execute(
                    "SELECT status, COUNT(*) FROM news_delivery WHERE issue_id = ? GROUP BY status",
                    [issue_id],
                ).fetchall()
            )
        database.close()
        return status, counts
    status = Issue.objects.get(pk=issue_id).status
    statuses = Counter(Delivery.objects.filter(issue_id=issue_id).values_list("status", flat=True))
    return status, dict(statuses)


def _reset_broker_connections() -> None:
    # The app keeps a connection pool for the broker URL it first saw, and kombu keeps producer pools
    # per URL for the whole process: drop both so that each test publishes to its own Redis database.
    from kombu import pools

    pools.reset()
    celery_app: Any = app
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _enqueue(broker: str, issue_id: int) -> None:
    """``.delay()`` through the broker although the test settings run tasks eagerly."""
    conf: Any = app.conf
    previous = (conf.broker_url, conf.task_always_eager)
    _reset_broker_connections()
    conf.broker_url, conf.task_always_eager = broker, False
    try:
        tasks.deliver_issue.delay(issue_id)
    finally:
        conf.broker_url, conf.task_always_eager = previous
        _reset_broker_connections()


class Trap:
    """Holds the SMTP dialogue at one point once ``KILL_AFTER`` messages were accepted."""

    def __init__(self, sink: SmtpSink, *, after_acceptance: bool) -> None:
        self.closed = threading.Event()  # the worker is held at the trap
        self.released = threading.Event()
        handler: Any = sink._controller.handler  # the sink's collector; hooks are looked up per session
        accept = handler.handle_DATA

        async def hold() -> None:
            self.closed.set()
            while not self.released.is_set():
                await asyncio.sleep(0.02)

        async def handle_RCPT(server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
            if not after_acceptance and len(sink.messages) == KILL_AFTER and not self.closed.is_set():
                await hold()  # the worker has sent MAIL FROM and RCPT TO; the server accepted nothing
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(server: Any, session: Any, envelope: Any) -> str:
            status: str = await accept(server, session, envelope)
            if after_acceptance and len(sink.messages) == KILL_AFTER and not self.closed.is_set():
                await hold()  # the server took the message; the worker never hears "250"
            return status

        handler.handle_RCPT = handle_RCPT
        handler.handle_DATA = handle_DATA


def _start_worker(env: dict[str, str], name: str, log: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
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
            name,
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _issue_for_1000(monkeypatch: Any) -> Issue:
    newsletter = NewsletterFactory.create(slug="nordsachsen", name="Newsletter Nordsachsen")
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"leser{number:04d}@example.org") for number in range(SUBSCRIBERS)]
    )
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=subscriber,
                newsletter=newsletter,
                status=Subscription.Status.ACTIVE,
                confirmed_at=subscriber.created_at,
                token=f"token-{subscriber.email}",
            )
            for subscriber in subscribers
        ]
    )
    issue = IssueFactory.create(newsletter=newsletter, number="2/22")
    IssueBlockFactory.create(issue=issue)
    # Only create the deliveries here: the worker, not this process, is to send them.
    monkeypatch.setattr(tasks.deliver_issue, "delay", lambda *args: None)
    assert services.issue_send(issue=issue, actor=None) == SUBSCRIBERS
    monkeypatch.undo()
    return issue


def _run(
    monkeypatch: Any, broker_url: str, tmp_path: Path, *, after_acceptance: bool
) -> tuple[SmtpSink, Any]:
    """Send, kill the worker at the trap, restart it; returns the sink and the state at the kill."""
    issue = _issue_for_1000(monkeypatch)
    database_url, sqlite_copy = _worker_database(tmp_path)
    name = f"news-{uuid.uuid4().hex[:8]}@%h"
    log_path = tmp_path / "worker.log"
    with smtp_sink() as sink, log_path.open("wb") as log:
        trap = Trap(sink, after_acceptance=after_acceptance)
        env = {
            **os.environ,
            "PYTHONPATH": str(PROJECT_DIR / "src"),
            "DJANGO_SETTINGS_MODULE": "integrationsnetz.settings",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "EMAIL_URL": sink.url,
            "VAR_DIR": str(tmp_path / "var"),
        }
        first = _start_worker(env, name, log)
        try:
            _enqueue(broker_url, issue.pk)
            held = trap.closed.wait(timeout=WAIT_SECONDS)
            first.kill()  # SIGKILL: no cleanup of any kind in the worker
            first.wait()
        finally:
            trap.released.set()
            if first.poll() is None:
                first.kill()
                first.wait()
        output = log_path.read_text(errors="replace")
        assert held, f"the worker never reached the trap:\n{output[-4000:]}"
        at_kill = _state(issue.pk, sqlite_copy)

        second = _start_worker(env, name, log)
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            state = at_kill
            while time.monotonic() < deadline and second.poll() is None:
                state = _state(issue.pk, sqlite_copy)
                if state[0] == Issue.Status.SENT:
                    break
                time.sleep(0.25)  # polling interval, not an assertion about timing
        finally:
            _stop(second)
        output = log_path.read_text(errors="replace")
        assert state[0] == Issue.Status.SENT, f"not finished after the restart: {state}\n{output[-4000:]}"
        assert state[1] == {"sent": SUBSCRIBERS}
        return sink, at_kill


def _assert_every_subscriber_reached(sink: SmtpSink) -> Counter[str]:
    copies = Counter(str(message["To"]) for message in sink.messages)
    assert set(copies) == {f"leser{number:04d}@example.org" for number in range(SUBSCRIBERS)}
    message_ids: dict[str, set[str]] = {}
    for message in sink.messages:
        message_ids.setdefault(str(message["To"]), set()).add(str(message["Message-ID"]))
    assert all(len(ids) == 1 for ids in message_ids.values()), "a copy with a different Message-ID"
    for message in sink.messages[:: SUBSCRIBERS // 10]:
        token = f"token-{message['To']}"
        assert (
            message["List-Unsubscribe"].strip()
            == f"<{settings.SITE_URL}/aktuelles/newsletter/abmelden/{token}/>"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return copies


def test_killed_during_the_smtp_transaction_every_subscriber_gets_exactly_one_mail(
    broker_url: str, tmp_path: Path, monkeypatch: Any
) -> None:
    sink, (status, counts) = _run(monkeypatch, broker_url, tmp_path, after_acceptance=False)
    # At the kill: 300 sent, the one in flight marked "sending", the rest of its batch claimed.
    assert status == Issue.Status.SENDING
    assert counts["sent"] == KILL_AFTER and counts["sending"] == 1 and counts.get("claimed", 0) > 0
    copies = _assert_every_subscriber_reached(sink)
    assert set(copies.values()) == {1}
    assert len(sink.messages) == SUBSCRIBERS


def test_killed_after_the_server_accepted_the_one_copy_repeats_its_message_id(
    broker_url: str, tmp_path: Path, monkeypatch: Any
) -> None:
    """The window SMTP cannot close: accepted by the server, not yet marked sent. Nobody is skipped;
    the one message in that window is sent again with the same Message-ID (see deliveries_recover)."""
    sink, (_status, counts) = _run(monkeypatch, broker_url, tmp_path, after_acceptance=True)
    assert counts["sent"] == KILL_AFTER - 1 and counts["sending"] == 1
    copies = _assert_every_subscriber_reached(sink)
    assert sorted(copies.values())[-2:] == [1, 2] and sum(copies.values()) == SUBSCRIBERS + 1
