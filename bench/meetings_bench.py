#!/usr/bin/env python3
"""Meetings benchmark behind ``make bench``: invitation e-mails through the job queue to a real SMTP server.

A fresh SQLite file under var/bench/ is migrated; one meeting gets 2,000 invitations (``--quick``:
200). One Celery worker (``--pool=solo``, one process) on the local Redis takes the ``send_invitation``
jobs, renders each mail (HTML + text in the recipient's language, the .ics attachment, the signed
answer link), records the send-once marker and delivers it over SMTP to a local aiosmtpd server
(``integrationsnetz.core.testing.smtp_sink``). The figure is mails per second from the first job
queued to the last marker written (target: at least 100/s). The baseline, in the same run, sends the
very same messages (as received) with plain ``smtplib``: once with one connection per message (what
Django's SMTP backend does for a single mail) and once over one kept connection.

Without Redis the jobs run in-process (eagerly), which the report states. The worker is always
stopped, also on errors and Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import email.policy
import logging
import os
import smtplib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchlib import machine

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
# Run as ``python bench/meetings_bench.py``: the project's package lives under src/.
sys.path.insert(0, str(ROOT / "src"))
TARGET_PER_SECOND = 100.0
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
WAIT_SECONDS = 600


def redis_reachable() -> bool:
    import socket

    with contextlib.suppress(OSError), socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1):
        return True
    return False


def environment(database: Path, email_url: str, broker: str) -> dict[str, str]:
    """The worker's (and this process's) settings; without a broker, tasks run in-process."""
    from integrationsnetz.core.testing.celery_worker import worker_environment

    return worker_environment(
        database_url=f"sqlite:///{database}?conn_max_age=60",
        broker_url=broker,
        email_url=email_url,
        var_dir=VAR / "meetings-var",
        ENVIRONMENT="development",
        DEBUG="false",
        PYTHONDONTWRITEBYTECODE="1",
    )


def prepare_database(env: dict[str, str], database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )


def create_invitations(count: int) -> tuple[int, list[int]]:
    """One meeting and ``count`` invitations (half German, half English); returns their ids."""
    from django.utils import timezone

    from integrationsnetz.core.models import Region
    from integrationsnetz.meetings.models import Invitation, Meeting, MeetingSeries

    region = Region.objects.create(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE, path="/14/")
    series = MeetingSeries.objects.create(
        name="Netzwerktreffen NIMS (Benchmark)", slug="nims-bench", kind="state_network", region=region
    )
    start = timezone.now() + datetime.timedelta(days=30)
    meeting = Meeting.objects.create(
        series=series,
        title="NIMS-Netzwerktreffen (Benchmark)",
        motto="Gradmesser der Integration",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        venue_name="Sächsischer Landtag",
        venue_address="Bernhard-von-Lindenau-Platz 1, 01067 Dresden",
        status=Meeting.Status.REGISTRATION_OPEN,
        capacity=count,
    )
    Invitation.objects.bulk_create(
        Invitation(
            meeting=meeting,
            email=f"person{number}@example.org",
            name=f"Person {number}",
            language="de" if number % 2 == 0 else "en",
        )
        for number in range(count)
    )
    return meeting.pk, list(Invitation.objects.filter(meeting=meeting).values_list("pk", flat=True))


def sent_markers(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as connection:
        (count,) = connection.execute(
            "SELECT COUNT(*) FROM core_sentmail WHERE key LIKE 'meetings:invitation:%'"
        ).fetchone()
    return int(count)


def wait_until_ready(log_path: Path, worker: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"worker exited:\n{log_path.read_text(errors='replace')[-3000:]}")
        # A solo worker on Redis prints nothing at WARNING level when ready; inspect answers once it is.
        from integrationsnetz.celery import app

        replies = app.control.inspect(timeout=1.0).ping()
        if replies:
            return
    raise RuntimeError("worker did not come up within 60 s")


def plain_smtplib(host: str, port: int, messages: list[Any], *, reuse: bool) -> float:
    """Seconds to send ``messages`` (as received) with plain smtplib; one connection or one each."""
    # smtplib sends bytes as they are: they need the CRLF line ends of the wire format.
    payloads = [
        (message["From"], [message["To"]], message.as_bytes(policy=email.policy.SMTP)) for message in messages
    ]
    started = time.perf_counter()
    if reuse:
        with smtplib.SMTP(host, port) as client:
            for sender, recipients, payload in payloads:
                client.sendmail(sender, recipients, payload)
    else:
        for sender, recipients, payload in payloads:
            with smtplib.SMTP(host, port) as client:
                client.sendmail(sender, recipients, payload)
    return time.perf_counter() - started


def run(count: int) -> dict[str, Any]:
    from integrationsnetz.core.testing.celery_worker import redis_database, worker_start, worker_stop
    from integrationsnetz.core.testing.smtp_sink import smtp_sink

    # aiosmtpd logs every SMTP command at INFO; thousands of lines would drown the report.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    VAR.mkdir(parents=True, exist_ok=True)
    database = VAR / "meetings.sqlite3"
    result: dict[str, Any] = {"count": count, "notes": []}
    with contextlib.ExitStack() as stack:
        sink = stack.enter_context(smtp_sink())
        broker = stack.enter_context(redis_database(claim_seconds=1800)) if redis_reachable() else ""
        result["queue"] = (
            "Celery worker (--pool=solo) on Redis" if broker else "in-process (eager): Redis not reachable"
        )
        env = environment(database, sink.url, broker)
        prepare_database(env, database)
        os.environ.update(env)
        import django

        django.setup()
        from integrationsnetz.meetings.services import INVITATION_BATCH
        from integrationsnetz.meetings.tasks import send_invitations

        _, ids = create_invitations(count)
        worker = None
        if broker:
            log_path = VAR / "meetings-worker.log"
            worker = worker_start(
                env,
                log=stack.enter_context(log_path.open("wb")),
                name="meetings-bench@%h",
                loglevel="WARNING",
            )
            stack.callback(worker_stop, worker)
            wait_until_ready(log_path, worker)
        started = time.perf_counter()
        for batch in [
            ids[start : start + INVITATION_BATCH] for start in range(0, len(ids), INVITATION_BATCH)
        ]:
            send_invitations.delay(batch, "invitation", 0)
        result["enqueue_seconds"] = time.perf_counter() - started
        deadline = time.monotonic() + WAIT_SECONDS
        while sent_markers(database) < count and time.monotonic() < deadline:
            if worker is not None and worker.poll() is not None:
                break
            time.sleep(0.02)  # polling interval, not a measured pause
        elapsed = time.perf_counter() - started
        # The last marker commits just before its message is handed to the server; wait for delivery.
        while sink.count < count and time.monotonic() < deadline:
            time.sleep(0.01)
        result["queue_seconds"] = time.perf_counter() - started if sink.count >= count else elapsed
        messages = sink.messages
        result["delivered"] = len(messages)
        result["distinct_recipients"] = len({message["To"] for message in messages})
        result["with_calendar"] = sum(
            1 for message in messages if any(p.get_content_type() == "text/calendar" for p in message.walk())
        )
        result["markers"] = sent_markers(database)
        sink.clear()
        result["smtplib_each_seconds"] = plain_smtplib(sink.host, sink.port, messages, reuse=False)
        sink.clear()
        result["smtplib_reuse_seconds"] = plain_smtplib(sink.host, sink.port, messages, reuse=True)
    result["per_second"] = count / result["queue_seconds"]
    result["smtplib_each_per_second"] = count / result["smtplib_each_seconds"]
    result["smtplib_reuse_per_second"] = count / result["smtplib_reuse_seconds"]
    return result


def report(result: dict[str, Any], quick: bool) -> str:
    passed = (
        result["per_second"] >= TARGET_PER_SECOND
        and result["delivered"] == result["count"] == result["distinct_recipients"] == result["markers"]
    )
    lines = [
        "# Meetings: invitations through the job queue",
        "",
        f"Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC" + (" (quick run)" if quick else ""),
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine().items()),
        "",
        f"{result['count']:,} invitations of one meeting, each a job `send_invitation(invitation_id, kind, "
        "sequence)` that renders HTML + text in the recipient's language (half German, half English), builds "
        "the .ics (stable UID, Europe/Berlin), signs the answer link, writes the send-once marker and sends "
        "over SMTP to a local aiosmtpd server. Database: a fresh SQLite file. Queue: "
        f"{result['queue']}, one worker process.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| mails per second through the queue (first job queued to last mail delivered) | **{result['per_second']:.0f}/s** |",
        f"| total time | {result['queue_seconds']:.2f} s (queueing the jobs: {result['enqueue_seconds']:.2f} s) |",
        f"| delivered / distinct recipients / send-once markers | {result['delivered']} / "
        f"{result['distinct_recipients']} / {result['markers']} |",
        f"| mails with an .ics part | {result['with_calendar']} |",
        f"| baseline: plain smtplib, same messages, one connection per message | {result['smtplib_each_per_second']:.0f}/s |",
        f"| baseline: plain smtplib, same messages, one kept connection | {result['smtplib_reuse_per_second']:.0f}/s |",
        f"| ratio queue / smtplib (connection per message) | {result['per_second'] / result['smtplib_each_per_second']:.2f} |",
        f"| ratio queue / smtplib (kept connection) | {result['per_second'] / result['smtplib_reuse_per_second']:.2f} |",
        "",
        f"Target: at least {TARGET_PER_SECOND:.0f} mails per second with one worker, every mail exactly once: "
        f"**{'met' if passed else 'NOT met'}**.",
        "",
        "The baseline sends already rendered messages, so the ratio is the cost of the job queue, the "
        "database work (loading the invitation, the send-once marker, the status) and rendering per mail.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=None, help="Markdown report to write.")
    parser.add_argument("--quick", action="store_true", help="200 invitations instead of 2,000.")
    parser.add_argument("--count", type=int, default=None, help="Number of invitations.")
    options = parser.parse_args(argv)
    count = options.count or (200 if options.quick else 2000)
    text = report(run(count), options.quick)
    output = options.output or (VAR / ("meetings-quick.md" if options.quick else "meetings.md"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
