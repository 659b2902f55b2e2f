"""Meetings in a real browser: invitation link -> registration -> cancellation by keyboard only,
and the public and organiser pages free of serious accessibility and CSP violations."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.browser.test_signed_in_pages import check, serious, sign_in

from integrationsnetz.accounts.models import Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.tests.factories import ContactPersonFactory
from integrationsnetz.meetings import services, tokens
from integrationsnetz.meetings.models import Meeting, Registration
from integrationsnetz.meetings.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting() -> Meeting:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    series = MeetingSeriesFactory(region=state, name="Netzwerktreffen NIMS", slug="nims")
    meeting = MeetingFactory(
        series=series, title="NIMS-Netzwerktreffen", motto="Gradmesser der Integration", capacity=80
    )
    ProgrammeItemFactory(meeting=meeting, kind="welcome", title="Begrüßung", speakers="Geert Mackenroth")
    WorkshopFactory(meeting=meeting, title="Sprachförderung", capacity=20)
    return meeting


def focus_by_tab(page: Any, predicate: str, limit: int = 60, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until the focused element satisfies the JavaScript ``predicate`` (on ``el``)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return
    raise AssertionError(f"never focused: {predicate}")


def test_invitation_registration_and_cancellation_by_keyboard(browser_page: Any, meeting: Meeting) -> None:
    invitation = InvitationFactory(meeting=meeting, email="gast@example.org", name="Gast Person")
    token = tokens.make_token(invitation.pk, salt=tokens.INVITATION_SALT)
    page = browser_page.page
    axe = Axe()

    browser_page.goto(f"/treffen/einladung/{token}/")
    assert serious(axe.run(page)) == []
    focus_by_tab(page, "el.id === 'id_name'")
    assert page.input_value("#id_name") == "Gast Person"
    focus_by_tab(page, "el.id === 'id_organisation_name'")
    page.keyboard.type("Willkommen in Eilenburg e. V.")
    focus_by_tab(page, "el.id === 'id_workshop'")
    page.keyboard.press("ArrowDown")
    focus_by_tab(page, "el.id === 'id_accessibility_needs'")
    page.keyboard.type("Stufenloser Zugang")
    focus_by_tab(
        page,
        "el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('form').querySelector('#id_name')",
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/treffen/anmeldung/**")

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.REGISTERED
    assert registration.workshop is not None and registration.workshop.title == "Sprachförderung"
    assert registration.accessibility_needs == "Stufenloser Zugang"
    assert serious(axe.run(page)) == []

    focus_by_tab(page, "el.tagName === 'BUTTON' && el.closest('main') && el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert page.locator("main form button[type=submit]").count() == 0
    assert serious(axe.run(page)) == []
    assert browser_page.csp_violations() == []


def test_organiser_adds_a_speaker_from_the_directory_by_keyboard(browser_page: Any, meeting: Meeting) -> None:
    speaker = ContactPersonFactory(
        name="Corinna Klinger", function="Projektleitung", organisation__name="Psychosoziales Zentrum Leipzig"
    )
    office = UserFactory(email="office-keyboard@example.org")
    MembershipFactory(user=office, role=Role.OFFICE_ADMIN)
    sign_in(browser_page, office)
    page = browser_page.page
    axe = Axe()

    browser_page.goto(f"/treffen/{meeting.pk}/verwalten/")
    focus_by_tab(page, "el.id === 'id_programme-kind'", limit=120)
    page.keyboard.press("ArrowDown")  # welcome -> input
    focus_by_tab(page, "el.id === 'id_programme-title'")
    page.keyboard.type("Psychosoziale Betreuung")
    # The save button comes before the search: Tab reaches it first.
    focus_by_tab(page, "el.tagName === 'BUTTON' && el.value === 'save'")
    focus_by_tab(page, "el.id === 'id_programme-speaker_search'")
    page.keyboard.type("Klinger")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # a new search term: Enter searches, nothing is saved
    assert meeting.programme.filter(title="Psychosoziale Betreuung").count() == 0
    assert page.input_value("#id_programme-title") == "Psychosoziale Betreuung"
    assert page.locator("main [role=status]").inner_text() == "1 Treffer für „Klinger“."
    assert serious(axe.run(page)) == []
    focus_by_tab(page, "el.type === 'checkbox'", limit=120)
    page.keyboard.press("Space")
    focus_by_tab(page, "el.id === 'id_programme-title'", key="Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in the title saves
    page.wait_for_url(f"**/treffen/{meeting.pk}/verwalten/")

    item = meeting.programme.get(title="Psychosoziale Betreuung")
    assert (item.kind, item.ordered_speaker_contacts) == ("input", [speaker])
    assert "Projektleitung, Psychosoziales Zentrum Leipzig" in page.locator("main").inner_text()
    assert serious(axe.run(page)) == []
    assert browser_page.csp_violations() == []


def test_organiser_reorders_directory_speakers_by_keyboard(browser_page: Any, meeting: Meeting) -> None:
    minister = ContactPersonFactory(function="Staatsministerin", organisation__name="Staatsministerium")
    president = ContactPersonFactory(
        function="Präsident des Landtags", organisation__name="Sächsischer Landtag"
    )
    item = services.programme_item_add(
        meeting=meeting, actor=None, kind="welcome", title="Grußworte", speaker_contacts=[minister, president]
    )
    office = UserFactory(email="office-order@example.org")
    MembershipFactory(user=office, role=Role.OFFICE_ADMIN)
    sign_in(browser_page, office)
    page = browser_page.page
    axe = Axe()

    browser_page.goto(f"/treffen/programm/{item.pk}/bearbeiten/")
    assert serious(axe.run(page)) == []
    focus_by_tab(page, f"el.id === 'id_programme-speaker_position_{president.pk}'", limit=120)
    page.keyboard.press("Control+A")
    page.keyboard.type("1")  # the President of the Landtag speaks first
    focus_by_tab(page, "el.id === 'id_programme-title'", key="Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"**/treffen/{meeting.pk}/verwalten/")

    assert item.ordered_speaker_contacts == [president, minister]
    text = page.locator(f"#programme-item-{item.pk}").inner_text()
    assert text.index("Präsident des Landtags") < text.index("Staatsministerin")
    assert serious(axe.run(page)) == []
    assert browser_page.csp_violations() == []


def test_pages_are_accessible(browser_page: Any, meeting: Meeting) -> None:
    RegistrationFactory(meeting=meeting, name="Angemeldete Person")
    past = MeetingFactory(series=meeting.series, status=Meeting.Status.DOCUMENTED, review="Rückblick")
    past.starts_at = past.starts_at.replace(year=2017)
    past.ends_at = past.ends_at.replace(year=2017)
    past.save()
    group = WorkingGroupFactory(region=meeting.series.region, slug="ak-bildung", name="Arbeitskreis Bildung")
    office = UserFactory(email="office-browser@example.org")
    MembershipFactory(user=office, role=Role.OFFICE_ADMIN)
    group.members.add(office)
    item = meeting.programme.get()
    sign_in(browser_page, office)
    paths = [
        "/treffen/",
        "/treffen/archiv/",
        f"/treffen/{meeting.pk}/",
        f"/treffen/{past.pk}/",
        "/treffen/reihe/nims/",
        f"/treffen/{meeting.pk}/verwalten/",
        f"/treffen/{meeting.pk}/einlass/",
        f"/treffen/{meeting.pk}/bearbeiten/",
        f"/treffen/{meeting.pk}/themen/",
        "/treffen/mein-kalender/",
        "/treffen/reihe/nims/neu/",
        "/treffen/arbeitskreise/ak-bildung/",
        f"/treffen/{meeting.pk}/anmelden/",
        f"/treffen/{meeting.pk}/programm/",
        f"/treffen/programm/{item.pk}/bearbeiten/",
        f"/treffen/programm/{item.pk}/entfernen/",
        "/treffen/reihen/",
        "/treffen/reihen/neu/",
        "/treffen/reihe/nims/bearbeiten/",
        "/treffen/arbeitskreise/",
        "/treffen/arbeitskreise/neu/",
        "/treffen/arbeitskreise/ak-bildung/bearbeiten/",
    ]
    assert check(browser_page, paths) == {}


def test_phone_layout_of_the_invitation(phone_page: Any, meeting: Meeting) -> None:
    invitation = InvitationFactory(meeting=meeting)
    token = tokens.make_token(invitation.pk, salt=tokens.INVITATION_SALT)
    assert check(phone_page, [f"/treffen/einladung/{token}/"]) == {}
    width = phone_page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
