"""The demo data: press release 7/2014 (seed 002) and newsletter 2/22 of Nordsachsen (seed 003)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.directory.demo import directory_demo_load
from integrationsnetz.monitoring.demo import load_demo as monitoring_demo_load
from integrationsnetz.news import composition, selectors
from integrationsnetz.news.demo import load_demo
from integrationsnetz.news.models import ConsentRecord, Issue, IssueBlock, Newsletter, Post, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any) -> str:
    with translation.override("de"):
        core_demo_load()
        directory_demo_load(with_users=False)
        monitoring_demo_load()
        return load_demo()


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Post, Newsletter, Issue, IssueBlock, Subscription, ConsentRecord, AuditLogEntry)
    )


def test_loading_twice_changes_nothing(demo: str) -> None:
    assert demo.startswith("news: 3 posts, 2 newsletters, 1 issues")
    before = _counts()
    load_demo()
    assert _counts() == before


def test_press_release_7_2014_with_its_press_contact(demo: str) -> None:
    post = Post.objects.get(number="7/2014")
    assert post.kind == Post.Kind.PRESS_RELEASE
    assert (
        post.press_contact is not None and post.press_contact.function == "Presse- und Öffentlichkeitsarbeit"
    )
    assert "Deutsch für alle" in post.body and post.published_at is not None
    assert post.published_at.date().isoformat() == "2014-06-27"


def test_newsletter_2_22_has_the_blocks_of_the_seed(demo: str) -> None:
    issue = Issue.objects.get(number="2/22")
    assert issue.status == Issue.Status.SENT
    kinds = list(issue.blocks.values_list("kind", flat=True))
    assert kinds == ["editorial", "contacts", "posts", "text", "figures", "next_issue"]
    editorial = issue.blocks.get(kind="editorial")
    assert editorial.body.startswith("Liebe Leserinnen und Leser")
    assert "Christian Nieling, Amtsleiter" in editorial.signature
    posts = issue.blocks.get(kind="posts").posts.all()
    assert {post.kind for post in posts} == {"interview", "good_practice"}
    assert "sabrina.neumann" not in issue.newsletter.footer  # a real person's address is not copied


def test_the_figures_block_shows_the_monitoring_values(demo: str) -> None:
    loaded = selectors.issue_with_blocks(issue_id=Issue.objects.get(number="2/22").pk)
    assert loaded is not None
    with translation.override("de"):
        blocks = composition.issue_blocks_resolve(loaded)
        figures = next(item.figures for item in blocks if item.block.kind == "figures")
        assert figures is not None
        june = figures.rows[-1]
        assert june[0] == "Juni 2022" or "2022" in june[0]
        assert {"1.322", "5.497", "5.046"} <= set(june)
        contacts = next(item.contacts for item in blocks if item.block.kind == "contacts")
        assert contacts is not None
        assert ("Migrationsdienst Eilenburg", "0151/58049677") in [
            (loc.name, loc.phone) for loc in contacts.locations
        ]
        mail = composition.issue_mail_render(loaded, language="de", blocks=blocks)
    assert "5.497" in mail.text and "5.497" in mail.html
    assert "DIE NÄCHSTE AUSGABE ERSCHEINT IM SEPTEMBER 2022" in mail.text
    assert "Neue Köpfe für das Sachgebiet Integration" in mail.html


def test_the_mail_links_the_chart_as_hosted_image_and_the_page_shows_it_inline(
    demo: str, client: Client
) -> None:
    """Mail clients rarely show inline SVG (and it made every mail 50 kB): the mail has an <img> of the
    same window as PNG, with no personal parameter (nothing is tracked); the web page keeps the SVG."""
    issue = Issue.objects.get(number="2/22")
    loaded = selectors.issue_with_blocks(issue_id=issue.pk)
    assert loaded is not None
    mail = composition.issue_mail_render(loaded, language="de")
    assert "<svg" not in mail.html
    image = mail.html.split('<figure class="monitoring-block">')[1].split(">")[0] + ">"
    source = image.split('src="')[1].split('"')[0].replace("&amp;", "&")
    assert source.startswith(f"{settings.SITE_URL}/zahlen/14730/auslaender-nordsachsen.png?")
    assert "chart=bar" in source and "perioden=13" in source and "bis=2022-06-01" in source
    assert 'alt="Diagramm: ' in image
    png = client.get(source.removeprefix(settings.SITE_URL))
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    page = client.get(reverse("news:issue", args=[issue.newsletter.slug, issue.pk])).content.decode()
    assert "<svg" in page and "auslaender-nordsachsen.png?" not in page


def test_the_archive_shows_issue_2_22(demo: str, client: Client) -> None:
    issue = Issue.objects.get(number="2/22")
    html = client.get(reverse("news:issue", args=[issue.newsletter.slug, issue.pk])).content.decode()
    assert "Zum Thema Migration und Integration" in html
    assert "Neue Köpfe für das Sachgebiet Integration" in html
    assert "Die nächste Ausgabe erscheint im September 2022" in html


def test_demo_subscribers_are_confirmed_and_fictitious(demo: str) -> None:
    subscriptions = Subscription.objects.select_related("subscriber")
    assert all(s.subscriber.email.endswith("@example.org") for s in subscriptions)
    assert all(s.status == Subscription.Status.ACTIVE for s in subscriptions)
    assert ConsentRecord.objects.filter(action="confirmed", source="demo data (fictitious)").count() == 3
