"""E-mail that every module sends: rendered in the recipient's language, and sent at most once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from integrationsnetz.core.models import SentMail

#: An attached file: (file name, content, MIME type), e.g. ("einladung.ics", b"...", "text/calendar").
Attachment = tuple[str, bytes, str]


def mail_send_once(
    *,
    key: str,
    recipient: str,
    language: str,
    template: str,
    context: dict[str, Any],
    attachments: Sequence[Attachment] = (),
    connection: Any = None,
) -> bool:
    """Send ``template`` to ``recipient`` unless a mail with ``key`` already went out; True if sent.

    ``template`` names three files: ``<template>_subject.txt``, ``<template>.txt`` and
    ``<template>.html``. The marker row is written in the same transaction as the sending: if sending
    fails, the marker is rolled back and a retry sends; if it succeeded, a retried task finds the
    marker and sends nothing. ``connection`` (an open mail backend) lets a batch of mails share one
    SMTP session.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentMail.objects.create(key=key[:200], recipient=recipient)
        except IntegrityError:
            return False
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {**context, "site_url": settings.SITE_URL}
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            text = render_to_string(f"{template}.txt", context)
            html = render_to_string(f"{template}.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            to=[recipient],
            headers={"Content-Language": language},
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        for attachment in attachments:
            message.attach(*attachment)
        message.send()
    return True
