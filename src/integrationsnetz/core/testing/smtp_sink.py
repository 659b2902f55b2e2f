"""A real SMTP server on loopback that keeps what it receives, for mail tests and benchmarks.

It speaks SMTP over TCP (aiosmtpd), so Django's SMTP backend, a Celery worker in another process or
plain smtplib can send to it; ``messages`` holds every message, parsed, in arrival order.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Collector:
    """Keeps the raw bytes: parsing waits until a test asks, so the server answers SMTP at once."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []
        self.parsed: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.raw.append(envelope.original_content)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            for data in self.raw[len(self.parsed) :]:
                self.parsed.append(email.message_from_bytes(data, policy=email.policy.default))
            return list(self.parsed)

    def clear(self) -> None:
        with self.lock:
            self.raw.clear()
            self.parsed.clear()
            self.envelopes.clear()


class SmtpSink:
    """``host``/``port`` to send to; ``messages``/``envelopes`` what arrived; ``url`` for EMAIL_URL."""

    def __init__(self, controller: Controller, collector: _Collector) -> None:
        self._controller = controller
        self._collector = collector
        self.host = "127.0.0.1"
        self.port = int(controller.port)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        return self._collector.messages()

    @property
    def count(self) -> int:
        """How many messages arrived (without parsing them)."""
        with self._collector.lock:
            return len(self._collector.raw)

    @property
    def envelopes(self) -> list[tuple[str, list[str]]]:
        with self._collector.lock:
            return list(self._collector.envelopes)

    def clear(self) -> None:
        self._collector.clear()


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield SmtpSink(controller, collector)
    finally:
        controller.stop()
