"""News in a real browser: subscribe -> confirm -> unsubscribe; archive and issue pages axe-clean."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.news.models import Issue, IssueBlock, Post, Subscription
from integrationsnetz.news.tests.factories import (
    IssueBlockFactory,
    IssueFactory,
    NewsletterFactory,
    PostFactory,
)

pytestmark = pytest.mark.browser


def make_news() -> Issue:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    nordsachsen = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    newsletter = NewsletterFactory.create(
        slug="nordsachsen", name="Newsletter Migration und Integration Nordsachsen", region=nordsachsen
    )
    interview = PostFactory.create(
        title="Neue Köpfe für das Sachgebiet Integration", kind=Post.Kind.INTERVIEW, region=nordsachsen
    )
    PostFactory.create(
        title="Netzwerk stellt „Kursbuch“ vor", kind=Post.Kind.PRESS_RELEASE, number="7/2014", region=state
    )
    issue = IssueFactory.create(
        newsletter=newsletter, number="2/22", status=Issue.Status.SENT, sent_at=timezone.now()
    )
    IssueBlockFactory.create(issue=issue, body="Liebe Leserinnen und Leser,\n\nein Grußwort.")
    IssueBlockFactory.create(issue=issue, kind=IssueBlock.Kind.POSTS, heading="Aktuelles").posts.set(
        [interview]
    )
    IssueBlockFactory.create(
        issue=issue, kind=IssueBlock.Kind.NEXT_ISSUE, body="Die nächste Ausgabe erscheint im September 2022"
    )
    return issue


def _path(url: str) -> str:
    return url.removeprefix(settings.SITE_URL)


def test_subscribe_confirm_unsubscribe(browser_page: Any) -> None:
    make_news()
    page = browser_page.page
    browser_page.goto("/aktuelles/newsletter/nordsachsen/")
    page.get_by_label("E-Mail-Adresse").fill("neu@example.org")
    page.get_by_label("Ich möchte den Newsletter").check()
    page.get_by_role("button", name="Abonnieren").click()
    expect(page.locator("h1")).to_have_text("Bitte prüfen Sie Ihr Postfach")
    subscription = Subscription.objects.get(subscriber__email="neu@example.org")
    assert subscription.status == Subscription.Status.PENDING
    confirm = next(line for line in mail.outbox[-1].body.splitlines() if "/bestaetigen/" in line)

    browser_page.goto(_path(confirm.strip()))
    page.get_by_role("button", name="Ja, ich möchte den Newsletter erhalten").click()
    expect(page.locator("h1")).to_have_text("Anmeldung bestätigt")
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE

    browser_page.goto(f"/aktuelles/newsletter/abmelden/{subscription.token}/")
    page.get_by_role("button", name="Abmelden").click()
    expect(page.locator("h1")).to_have_text("Sie sind abgemeldet")
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED
    assert browser_page.csp_violations() == []


def test_a_form_error_is_announced_at_its_field(browser_page: Any) -> None:
    make_news()
    page = browser_page.page
    browser_page.goto("/aktuelles/newsletter/nordsachsen/")
    page.get_by_label("E-Mail-Adresse").fill("keine-adresse")
    page.get_by_role("button", name="Abonnieren").click()
    expect(page.get_by_label("E-Mail-Adresse")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_consent_error")).to_contain_text("Bitte stimmen Sie")


def _serious(results: Any) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_no_serious_accessibility_or_csp_violation(browser_page: Any, phone_page: Any) -> None:
    issue = make_news()
    axe = Axe()
    paths = [
        "/aktuelles/",
        "/aktuelles/?q=kursbuch",
        f"/aktuelles/beitraege/{Post.objects.get(number='7/2014').slug}/",
        "/aktuelles/newsletter/",
        "/aktuelles/newsletter/nordsachsen/",
        f"/aktuelles/newsletter/nordsachsen/ausgaben/{issue.pk}/",
        "/aktuelles/newsletter/abmelden/unbekannt/",
    ]
    problems: dict[str, list[str]] = {}
    for page in (browser_page, phone_page):
        for path in paths:
            page.console.clear()
            page.goto(path)
            page.page.wait_for_load_state("networkidle")
            found = _serious(axe.run(page.page)) + page.csp_violations()
            if found:
                problems[f"{page.page.viewport_size['width']} {path}"] = found
    assert problems == {}
