"""Bounce reports: the provider's webhook (django-anymail, Postmark) and the bounce mailbox (DSN).

Both end in services.bounce_record, which records each report once and puts the address on hold
after a hard bounce or a spam complaint.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.dispatch import receiver

from integrationsnetz.news import services
from integrationsnetz.news.models import Bounce

# Postmark "Type" values that mean the address will not work (anymail maps both hard and soft
# bounces to "bounced", so the provider's own type decides).
POSTMARK_HARD = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated", "Blocked"}


@receiver(tracking, dispatch_uid="news-bounce-tracking")
def record_tracking_event(sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any) -> None:
    """Bounces and complaints from the provider's webhook; other events (opens, clicks) are ignored."""
    if event.event_type not in (EventType.BOUNCED, EventType.COMPLAINED) or not event.recipient:
        return
    esp_event = event.esp_event if isinstance(event.esp_event, dict) else {}
    if event.event_type == EventType.COMPLAINED:
        kind = Bounce.Kind.COMPLAINT
    elif esp_event.get("Type") in POSTMARK_HARD or esp_event.get("Inactive") is True:
        kind = Bounce.Kind.HARD
    else:
        kind = Bounce.Kind.SOFT
    services.bounce_record(
        email=event.recipient,
        kind=kind,
        source=f"webhook:{esp_name}",
        event_id=f"{esp_name}:{event.event_id or event.message_id}:{event.recipient}",
        received_at=event.timestamp,
        message_id=str(event.message_id or ""),
        description=str(event.description or event.mta_response or ""),
    )


@dataclass(frozen=True)
class DsnReport:
    """One recipient's part of a delivery status notification (RFC 3464)."""

    recipient: str
    kind: str
    status: str
    diagnostic: str
    original_message_id: str
    report_id: str


def dsn_reports(message: Message) -> Iterator[DsnReport]:
    """The failed recipients of a DSN; nothing for anything else (auto-replies, ordinary mail)."""
    if message.get_content_type() != "multipart/report":
        return
    original_id = ""
    status_blocks: list[Message] = []
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            payload = part.get_payload()
            status_blocks = (
                [block for block in payload if isinstance(block, Message)]
                if isinstance(payload, list)
                else []
            )
        elif content_type == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                original_id = str(payload[0].get("Message-ID", "")).strip()
        elif content_type == "text/rfc822-headers":
            headers = email.message_from_string(str(part.get_payload()))
            original_id = str(headers.get("Message-ID", "")).strip()
    report_id = str(message.get("Message-ID", "")).strip()
    for block in status_blocks:
        recipient_field = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
        if not recipient_field:
            continue
        recipient = recipient_field.split(";", 1)[-1].strip().strip("<>")
        action = str(block.get("Action", "")).strip().lower()
        status = str(block.get("Status", "")).strip()
        if action not in ("failed", "delayed"):
            continue
        kind = Bounce.Kind.HARD if action == "failed" and status.startswith("5") else Bounce.Kind.SOFT
        yield DsnReport(
            recipient=recipient,
            kind=kind,
            status=status,
            diagnostic=" ".join(str(block.get("Diagnostic-Code", "")).split()),
            original_message_id=original_id,
            report_id=report_id,
        )


def _messages(path: Path) -> Iterator[Message]:
    if path.is_dir():
        box: Any = mailbox.Maildir(path, factory=None, create=False)
    else:
        box = mailbox.mbox(path, create=False)
    try:
        for key in box.iterkeys():
            raw = box.get_bytes(key)
            yield email.message_from_bytes(raw, policy=email.policy.compat32)
    finally:
        box.close()


def bounce_mailbox_read(path: Path) -> tuple[int, int]:
    """Read every DSN in a Maildir (directory) or mbox (file); (reports seen, bounces newly recorded).

    Reading a mailbox twice records nothing new: a report is keyed by its own Message-ID and recipient.
    """
    seen = recorded = 0
    for message in _messages(path):
        for report in dsn_reports(message):
            seen += 1
            bounce = services.bounce_record(
                email=report.recipient,
                kind=report.kind,
                source="mailbox",
                event_id=f"dsn:{report.report_id or report.original_message_id}:{report.recipient}",
                message_id=report.original_message_id,
                description=f"{report.status} {report.diagnostic}".strip(),
            )
            recorded += bounce is not None
    return seen, recorded
