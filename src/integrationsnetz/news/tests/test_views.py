"""The news pages over HTTP: archive and search, feeds, subscription flow, issue views, sending."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from integrationsnetz.news.models import ConsentRecord, Delivery, Issue, Post, Subscription
from integrationsnetz.news.tests.factories import (
    IssueBlockFactory,
    IssueFactory,
    NewsletterFactory,
    PostFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(actors: Any) -> Any:
    return NewsletterFactory.create(
        slug="nordsachsen", name="Newsletter Nordsachsen", region=actors.nordsachsen
    )


@pytest.fixture
def draft(newsletter: Any) -> Issue:
    issue = IssueFactory.create(newsletter=newsletter, number="3/22", title="Entwurf")
    IssueBlockFactory.create(issue=issue, heading="Liebe Leserinnen und Leser", body="Ein Grußwort.")
    return issue


def _xml(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)  # noqa: S314 - our own feed, not untrusted input


def _issue_url(name: str, issue: Issue) -> str:
    return reverse(f"news:{name}", args=[issue.newsletter.slug, issue.pk])


def test_archive_lists_published_posts_and_searches(client: Client, actors: Any) -> None:
    PostFactory.create(
        title="Kursbuch vorgestellt", kind=Post.Kind.PRESS_RELEASE, number="7/2014", region=actors.state
    )
    PostFactory.create(
        title="Netzwerktreffen Eilenburg", kind=Post.Kind.GOOD_PRACTICE, region=actors.nordsachsen
    )
    PostFactory.create(title="Noch nicht erschienen", published_at=timezone.now() + timedelta(days=1))
    html = client.get(reverse("news:archive_posts")).content.decode()
    assert "Kursbuch vorgestellt" in html and "Netzwerktreffen Eilenburg" in html
    assert "Noch nicht erschienen" not in html
    found = client.get(reverse("news:archive_posts"), {"q": "kursbuch"}).content.decode()
    assert "Kursbuch vorgestellt" in found and "Netzwerktreffen" not in found
    by_region = client.get(reverse("news:archive_posts"), {"region": "14730"}).content.decode()
    assert "Netzwerktreffen Eilenburg" in by_region and "Kursbuch" not in by_region
    by_kind = client.get(reverse("news:archive_posts"), {"kind": "press_release"}).content.decode()
    assert "Kursbuch" in by_kind and "Netzwerktreffen" not in by_kind


def test_archive_query_count_does_not_grow(client: Client, django_assert_max_num_queries: Any) -> None:
    PostFactory.create_batch(25)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("news:archive_posts")).status_code == 200


def test_post_detail_shows_the_press_contact_by_function_without_consent(client: Client, actors: Any) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    contact = ContactPersonFactory(
        organisation=actors.organisation, name="Markus Guffler", function="Presse- und Öffentlichkeitsarbeit"
    )
    post = PostFactory.create(kind=Post.Kind.PRESS_RELEASE, number="7/2014", press_contact=contact)
    html = client.get(reverse("news:post", args=[post.slug])).content.decode()
    assert "Presse- und Öffentlichkeitsarbeit" in html and "7/2014" in html
    assert "Markus Guffler" not in html
    unpublished = PostFactory.create(published_at=None)
    assert client.get(reverse("news:post", args=[unpublished.slug])).status_code == 404


def test_feeds_per_kind_and_region(client: Client, actors: Any) -> None:
    PostFactory.create(title="Pressemitteilung", kind=Post.Kind.PRESS_RELEASE, region=actors.state)
    PostFactory.create(title="Interview Eilenburg", kind=Post.Kind.INTERVIEW, region=actors.eilenburg)
    rss = client.get(reverse("news:feed_rss"), {"kind": "press_release"})
    titles = [item.findtext("title") for item in _xml(rss.content).iter("item")]
    assert titles == ["Pressemitteilung"]
    atom = client.get(reverse("news:feed_atom"), {"region": "14730"})
    assert atom["Content-Type"].startswith("application/atom+xml")
    namespace = "{http://www.w3.org/2005/Atom}"
    entries = [entry.findtext(f"{namespace}title") for entry in _xml(atom.content).iter(f"{namespace}entry")]
    assert entries == ["Interview Eilenburg"]


def test_subscribe_confirm_unsubscribe(
    client: Client, newsletter: Any, django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("news:archive", args=[newsletter.slug])
    assert client.post(url, {"email": "neu@example.org", "language": "de"}).status_code == 200  # no consent
    assert not Subscription.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "email": "neu@example.org",
                "language": "en",
                "region": "14730",
                "role": "volunteer",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING and subscription.region is not None
    confirm_url = reverse("news:confirm", args=[subscription.confirm_token])
    assert confirm_url in mail.outbox[0].body
    # A link scanner fetching the link confirms nothing.
    assert client.get(confirm_url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING
    assert client.post(confirm_url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
    assert ConsentRecord.objects.filter(subscription=subscription, action="confirmed").exists()
    unsubscribe_url = reverse("news:unsubscribe", args=[subscription.token])
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(unsubscribe_url).status_code == 200
    assert anonymous.post(unsubscribe_url).status_code == 200
    assert anonymous.post(unsubscribe_url).status_code == 200  # idempotent
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED
    assert client.post(reverse("news:unsubscribe", args=["unknown"])).status_code == 404
    assert client.post(reverse("news:confirm", args=["unknown"])).status_code == 404


def test_subscription_form_errors_are_tied_to_their_fields(client: Client, newsletter: Any) -> None:
    html = client.post(reverse("news:archive", args=[newsletter.slug]), {"email": "kaputt"}).content.decode()
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html


def test_sent_issue_is_public_draft_is_not(client: Client, login: Any, actors: Any, draft: Issue) -> None:
    assert client.get(_issue_url("issue", draft)).status_code == 404
    assert client.get(_issue_url("issue_pdf", draft)).status_code == 404
    login(actors.outsider)
    assert client.get(_issue_url("issue", draft)).status_code == 404
    assert client.get(_issue_url("issue_email", draft)).status_code == 404
    login(actors.owner)
    html = client.get(_issue_url("issue", draft)).content.decode()
    assert "Ein Grußwort." in html and "has not been sent yet" in html
    Issue.objects.filter(pk=draft.pk).update(status=Issue.Status.SENT, sent_at=timezone.now())
    anonymous = Client()
    assert anonymous.get(_issue_url("issue", draft)).status_code == 200
    archive = anonymous.get(reverse("news:archive", args=[draft.newsletter.slug])).content.decode()
    assert "Entwurf" in archive


def test_issue_pdf_and_email_preview(client: Client, login: Any, actors: Any, draft: Issue) -> None:
    login(actors.owner)
    response = client.get(_issue_url("issue_pdf", draft))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ein Grußwort." in text and "3/22" in text
    html = client.get(_issue_url("issue_email", draft))
    assert "<style>" in html.content.decode() and "unsafe-inline" in html["Content-Security-Policy"]
    plain = client.get(_issue_url("issue_email", draft), {"format": "text"})
    assert plain["Content-Type"].startswith("text/plain") and "Ein Grußwort." in plain.content.decode()


def test_issue_page_queries_are_fixed(
    client: Client, draft: Issue, django_assert_max_num_queries: Any
) -> None:
    Issue.objects.filter(pk=draft.pk).update(status=Issue.Status.SENT, sent_at=timezone.now())
    posts = PostFactory.create_batch(10)
    IssueBlockFactory.create(issue=draft, kind="posts", heading="Aktuelles").posts.set(posts)
    IssueBlockFactory.create(
        issue=draft, kind="next_issue", body="Die nächste Ausgabe erscheint im September"
    )
    with django_assert_max_num_queries(8):
        html = client.get(_issue_url("issue", draft)).content.decode()
    assert "Die nächste Ausgabe erscheint im September" in html


@pytest.mark.parametrize("name", ["issue_test_send", "issue_send", "issue_schedule"])
def test_outsiders_cannot_send(client: Client, login: Any, actors: Any, draft: Issue, name: str) -> None:
    SubscriptionFactory.create(newsletter=draft.newsletter)
    data = {"send_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}
    assert client.post(_issue_url(name, draft), data).status_code == 302  # anonymous: to the login
    for user in (actors.outsider, actors.editor):
        login(user)
        assert client.post(_issue_url(name, draft), data).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Issue.Status.DRAFT and draft.scheduled_at is None
    assert not Delivery.objects.exists() and mail.outbox == []


def test_owner_tests_schedules_and_sends(
    client: Client, login: Any, actors: Any, draft: Issue, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = SubscriptionFactory.create(newsletter=draft.newsletter)
    login(actors.owner)
    assert client.get(_issue_url("issue_manage", draft)).status_code == 200
    client.post(_issue_url("issue_test_send", draft))
    assert [m.to for m in mail.outbox] == [[actors.owner.email]]
    past = client.post(_issue_url("issue_schedule", draft), {"send_at": "2020-01-01T10:00"})
    assert past.status_code == 400 and "Choose a time in the future." in past.content.decode()
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(_issue_url("issue_schedule", draft), {"send_at": later})
    draft.refresh_from_db()
    assert draft.status == Issue.Status.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_issue_url("issue_send", draft))
    draft.refresh_from_db()
    assert draft.status == Issue.Status.SENT
    assert mail.outbox[-1].to == [subscription.subscriber.email]
    assert client.get(reverse("news:manage")).status_code == 200


def test_postmark_webhook_puts_a_hard_bounce_on_hold(client: Client, settings: Any) -> None:
    import base64
    import json

    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    subscription = SubscriptionFactory.create(subscriber__email="weg@example.org")
    event = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "ID": 42,
        "Email": "weg@example.org",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "BouncedAt": "2022-07-16T10:00:00Z",
    }
    auth = "Basic " + base64.b64encode(b"hook:secret").decode()
    url = reverse("news:webhook_postmark")
    assert client.post(url, json.dumps(event), content_type="application/json").status_code == 400
    for _repeat in range(2):
        response = client.post(
            url, json.dumps(event), content_type="application/json", HTTP_AUTHORIZATION=auth
        )
        assert response.status_code == 200
    subscription.subscriber.refresh_from_db()
    assert subscription.subscriber.on_hold


def test_pages_render_in_german(client: Client, newsletter: Any) -> None:
    html = client.get(
        reverse("news:archive", args=[newsletter.slug]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Abonnieren" in html and "E-Mail-Adresse" in html
    archive = client.get(reverse("news:archive_posts"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Aktuelles" in archive


def test_the_issue_page_links_the_editing_pages_and_the_admin_still_opens(
    client: Client, login: Any, actors: Any, draft: Issue
) -> None:
    actors.office.is_staff = True
    actors.office.save()
    login(actors.office)
    html = client.get(_issue_url("issue_manage", draft)).content.decode()
    assert _issue_url("issue_edit", draft) in html
    assert reverse("news:block_create", args=[draft.newsletter.slug, draft.pk]) in html
    assert client.get(reverse("admin:news_issue_change", args=[draft.pk])).status_code == 200
    assert client.get(reverse("admin:news_post_add")).status_code == 200


def test_postmark_webhook_does_not_exist_without_a_secret(client: Client, settings: Any) -> None:
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    url = reverse("news:webhook_postmark")
    assert client.post(url, "{}", content_type="application/json").status_code == 404
