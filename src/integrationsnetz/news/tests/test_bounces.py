"""The bounce mailbox: DSN messages in a Maildir or mbox; hard bounces put addresses on hold."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from integrationsnetz.news.bounces import dsn_reports
from integrationsnetz.news.models import Bounce
from integrationsnetz.news.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def _dsn(
    recipient: str, *, action: str = "failed", status: str = "5.1.1", report_id: str = "<r1@mx>"
) -> bytes:
    """A delivery status notification as Postfix writes it (RFC 3464)."""
    return (
        "From: MAILER-DAEMON@mx.example.org\r\n"
        f"To: bounces@integrationsnetz.example.org\r\nMessage-ID: {report_id}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you...\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: {action}\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: <news-1.2@integrationsnetz.example.org>\r\nTo: {recipient}\r\n"
        "--B--\r\n"
    ).encode()


def test_dsn_reports_tell_hard_from_soft() -> None:
    import email

    hard = list(dsn_reports(email.message_from_bytes(_dsn("weg@example.org"))))
    assert [(r.recipient, r.kind, r.status) for r in hard] == [("weg@example.org", "hard", "5.1.1")]
    assert hard[0].original_message_id == "<news-1.2@integrationsnetz.example.org>"
    soft = list(
        dsn_reports(email.message_from_bytes(_dsn("voll@example.org", action="delayed", status="4.2.2")))
    )
    assert soft[0].kind == "soft"
    plain = EmailMessage()
    plain.set_content("Ich bin im Urlaub.")
    assert list(dsn_reports(plain)) == []


def test_reading_a_maildir_twice_holds_once(tmp_path: Path, capsys: Any) -> None:
    gone = SubscriptionFactory.create(subscriber__email="weg@example.org")
    full = SubscriptionFactory.create(subscriber__email="voll@example.org")
    box = mailbox.Maildir(tmp_path / "bounces", create=True)
    box.add(_dsn("weg@example.org"))
    box.add(_dsn("voll@example.org", action="delayed", status="4.2.2", report_id="<r2@mx>"))
    box.close()
    call_command("read_bounce_mailbox", str(tmp_path / "bounces"))
    call_command("read_bounce_mailbox", str(tmp_path / "bounces"))
    assert "2 bounce reports read, 0 new" in capsys.readouterr().out
    gone.subscriber.refresh_from_db()
    full.subscriber.refresh_from_db()
    assert gone.subscriber.on_hold and not full.subscriber.on_hold
    assert Bounce.objects.count() == 2


def test_reading_an_mbox(tmp_path: Path) -> None:
    gone = SubscriptionFactory.create(subscriber__email="weg@example.org")
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    box.add(_dsn("weg@example.org"))
    box.close()
    call_command("read_bounce_mailbox", str(path))
    gone.subscriber.refresh_from_db()
    assert gone.subscriber.on_hold


def test_a_missing_mailbox_is_an_error(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("read_bounce_mailbox", str(tmp_path / "missing"))
