"""The news part of /api/v1 (a django-ninja router that api/v1.py mounts at /news).

Open reads of published posts and sent issues, and the first step of a subscription (the double
opt-in mail; nothing is sent to the address before its owner confirms).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from integrationsnetz.api.auth import READ_ERRORS, WRITE_ERRORS
from integrationsnetz.api.schemas import MAX_PAGE, MAX_PAGE_SIZE, Text
from integrationsnetz.core.models import Region
from integrationsnetz.news import selectors, services
from integrationsnetz.news.composition import absolute
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Post, SubscriberRole

router = Router(tags=["news"])


class PostOut(Schema):
    slug: str
    kind: str
    number: str
    title: str
    summary: str
    body: str
    region: str | None = Field(None, description="Official key of the region.")
    author: str
    published_at: datetime
    url: str


class PostPage(Schema):
    items: list[PostOut]
    total: int
    page: int
    page_size: int


class PostFilters(Schema):
    q: Text = Field("", max_length=200, description="Words in title, summary or text.")
    kind: Post.Kind | None = None
    region: Text = Field("", max_length=32, description="Official key; includes the regions below it.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class NewsletterOut(Schema):
    slug: str
    name: str
    description: str
    region: str
    sender_name: str
    active: bool


class MeetingSeriesOut(Schema):
    slug: str
    name: str
    url: str


class IssueOut(Schema):
    id: int
    number: str
    title: str
    sent_at: datetime | None
    url: str
    pdf_url: str
    meeting_series: list[MeetingSeriesOut] = Field(
        description="The meeting series whose upcoming meetings a block of the issue lists, in block order."
    )


class SubscribeIn(Schema):
    email: Text = Field(max_length=254)
    language: str = Field("de", description="de or en")
    region: Text = Field("", max_length=32, description="Official key of the region the reader works in.")
    role: str = ""
    consent: Literal[True] = Field(description="The reader agrees to the wording the newsletter shows.")


class AcceptedOut(Schema):
    detail: str


def _post_out(post: Post) -> dict[str, Any]:
    return {
        "slug": post.slug,
        "kind": post.kind,
        "number": post.number,
        "title": post.title,
        "summary": post.summary,
        "body": post.body,
        "region": post.region.key if post.region else None,
        "author": post.author,
        "published_at": post.published_at,
        "url": absolute(reverse("news:post", args=[post.slug])),
    }


@router.get("/posts", response={200: PostPage, **READ_ERRORS})
def post_list(request: HttpRequest, filters: Query[PostFilters]) -> dict[str, Any]:
    region = Region.objects.filter(key=filters.region).first() if filters.region else None
    if filters.region and region is None:
        raise Http404
    posts = selectors.post_search(query=filters.q, kind=filters.kind or "", region=region)
    start = (filters.page - 1) * filters.page_size
    return {
        "items": [_post_out(post) for post in posts[start : start + filters.page_size]],
        "total": posts.count(),
        "page": filters.page,
        "page_size": filters.page_size,
    }


@router.get("/posts/{slug}", response={200: PostOut, **READ_ERRORS})
def post_get(request: HttpRequest, slug: str) -> dict[str, Any]:
    post = selectors.post_detail(slug=slug)
    if post is None:
        raise Http404
    return _post_out(post)


@router.get("/newsletters", response={200: list[NewsletterOut], **READ_ERRORS})
def newsletter_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "slug": newsletter.slug,
            "name": newsletter.name,
            "description": newsletter.description,
            "region": newsletter.region.key,
            "sender_name": newsletter.sender_name,
            "active": newsletter.active,
        }
        for newsletter in selectors.newsletters_open()
    ]


def _meeting_series_out(issue: Issue) -> list[dict[str, str]]:
    """The series the issue's meetings blocks name (``Issue.meeting_blocks``, see ``issues_sent``)."""
    blocks: list[IssueBlock] = issue.meeting_blocks  # type: ignore[attr-defined]
    named = [block.meeting_series for block in blocks]
    return [
        {"slug": series.slug, "name": series.name, "url": absolute(series.get_absolute_url())}
        for series in named
        if series is not None
    ]


@router.get("/newsletters/{slug}/issues", response={200: list[IssueOut], **READ_ERRORS})
def issue_list(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    newsletter = Newsletter.objects.filter(slug=slug).first()
    if newsletter is None:
        raise Http404
    return [
        {
            "id": issue.pk,
            "number": issue.number,
            "title": issue.title,
            "sent_at": issue.sent_at,
            "url": absolute(reverse("news:issue", args=[slug, issue.pk])),
            "pdf_url": absolute(reverse("news:issue_pdf", args=[slug, issue.pk])),
            "meeting_series": _meeting_series_out(issue),
        }
        for issue in selectors.issues_sent(newsletter=newsletter, with_meeting_series=True)
    ]


@router.post("/newsletters/{slug}/subscriptions", response={202: AcceptedOut, **WRITE_ERRORS})
def subscribe(request: HttpRequest, slug: str, payload: SubscribeIn) -> Status[dict[str, Any]]:
    """Ask for a subscription: the address gets a confirmation link; the same answer whatever its state."""
    newsletter = Newsletter.objects.filter(slug=slug, active=True).first()
    if newsletter is None:
        raise Http404
    try:
        validate_email(payload.email)
    except ValidationError:
        # The same shape as every other 422 of the API: one entry per refused field.
        error = {
            "loc": ["body", "payload", "email"],
            "msg": _("Enter a valid e-mail address."),
            "type": "value_error",
        }
        return Status(422, {"detail": [error]})
    languages = {code for code, _name in settings.LANGUAGES}
    region = Region.objects.filter(key=payload.region).first() if payload.region else None
    services.subscription_request(
        newsletter=newsletter,
        email=payload.email,
        language=payload.language if payload.language in languages else settings.LANGUAGE_CODE,
        region=region,
        role=payload.role if payload.role in SubscriberRole.values else "",
        wording=services.consent_wording(newsletter),
        source="api",
    )
    return Status(202, {"detail": "If the address can subscribe, a confirmation link was sent to it."})
