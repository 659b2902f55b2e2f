"""/api/v1/news: published posts, newsletters, sent issues, and the first step of subscribing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from integrationsnetz.news.models import Issue, Post, Subscription
from integrationsnetz.news.tests.factories import IssueFactory, NewsletterFactory, PostFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/news"


def test_posts_are_listed_filtered_and_paged(
    client: Client, actors: Any, django_assert_max_num_queries: Any
) -> None:
    PostFactory.create_batch(12, region=actors.eilenburg, kind=Post.Kind.NEWS)
    PostFactory.create(kind=Post.Kind.PRESS_RELEASE, number="7/2014", region=actors.state, slug="pm-7-2014")
    PostFactory.create(published_at=timezone.now() + timedelta(days=2), slug="spaeter")
    with django_assert_max_num_queries(3):
        page = client.get(f"{API}/posts", {"page_size": 5}).json()
    assert page["total"] == 13 and len(page["items"]) == 5
    assert client.get(f"{API}/posts", {"region": "14730"}).json()["total"] == 12
    press = client.get(f"{API}/posts", {"kind": "press_release"}).json()["items"]
    assert [item["number"] for item in press] == ["7/2014"]
    assert client.get(f"{API}/posts/pm-7-2014").json()["region"] == "14"
    assert client.get(f"{API}/posts/spaeter").status_code == 404
    assert client.get(f"{API}/posts", {"region": "00000"}).status_code == 404
    assert client.get(f"{API}/posts", {"kind": "unknown"}).status_code == 422


def test_newsletters_and_sent_issues(client: Client) -> None:
    newsletter = NewsletterFactory.create(slug="nordsachsen")
    IssueFactory.create(
        newsletter=newsletter, status=Issue.Status.SENT, sent_at=timezone.now(), number="2/22"
    )
    IssueFactory.create(newsletter=newsletter, number="3/22")
    assert [n["slug"] for n in client.get(f"{API}/newsletters").json()] == ["nordsachsen"]
    issues = client.get(f"{API}/newsletters/nordsachsen/issues").json()
    assert [issue["number"] for issue in issues] == ["2/22"] and issues[0]["pdf_url"].endswith("/pdf/")
    assert client.get(f"{API}/newsletters/unknown/issues").status_code == 404


def test_subscribing_through_the_api_needs_consent_and_confirmation(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    NewsletterFactory.create(slug="nordsachsen")
    url = f"{API}/newsletters/nordsachsen/subscriptions"
    refused = client.post(
        url, {"email": "neu@example.org", "consent": False}, content_type="application/json"
    )
    assert refused.status_code == 422
    bad = client.post(url, {"email": "kein-mail", "consent": True}, content_type="application/json")
    assert bad.status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(
            url, {"email": "neu@example.org", "consent": True}, content_type="application/json"
        )
    assert accepted.status_code == 202
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert len(mail.outbox) == 1
    assert (
        client.post(
            f"{API}/newsletters/x/subscriptions",
            {"email": "a@example.org", "consent": True},
            content_type="application/json",
        ).status_code
        == 404
    )
