#!/usr/bin/env python3
"""News benchmark behind ``make bench``: one worker sends 10,000 personalised mails over SMTP.

In-process (``django.setup()``) against a fresh SQLite file under var/bench/, with DEBUG off. It loads
the demo data (issue 2/22 of Nordsachsen with its live figures and contacts), adds 10,000 fictitious
confirmed subscribers (example.org), and times

- the worker path: ``issue_send`` (one delivery row each) and then ``delivery_batch_send`` in batches,
  exactly as the Celery task ``deliver_issue`` runs it, but without the throttle pause: claiming rows,
  committing "sending" with the Message-ID before each SMTP transaction and "sent" after it, rendering
  per language and personalising each mail (its own unsubscribe link and headers). Target: <= 60 s.
- the baseline: plain ``smtplib`` sending the same rendered messages (bytes prepared beforehand) over
  one connection to the same server: the cost of SMTP alone.

The SMTP server is the loopback sink of core.testing (aiosmtpd) in a process of its own, for both
runs. ``--quick`` sends 500 mails (a smoke run). Exit code 2 when the target is
missed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import smtplib
import subprocess
import sys
import time
from pathlib import Path

from benchlib import ROOT, VAR, machine, setup_django

TARGET_SECONDS = 60.0
BATCH_SIZE = 200


def load_data(count: int) -> int:
    """The demo (issue 2/22) plus ``count`` confirmed subscribers; returns the issue's id."""
    from django.db import transaction
    from django.utils import timezone, translation

    from integrationsnetz.core.demo.loader import core_demo_load
    from integrationsnetz.directory.demo import directory_demo_load
    from integrationsnetz.monitoring.demo import load_demo as monitoring_demo_load
    from integrationsnetz.news import services
    from integrationsnetz.news.demo import load_demo
    from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Subscriber, Subscription

    with translation.override("de"), transaction.atomic():
        core_demo_load()
        directory_demo_load(with_users=False)
        monitoring_demo_load()
        load_demo()
        newsletter = Newsletter.objects.get(slug="nordsachsen")
        Subscription.objects.all().delete()
        now = timezone.now()
        subscribers = Subscriber.objects.bulk_create(
            [Subscriber(email=f"bench{number:05d}@example.org") for number in range(count)], batch_size=2000
        )
        Subscription.objects.bulk_create(
            [
                Subscription(
                    subscriber=subscriber,
                    newsletter=newsletter,
                    status=Subscription.Status.ACTIVE,
                    confirmed_at=now,
                    language="de" if number % 5 else "en",
                )
                for number, subscriber in enumerate(subscribers)
            ],
            batch_size=2000,
        )
        # A fresh draft with the blocks of 2/22 (which was archived as sent).
        archived = Issue.objects.get(number="2/22")
        issue = services.issue_save(
            actor=None, newsletter=newsletter, number="3/22", title=archived.title, subject=archived.subject
        )
        for block in IssueBlock.objects.filter(issue=archived).prefetch_related("posts"):
            posts = list(block.posts.all())
            block.pk = None
            block.issue = issue
            block.save()
            block.posts.set(posts)
    return int(issue.pk)


def prepared_messages(issue_id: int) -> list[tuple[str, str, bytes]]:
    """(sender, recipient, bytes) of every mail, rendered by the same code, for the smtplib baseline."""
    from django.utils import translation

    from integrationsnetz.news import composition, selectors
    from integrationsnetz.news.models import Subscription

    issue = selectors.issue_with_blocks(issue_id=issue_id)
    assert issue is not None
    with translation.override("de"):
        blocks = composition.issue_blocks_resolve(issue)
    rendered = {
        language: composition.issue_mail_render(issue, language=language, blocks=blocks)
        for language in ("de", "en")
    }
    messages = []
    for number, subscription in enumerate(
        Subscription.objects.filter(newsletter=issue.newsletter).select_related("subscriber").order_by("id")
    ):
        message = composition.subscription_message_build(
            issue=issue,
            rendered=rendered[subscription.language],
            subscription=subscription,
            message_id=f"<baseline-{number}@bench.invalid>",
        )
        messages.append(
            (
                issue.newsletter.sender_email,
                subscription.subscriber.email,
                message.message().as_bytes(linesep="\r\n"),
            )
        )
    return messages


def worker_run(issue_id: int) -> tuple[float, int]:
    """The worker path, i.e. the Celery task ``deliver_issue`` run in this process: (seconds, sent)."""
    from integrationsnetz.news import services
    from integrationsnetz.news.models import Delivery, Issue

    started = time.perf_counter()
    # Without a broker the task runs in-process (eagerly); each batch queues the next one.
    services.issue_send(issue=Issue.objects.get(pk=issue_id), actor=None)
    seconds = time.perf_counter() - started
    return seconds, Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.SENT).count()


def baseline_run(host: str, port: int, messages: list[tuple[str, str, bytes]]) -> float:
    started = time.perf_counter()
    with smtplib.SMTP(host, port) as smtp:
        for sender, recipient, data in messages:
            smtp.sendmail(sender, [recipient], data)
    return time.perf_counter() - started


SINK_SCRIPT = """
import sys
from integrationsnetz.core.testing.smtp_sink import smtp_sink
import logging
logging.getLogger("mail.log").setLevel(logging.WARNING)
with smtp_sink() as sink:
    print(sink.port, flush=True)
    for line in sys.stdin:
        messages = sink.messages
        print(len(messages), len({str(m["To"]) for m in messages}), len(messages[0].as_bytes()) if messages else 0, flush=True)
        sink.clear()
"""


class Sink:
    """The loopback SMTP sink of core.testing in a process of its own (it parses every message; in
    this process it would compete with the sender for the interpreter)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SINK_SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        assert self.process.stdout is not None and self.process.stdin is not None
        self.port = int(self.process.stdout.readline())

    def received(self) -> tuple[int, int, int]:
        """(messages, distinct recipients, bytes of the first) since the last call; then empties."""
        assert self.process.stdout is not None and self.process.stdin is not None
        self.process.stdin.write("count\n")
        self.process.stdin.flush()
        count, distinct, size = (int(part) for part in self.process.stdout.readline().split())
        return count, distinct, size

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    count = 500 if args.quick else 10_000
    began = datetime.datetime.now(datetime.UTC)
    VAR.mkdir(parents=True, exist_ok=True)
    setup_django(VAR / "news-bench.sqlite3")
    from django.conf import settings

    loading = time.perf_counter()
    issue_id = load_data(count)
    loading_seconds = time.perf_counter() - loading
    sink = Sink()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.NEWS_SEND_PAUSE_SECONDS = 0
        settings.NEWS_SEND_BATCH_SIZE = BATCH_SIZE
        worker_seconds, sent = worker_run(issue_id)
        received, distinct, size = sink.received()
        messages = prepared_messages(issue_id)
        baseline_seconds = baseline_run("127.0.0.1", sink.port, messages)
        baseline_received, _distinct, _size = sink.received()
    finally:
        sink.close()
    ok = worker_seconds <= TARGET_SECONDS and sent == received == distinct == count
    lines = [
        "# News: sending an issue" + (" (quick run)" if args.quick else ""),
        "",
        f"Run on {began:%Y-%m-%d %H:%M} UTC by `bench/news_bench.py`"
        + (" --quick" if args.quick else "")
        + f", in-process against SQLite (fresh file, DEBUG off): issue 2/22 of the demo (live figures and "
        f"contacts) to {count:,} fictitious confirmed subscribers (4 in 5 German, 1 in 5 English), one "
        "worker, batches of "
        f"{BATCH_SIZE}, no throttle pause; the SMTP server is the aiosmtpd loopback sink of core.testing in "
        "a process of its own (for both runs).",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine().items()),
        "",
        "| what | mails | seconds | mails/s | target | met |",
        "|---|---|---|---|---|---|",
        f"| worker path: deliveries created, claimed, rendered, personalised, sent, marked | {sent:,} | "
        f"{worker_seconds:.1f} | {sent / worker_seconds:,.0f} | <= {TARGET_SECONDS:.0f} s | "
        f"{'yes' if ok else 'NO'} |",
        f"| baseline: plain smtplib, the same rendered messages, one connection | {baseline_received:,} | "
        f"{baseline_seconds:.1f} | {baseline_received / baseline_seconds:,.0f} | – | – |",
        "",
        f"Ratio worker / baseline: {worker_seconds / baseline_seconds:.2f}x "
        f"(the server received {received:,} mails for {distinct:,} distinct recipients; "
        f"one mail is {size:,} bytes with HTML and text parts).",
        f"Setting up the data (migrations excluded) took {loading_seconds:.0f} s.",
        f"Load average at the end: {', '.join(f'{value:.1f}' for value in os.getloadavg())}.",
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
