"""Send-once e-mail with an attachment (the .ics of a meeting).

``core.mail.mail_send_once`` cannot attach files, so this is its twin with one extra argument; it
uses the same ``SentMail`` marker and the same rule: the marker row and the sending share one
transaction, so a failed send leaves no marker (a retry sends) and a sent one blocks every retry.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from integrationsnetz.core.models import SentMail


def mail_with_attachment_send_once(
    *,
    key: str,
    recipient: str,
    language: str,
    template: str,
    context: dict[str, Any],
    attachment: tuple[str, bytes, str] | None = None,
    connection: Any = None,
) -> bool:
    """Send unless a mail with ``key`` already went out; ``attachment`` is (file name, content, type).

    ``connection`` (an open mail backend) lets a batch of mails share one SMTP session.
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
        if attachment is not None:
            message.attach(*attachment)
        message.send()
    return True
