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
from integrationsnetz.meetings.models import MeetingSeries
from integrationsnetz.meetings.tests.factories import MeetingFactory, MeetingSeriesFactory, in_days
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
    state_network = MeetingSeriesFactory.create(name="Landesnetzwerk", region=state)
    MeetingFactory.create(
        series=state_network, title="Landesnetzwerktreffen", starts_at=in_days(9), ends_at=in_days(9, 15)
    )
    IssueBlockFactory.create(
        issue=issue, kind=IssueBlock.Kind.MEETINGS, heading="Termine", meeting_series=state_network
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


# --- editing pages --------------------------------------------------------------------------------


def _coordinator_signed_in(browser_page: Any, region: Region) -> Any:
    """A coordinator of ``region`` with a session (second factor verified) handed to the browser."""
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    from integrationsnetz.accounts.models import Role
    from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory

    user = UserFactory.create(email="koordination@example.org")
    MembershipFactory.create(user=user, role=Role.REGIONAL_COORDINATOR, region=region)
    client = Client()
    client.force_login(user)
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="browser", defaults={"confirmed": True}
    )
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    host = browser_page.base_url.split("//", 1)[1].split(":")[0]
    browser_page.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "domain": host, "path": "/"}]
    )
    return user


def test_an_issue_is_created_and_gets_a_free_text_block_by_keyboard(browser_page: Any) -> None:
    sent = make_news()
    _coordinator_signed_in(browser_page, sent.newsletter.region)
    page = browser_page.page
    browser_page.goto("/aktuelles/verwaltung/nordsachsen/ausgaben/neu/")
    page.locator("#id_number").focus()
    page.keyboard.type("3/22")
    page.keyboard.press("Tab")
    page.keyboard.type("Wohnen im Landkreis")
    page.keyboard.press("Tab")
    page.keyboard.type("Newsletter 3/22")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    issue = Issue.objects.get(number="3/22")
    expect(page).to_have_url(
        f"{browser_page.base_url}/aktuelles/verwaltung/nordsachsen/ausgaben/{issue.pk}/#blocks"
    )

    page.locator("#id_kind").focus()
    page.keyboard.press("ArrowDown")  # editorial -> posts
    page.keyboard.press("ArrowDown")  # posts -> free text
    expect(page.locator("#id_kind")).to_have_value("text")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Baustein hinzufügen")).to_be_focused()
    page.keyboard.press("Enter")

    # Submitting without text: the error summary links to the field.
    page.locator("#id_heading").focus()
    page.keyboard.type("So melden Sie sich ab")
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary a")).to_have_attribute("href", "#id_body")
    expect(page.locator("#id_body")).to_have_attribute("aria-invalid", "true")
    page.locator(".error-summary a").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_body")).to_be_focused()
    page.keyboard.type("Mit dem Link am Ende jeder Ausgabe.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".news-block-list")).to_contain_text("So melden Sie sich ab")
    block = issue.blocks.get()
    assert (block.kind, block.body) == (IssueBlock.Kind.TEXT, "Mit dem Link am Ende jeder Ausgabe.")
    assert browser_page.csp_violations() == []


def test_editing_pages_have_no_serious_accessibility_or_csp_violation(browser_page: Any) -> None:
    sent = make_news()
    _coordinator_signed_in(browser_page, sent.newsletter.region)
    draft = IssueFactory.create(newsletter=sent.newsletter, number="3/22")
    block = IssueBlockFactory.create(issue=draft)
    IssueBlockFactory.create(issue=draft, kind=IssueBlock.Kind.TEXT, heading="Abmelden", body="So geht es.")
    post = Post.objects.get(kind=Post.Kind.INTERVIEW)
    issue_base = f"/aktuelles/verwaltung/nordsachsen/ausgaben/{draft.pk}"
    paths = [
        "/aktuelles/verwaltung/",
        "/aktuelles/verwaltung/beitraege/",
        "/aktuelles/verwaltung/beitraege/neu/",
        f"/aktuelles/verwaltung/beitraege/{post.pk}/",
        f"/aktuelles/verwaltung/beitraege/{post.pk}/vorschau/",
        f"/aktuelles/verwaltung/beitraege/{post.pk}/bilder/neu/",
        "/aktuelles/verwaltung/newsletter/nordsachsen/",
        "/aktuelles/verwaltung/nordsachsen/ausgaben/neu/",
        f"{issue_base}/",
        f"{issue_base}/bearbeiten/",
        f"{issue_base}/bloecke/neu/?kind=editorial",
        f"{issue_base}/bloecke/neu/?kind=posts",
        f"{issue_base}/bloecke/neu/?kind=meetings",
        f"{issue_base}/bloecke/{block.pk}/",
        f"{issue_base}/bloecke/{block.pk}/entfernen/",
        f"/aktuelles/verwaltung/nordsachsen/ausgaben/{sent.pk}/",
    ]
    axe = Axe()
    problems: dict[str, list[str]] = {}
    page = browser_page
    for path in paths:
        page.console.clear()
        response = page.goto(path)
        page.page.wait_for_load_state("networkidle")
        found = _serious(axe.run(page.page)) + page.csp_violations()
        if response is None or response.status != 200:
            found.append(f"status {response.status if response else 'none'}")
        if found:
            problems[path] = found
    # A form with errors: the summary and the invalid fields must be accessible too.
    page.goto("/aktuelles/verwaltung/beitraege/neu/")
    page.page.locator("#id_title").focus()
    with page.page.expect_navigation():
        page.page.keyboard.press("Enter")
    page.page.wait_for_load_state("networkidle")
    found = _serious(axe.run(page.page)) + page.csp_violations()
    if found:
        problems["post form with errors"] = found
    assert problems == {}


def test_a_meetings_block_gets_a_series_by_keyboard(browser_page: Any) -> None:
    sent = make_news()
    state = sent.newsletter.region.parent
    mittelsachsen = RegionFactory(key="14522", name="Mittelsachsen", parent=state)
    MeetingSeriesFactory.create(name="Netzwerktreffen", region=mittelsachsen)
    state_network = MeetingSeries.objects.get(name="Landesnetzwerk")
    _coordinator_signed_in(browser_page, sent.newsletter.region)
    draft = IssueFactory.create(newsletter=sent.newsletter, number="3/22")
    page = browser_page.page
    issue_base = f"/aktuelles/verwaltung/nordsachsen/ausgaben/{draft.pk}"
    browser_page.goto(f"{issue_base}/bloecke/neu/?kind=meetings")
    page.locator("#id_heading").focus()
    page.keyboard.type("Nächste Treffen")
    page.keyboard.press("Tab")
    for _step in range(3):  # Freistaat Sachsen, Mittelsachsen, Nordsachsen
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_region")).to_have_value(str(sent.newsletter.region.pk))
    page.keyboard.press("Tab")
    expect(page.locator("#id_meeting_series")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Landesnetzwerk (Freistaat Sachsen)
    page.keyboard.press("ArrowDown")  # Netzwerktreffen (Mittelsachsen): not in Nordsachsen
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Speichern")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The series lies outside the block's region: the summary links to the field.
    expect(page.locator(".error-summary a")).to_have_attribute("href", "#id_meeting_series")
    expect(page.locator("#id_meeting_series")).to_have_attribute("aria-invalid", "true")
    assert _serious(Axe().run(page)) == []
    page.locator(".error-summary a").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_meeting_series")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#id_meeting_series")).to_have_value(str(state_network.pk))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".news-block-list")).to_contain_text("Nächste Treffen")
    block = draft.blocks.get()
    assert (block.meeting_series, block.region) == (state_network, sent.newsletter.region)

    browser_page.goto(f"/aktuelles/newsletter/nordsachsen/ausgaben/{draft.pk}/")
    expect(page.locator(".news-block-meetings")).to_contain_text("Treffen der Reihe „Landesnetzwerk“")
    expect(page.locator(".news-block-meetings")).to_contain_text("Landesnetzwerktreffen")
    assert _serious(Axe().run(page)) == []
    assert browser_page.csp_violations() == []
