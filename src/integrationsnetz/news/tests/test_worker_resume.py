"""A real Celery worker sends an issue to 1,000 subscribers over SMTP, is killed (SIGKILL) midway and
started again under its node name: nobody is skipped, and nobody gets a second copy unless the kill
fell between the server's acceptance and our commit, where the copy carries the same Message-ID.

The SMTP server is the loopback sink of core.testing; a trap in it stops the worker at an exact point
of the SMTP dialogue, so each test knows where the kill happened instead of hoping for it. The worker
is a separate process and sees committed rows only: the tests use a transactional database (see
core/testing/celery_worker.py).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from integrationsnetz.core.testing.celery_worker import (
    enqueue,
    worker_database_url,
    worker_environment,
    worker_start,
    worker_stop,
)
from integrationsnetz.core.testing.smtp_sink import SmtpSink, smtp_sink
from integrationsnetz.news import services, tasks
from integrationsnetz.news.models import Delivery, Issue, Subscriber, Subscription
from integrationsnetz.news.tests.factories import IssueBlockFactory, IssueFactory, NewsletterFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SUBSCRIBERS = 1000
KILL_AFTER = 300  # messages the server has accepted when the trap closes
WAIT_SECONDS = 180


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
            if not after_acceptance and sink.count == KILL_AFTER and not self.closed.is_set():
                await hold()  # the worker has sent MAIL FROM and RCPT TO; the server accepted nothing
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(server: Any, session: Any, envelope: Any) -> str:
            status: str = await accept(server, session, envelope)
            if after_acceptance and sink.count == KILL_AFTER and not self.closed.is_set():
                await hold()  # the server took the message; the worker never hears "250"
            return status

        handler.handle_RCPT = handle_RCPT
        handler.handle_DATA = handle_DATA


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
    database_url, sqlite_copy = worker_database_url(tmp_path)
    name = f"news-{uuid.uuid4().hex[:8]}@%h"
    log_path = tmp_path / "worker.log"
    with smtp_sink() as sink, log_path.open("wb") as log:
        trap = Trap(sink, after_acceptance=after_acceptance)
        env = worker_environment(
            database_url=database_url, broker_url=broker_url, email_url=sink.url, var_dir=tmp_path / "var"
        )
        first = worker_start(env, log=log, name=name)
        try:
            enqueue(tasks.deliver_issue, issue.pk, broker_url=broker_url)
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

        second = worker_start(env, log=log, name=name)
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            state = at_kill
            while time.monotonic() < deadline and second.poll() is None:
                state = _state(issue.pk, sqlite_copy)
                if state[0] == Issue.Status.SENT:
                    break
                time.sleep(0.25)  # polling interval, not an assertion about timing
        finally:
            worker_stop(second)
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
    celery_broker_url: str, tmp_path: Path, monkeypatch: Any
) -> None:
    sink, (status, counts) = _run(monkeypatch, celery_broker_url, tmp_path, after_acceptance=False)
    # At the kill: 300 sent, the one in flight marked "sending", the rest of its batch claimed.
    assert status == Issue.Status.SENDING
    assert counts["sent"] == KILL_AFTER and counts["sending"] == 1 and counts.get("claimed", 0) > 0
    copies = _assert_every_subscriber_reached(sink)
    assert set(copies.values()) == {1}
    assert len(sink.messages) == SUBSCRIBERS


def test_killed_after_the_server_accepted_the_one_copy_repeats_its_message_id(
    celery_broker_url: str, tmp_path: Path, monkeypatch: Any
) -> None:
    """The window SMTP cannot close: accepted by the server, not yet marked sent. Nobody is skipped;
    the one message in that window is sent again with the same Message-ID (see deliveries_recover)."""
    sink, (_status, counts) = _run(monkeypatch, celery_broker_url, tmp_path, after_acceptance=True)
    assert counts["sent"] == KILL_AFTER - 1 and counts["sending"] == 1
    copies = _assert_every_subscriber_reached(sink)
    assert sorted(copies.values())[-2:] == [1, 2] and sum(copies.values()) == SUBSCRIBERS + 1
