"""Volunteering in a real browser: need -> proposal -> accept -> confirm, and editing a need, by keyboard.

The editor asks the proposed volunteer on the need's page, the volunteer accepts, the editor confirms;
every step is reached with Tab and pressed with Enter, and each page is checked with axe-core and for
CSP violations. Contact data appear only on the last page. The editor also changes a posted need: a
wrong value is answered with an error tied to its field, the corrected form keeps the match.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.browser.test_signed_in_pages import serious, sign_in

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.tests.factories import OrganisationFactory
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import Match
from integrationsnetz.volunteering.tests.factories import make_need, make_volunteer

pytestmark = pytest.mark.browser


def _tab_to(page: Any, text: str, limit: int = 80) -> None:
    """Press Tab until the focused element is the button or link whose text contains ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const el = document.activeElement; return el ? el.innerText : ''; })()"
        )
        if text in (focused or ""):
            return
    raise AssertionError(f"Tab never reached {text!r}")


def _tab_to_field(page: Any, field_id: str, limit: int = 80) -> None:
    """Press Tab until the form field with ``field_id`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == field_id:
            return
    raise AssertionError(f"Tab never reached #{field_id}")


def _clean(browser_page: Any) -> list[str]:
    browser_page.page.wait_for_load_state("networkidle")
    return serious(Axe().run(browser_page.page)) + browser_page.csp_violations()


def test_need_proposal_accept_confirm_by_keyboard(browser_page: Any) -> None:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    district = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    town = RegionFactory(key="14730110", name="Eilenburg", kind=Region.Kind.TOWN, parent=district)
    organisation = OrganisationFactory(name="Willkommen in Eilenburg e. V.", region=town)
    editor = User.objects.create_user("editor@example.org", "a-long-password-1", full_name="Erika Redaktion")
    membership_grant(user=editor, role=Role.ORGANISATION_EDITOR, organisation=organisation)
    services.organisation_verify(organisation=organisation, actor=None)
    need = make_need(organisation, town)
    offer = make_volunteer(town)
    page = browser_page.page

    sign_in(browser_page, editor)
    browser_page.goto(f"/engagement/bedarfe/{need.pk}/")
    assert _clean(browser_page) == []
    assert "spricht Arabisch" in page.content() or "speaks Arabic" in page.content()
    _tab_to(page, "Samira")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    match = Match.objects.get()
    assert page.url.endswith(f"/engagement/einsaetze/{match.pk}/")
    assert "vol@example.org" not in page.content()
    assert _clean(browser_page) == []

    page.context.clear_cookies()
    sign_in(browser_page, offer.user)
    browser_page.goto(f"/engagement/einsaetze/{match.pk}/")
    assert "editor@example.org" not in page.content()
    assert _clean(browser_page) == []
    _tab_to(page, "Annehmen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED_BY_VOLUNTEER

    page.context.clear_cookies()
    sign_in(browser_page, editor)
    browser_page.goto(f"/engagement/einsaetze/{match.pk}/")
    assert _clean(browser_page) == []
    _tab_to(page, "Bestätigen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    match.refresh_from_db()
    assert match.status == Match.Status.CONFIRMED_BY_ORGANISATION
    assert "vol@example.org" in page.content() and "0341 000000" in page.content()
    assert _clean(browser_page) == []


def test_public_and_volunteer_pages_are_clean(browser_page: Any, phone_page: Any) -> None:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    district = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    town = RegionFactory(key="14730110", name="Eilenburg", kind=Region.Kind.TOWN, parent=district)
    organisation = OrganisationFactory(name="Willkommen in Eilenburg e. V.", region=town)
    need = make_need(organisation, town)
    offer = make_volunteer(town)
    coordinator = User.objects.create_user("owner@example.org", "a-long-password-1")
    membership_grant(user=coordinator, role=Role.REGIONAL_COORDINATOR, region=district)
    for page in (browser_page, phone_page):
        for path in ("/engagement/", f"/engagement/bedarfe/{need.pk}/", "/engagement/mitmachen/"):
            response = page.goto(path)
            assert response.status == 200 and _clean(page) == [], path
    sign_in(browser_page, offer.user)
    browser_page.goto("/engagement/mein-angebot/")
    assert _clean(browser_page) == []
    browser_page.page.context.clear_cookies()
    sign_in(browser_page, coordinator)
    for path in ("/engagement/koordination/14730/", "/engagement/redaktion/", "/engagement/bedarfe/neu/"):
        response = browser_page.goto(path)
        assert response.status == 200 and _clean(browser_page) == [], path


def test_editor_changes_a_need_by_keyboard(browser_page: Any) -> None:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    district = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    town = RegionFactory(key="14730110", name="Eilenburg", kind=Region.Kind.TOWN, parent=district)
    organisation = OrganisationFactory(name="Willkommen in Eilenburg e. V.", region=town)
    editor = User.objects.create_user("editor@example.org", "a-long-password-1", full_name="Erika Redaktion")
    membership_grant(user=editor, role=Role.ORGANISATION_EDITOR, organisation=organisation)
    services.organisation_verify(organisation=organisation, actor=None)
    need = make_need(organisation, town)
    offer = make_volunteer(town)
    match = services.match_propose(need=need, offer=offer, actor=editor)
    services.match_advance(match=match, action="accept", actor=offer.user)
    page = browser_page.page

    sign_in(browser_page, editor)
    browser_page.goto(f"/engagement/bedarfe/{need.pk}/")
    _tab_to(page, "Bedarf ändern")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/engagement/bedarfe/{need.pk}/bearbeiten/")
    assert page.input_value("#id_starts_on") == need.starts_on.isoformat()
    assert _clean(browser_page) == []

    _tab_to_field(page, "id_town")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Doberschütz")
    _tab_to_field(page, "id_latitude")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("95")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("#id_latitude", "aria-invalid") == "true"
    assert _clean(browser_page) == []
    need.refresh_from_db()
    assert need.town == "Eilenburg"

    page.focus("#id_title")
    _tab_to_field(page, "id_latitude")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("51.53")
    _tab_to(page, "Speichern")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/engagement/bedarfe/{need.pk}/")
    need.refresh_from_db()
    assert need.town == "Doberschütz" and need.latitude == 51.53
    assert "per E-Mail" in page.content()
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED_BY_VOLUNTEER
    assert _clean(browser_page) == []
