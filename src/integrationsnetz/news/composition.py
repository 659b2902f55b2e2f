"""An issue put together from its blocks, as web page, e-mail (HTML + text) and PDF.

Contacts, figures and meetings are read live when the issue is rendered, so a preview always shows
what the directory, monitoring and meetings hold now. An e-mail is rendered once per language with a
placeholder where each subscriber's unsubscribe token goes: personalising 10,000 mails is then a
string replacement, not 10,000 template renderings.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from integrationsnetz.news.models import Issue, IssueBlock, Subscription
from integrationsnetz.news.selectors import ContactsBlock, contacts_block

TOKEN_PLACEHOLDER = "__NEWS_UNSUBSCRIBE_TOKEN__"  # noqa: S105 - a marker, not a secret


@dataclass
class ResolvedBlock:
    """A block with what it shows, read from the other apps."""

    block: IssueBlock
    contacts: ContactsBlock | None = None
    figures: Any = None
    meetings: list[Any] = field(default_factory=list)


def _figures(block: IssueBlock) -> Any:
    from integrationsnetz.monitoring.blocks import figures_block

    if not block.indicator_slug or block.region is None:
        return None
    return figures_block(
        indicator_slug=block.indicator_slug,
        region_key=block.region.key,
        periods=block.periods,
        chart=block.chart,
    )


def _meetings(block: IssueBlock, now: datetime.datetime) -> list[Any]:
    from integrationsnetz.meetings.selectors import meeting_list_upcoming

    return list(
        meeting_list_upcoming(since=now, limit=block.limit, region=block.region, series=block.meeting_series)
    )


def issue_blocks_resolve(issue: Issue, *, now: datetime.datetime | None = None) -> list[ResolvedBlock]:
    """The issue's blocks in order with their live content (``issue`` from ``issue_with_blocks``)."""
    now = now or timezone.now()
    resolved = []
    for block in issue.blocks.all():
        item = ResolvedBlock(block=block)
        if block.kind == IssueBlock.Kind.CONTACTS and block.organisation is not None:
            item.contacts = contacts_block(organisation=block.organisation)
        elif block.kind == IssueBlock.Kind.FIGURES:
            item.figures = _figures(block)
        elif block.kind == IssueBlock.Kind.MEETINGS:
            item.meetings = _meetings(block, now)
        resolved.append(item)
    return resolved


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(token: str) -> str:
    return absolute(reverse("news:unsubscribe", args=[token]))


def issue_web_url(issue: Issue) -> str:
    return absolute(reverse("news:issue", args=[issue.newsletter.slug, issue.pk]))


def _context(issue: Issue, blocks: list[ResolvedBlock], *, for_mail: bool) -> dict[str, Any]:
    return {
        "issue": issue,
        "newsletter": issue.newsletter,
        "blocks": blocks,
        "for_mail": for_mail,
        "site_url": settings.SITE_URL,
        "web_url": issue_web_url(issue),
        "unsubscribe_url": unsubscribe_url(TOKEN_PLACEHOLDER),
    }


@dataclass(frozen=True)
class RenderedMail:
    """An issue's e-mail in one language, with ``TOKEN_PLACEHOLDER`` where the personal token goes."""

    subject: str
    text: str
    html: str
    language: str


# SMTP allows lines of at most 998 octets; Django falls back to quoted-printable for a body with a
# longer line, which is slow to encode in Python and bloats every mail. Inline SVG charts come as one
# long line, paragraphs can be long too: such lines are broken between tags or at a space, where a
# line break changes nothing in HTML (and in text only where the line was too long for SMTP anyway).
MAX_LINE_CHARACTERS = 240  # at most 960 octets even if every character took four


def short_lines(body: str) -> str:
    lines = []
    for line in body.splitlines():
        while len(line) > MAX_LINE_CHARACTERS:
            cut = max(line.rfind("><", 1, MAX_LINE_CHARACTERS) + 1, line.rfind(" ", 1, MAX_LINE_CHARACTERS))
            if cut <= 0:
                break  # one unbreakable word: left to quoted-printable
            lines.append(line[:cut])
            line = line[cut:].lstrip(" ") if line[cut] == " " else line[cut:]
        lines.append(line)
    return "\n".join(lines) + "\n"


def issue_mail_render(
    issue: Issue, *, language: str, blocks: list[ResolvedBlock] | None = None
) -> RenderedMail:
    with translation.override(language):
        blocks = blocks if blocks is not None else issue_blocks_resolve(issue)
        context = _context(issue, blocks, for_mail=True)
        return RenderedMail(
            subject=issue.subject,
            text=short_lines(render_to_string("news/email/issue.txt", context)),
            html=short_lines(render_to_string("news/email/issue.html", context)),
            language=language,
        )


def rendered_mails_dump(mails: list[RenderedMail]) -> dict[str, dict[str, str]]:
    return {mail.language: asdict(mail) for mail in mails}


def rendered_mails_load(stored: dict[str, dict[str, str]]) -> dict[str, RenderedMail]:
    return {language: RenderedMail(**values) for language, values in stored.items()}


def issue_page_context(issue: Issue) -> dict[str, Any]:
    """Context of the web view and the PDF (no personal link: the archive is public)."""
    return _context(issue, issue_blocks_resolve(issue), for_mail=False)


def message_id_new(issue: Issue) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "integrationsnetz.invalid"
    return make_msgid(idstring=f"news-{issue.pk}", domain=domain)


def issue_message_build(
    *,
    issue: Issue,
    rendered: RenderedMail,
    recipient: str,
    token: str,
    message_id: str,
    connection: Any = None,
    subject_prefix: str = "",
) -> EmailMultiAlternatives:
    """One personal mail: HTML + text, one-click unsubscribe headers (RFC 2369, RFC 8058)."""
    newsletter = issue.newsletter
    link = unsubscribe_url(token)
    domain = urlsplit(settings.SITE_URL).hostname or "integrationsnetz.invalid"
    headers = {
        "Message-ID": message_id,
        "List-Id": f"{newsletter.name} <{newsletter.slug}.{domain}>",
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Archive": f"<{absolute(reverse('news:archive', args=[newsletter.slug]))}>",
        "Precedence": "bulk",
        "Content-Language": rendered.language,
    }
    message = EmailMultiAlternatives(
        subject=f"{subject_prefix}{rendered.subject}",
        body=rendered.text.replace(TOKEN_PLACEHOLDER, token),
        from_email=newsletter.from_header,
        to=[recipient],
        reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(rendered.html.replace(TOKEN_PLACEHOLDER, token), "text/html")
    return message


# Placeholders of a per-language mail template; every one is plain ASCII that no encoding changes.
RECIPIENT_PLACEHOLDER = "recipient@news-placeholder.invalid"
MESSAGE_ID_PLACEHOLDER = "<message-id@news-placeholder.invalid>"


@dataclass(frozen=True)
class MailTemplate:
    """A whole mail as SMTP bytes with placeholders for recipient, token and Message-ID.

    Building the MIME structure of a 50 kB mail costs more than sending it; with a template, each
    personal mail is three byte replacements (see bench/news_bench.py).
    """

    data: bytes

    def personal(self, *, recipient: str, token: str, message_id: str) -> bytes | None:
        """The mail for one subscriber; None when the address needs encoding (then build it normally)."""
        if not (recipient.isascii() and token.isascii() and message_id.isascii()):
            return None
        return (
            self.data.replace(RECIPIENT_PLACEHOLDER.encode(), recipient.encode())
            .replace(TOKEN_PLACEHOLDER.encode(), token.encode())
            .replace(MESSAGE_ID_PLACEHOLDER.encode(), message_id.encode())
        )


def mail_template_build(issue: Issue, rendered: RenderedMail) -> MailTemplate | None:
    """The template of one language, or None if a placeholder did not survive the encoding intact
    (e.g. a body that had to be quoted-printable); then every mail is built on its own."""
    message = issue_message_build(
        issue=issue,
        rendered=rendered,
        recipient=RECIPIENT_PLACEHOLDER,
        token=TOKEN_PLACEHOLDER,
        message_id=MESSAGE_ID_PLACEHOLDER,
    )
    data = message.message().as_bytes(linesep="\r\n")
    tokens = 1 + rendered.text.count(TOKEN_PLACEHOLDER) + rendered.html.count(TOKEN_PLACEHOLDER)
    if (
        data.count(TOKEN_PLACEHOLDER.encode()) != tokens
        or data.count(RECIPIENT_PLACEHOLDER.encode()) != 1
        or data.count(MESSAGE_ID_PLACEHOLDER.encode()) != 1
    ):
        return None
    return MailTemplate(data=data)


def subscription_message_build(
    *,
    issue: Issue,
    rendered: RenderedMail,
    subscription: Subscription,
    message_id: str,
    connection: Any = None,
) -> EmailMultiAlternatives:
    return issue_message_build(
        issue=issue,
        rendered=rendered,
        recipient=subscription.subscriber.email,
        token=subscription.token,
        message_id=message_id,
        connection=connection,
    )


PDF_STYLESHEETS = ("news/news.css", "monitoring/monitoring.css")


def issue_pdf(issue: Issue, *, base_url: str) -> bytes:
    """The issue as PDF (WeasyPrint), from the same blocks as the web page.

    Style sheets are read from the static files on disk, not fetched over HTTP from the site itself.
    """
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    html = render_to_string("news/issue_pdf.html", issue_page_context(issue))
    paths = [finders.find(name) for name in PDF_STYLESHEETS]
    stylesheets = [CSS(filename=str(path)) for path in paths if isinstance(path, str)]
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=stylesheets))
