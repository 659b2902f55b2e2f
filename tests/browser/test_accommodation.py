"""The Heim-TÜV inspection form in a real browser: filled in by keyboard, saved as a draft, resumed and
completed, a criterion marked not applicable; input kept on the device while offline and sent when back
online; the office edits a draft catalogue version by keyboard; axe-core clean."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.browser.test_signed_in_pages import check, serious, sign_in

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import CatalogueVersion, Criterion, Inspection, Light, Site
from integrationsnetz.accommodation.tests.factories import SiteFactory, completed_inspection, make_version
from integrationsnetz.accounts.models import Role, User
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def setting() -> dict[str, Any]:
    state = RegionFactory.create(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    district = RegionFactory.create(key="14730", name="Nordsachsen", parent=state)
    organisation = OrganisationFactory.create(name="Träger Nord", region=district)
    version = make_version()
    site = SiteFactory.create(name="GU Eilenburg", district=district, operator=organisation)
    inspector = User.objects.create_user("kaib@example.org", "a-long-password-1")
    membership_grant(user=inspector, role=Role.REGIONAL_COORDINATOR, region=district)
    return {"site": site, "version": version, "inspector": inspector}


def _active_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _problems(browser_page: Any) -> list[str]:
    browser_page.page.wait_for_load_state("networkidle")
    return serious(Axe().run(browser_page.page)) + browser_page.csp_violations()


def test_inspection_by_keyboard_draft_resume_complete(browser_page: Any, setting: dict[str, Any]) -> None:
    site: Site = setting["site"]
    page = browser_page.page
    sign_in(browser_page, setting["inspector"])
    browser_page.goto(f"/unterkuenfte/standorte/{site.pk}/")
    assert _problems(browser_page) == []
    browser_page.goto(f"/unterkuenfte/standorte/{site.pk}/pruefung/")
    assert _problems(browser_page) == []
    page.focus("#id_date")
    page.keyboard.type("06062024")  # day = month: the same in every locale's field order
    assert page.input_value("#id_date") == "2024-06-06"
    # Tab first walks the date's own parts (day, month, year), then leaves the field.
    for _part in range(3):
        if _active_id(page) == "id_inspectors":
            break
        page.keyboard.press("Tab")
    assert _active_id(page) == "id_inspectors"
    page.keyboard.type("Team Nord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/unterkuenfte/pruefungen/*/")
    inspection = Inspection.objects.get(site=site)
    assert inspection.date == date(2024, 6, 6)
    assert _problems(browser_page) == []

    criteria = list(inspection.scores.order_by("criterion__area__position", "criterion__position"))
    first, second, third = (f"id_score_{score.criterion_id}" for score in criteria)
    # From the inspectors' field, Tab leads through the criteria in catalogue order.
    page.focus("#id_inspectors")
    page.keyboard.press("Tab")
    assert _active_id(page) == first
    page.keyboard.press("2")
    page.keyboard.press("Tab")
    # The reason field for "not applicable" follows its score, then the note.
    assert _active_id(page) == f"id_reason_{criteria[0].criterion_id}"
    page.keyboard.press("Tab")
    assert _active_id(page) == f"id_note_{criteria[0].criterion_id}"
    page.keyboard.type("Zimmer eng")
    page.keyboard.press("Tab")
    assert _active_id(page) == second
    page.focus("button[value=draft]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    inspection.refresh_from_db()
    assert inspection.revision == 1
    assert [
        score.value
        for score in inspection.scores.order_by("criterion__area__position", "criterion__position")
    ] == [2, None, None]

    # Resume later: leave, come back, the draft is as saved.
    browser_page.goto(f"/unterkuenfte/standorte/{site.pk}/")
    page.click(f"a[href='/unterkuenfte/pruefungen/{inspection.pk}/']")
    page.wait_for_url(f"**/unterkuenfte/pruefungen/{inspection.pk}/")
    assert page.input_value(f"#{first}") == "2"
    assert page.input_value(f"#id_note_{criteria[0].criterion_id}") == "Zimmer eng"
    page.focus(f"#{second}")
    page.keyboard.press("3")
    page.focus(f"#{third}")
    page.keyboard.press("4")
    page.focus("#id_summary")
    page.keyboard.type("Insgesamt ordentlich.")
    page.focus("button[value=complete]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.COMPLETED
    assert inspection.summary == "Insgesamt ordentlich."
    assert page.locator(".light-green").count() >= 1
    assert _problems(browser_page) == []
    pages = [
        "/unterkuenfte/",
        "/unterkuenfte/standorte/",
        "/unterkuenfte/katalog/",
        "/unterkuenfte/vergleich/",
        f"/unterkuenfte/pruefungen/{inspection.pk}/massnahmen/",
        f"/unterkuenfte/standorte/{site.pk}/bearbeiten/",
    ]
    assert check(browser_page, pages) == {}


def test_input_survives_a_dropped_connection(browser_page: Any, setting: dict[str, Any]) -> None:
    site: Site = setting["site"]
    inspection = services.inspection_create(
        site=site, version=setting["version"], actor=None, date=date(2024, 6, 1), inspectors="Team Nord"
    )
    note = f"#id_note_{inspection.scores.order_by('criterion__area__position', 'criterion__position')[0].criterion_id}"
    page = browser_page.page
    sign_in(browser_page, setting["inspector"])
    browser_page.goto(f"/unterkuenfte/pruefungen/{inspection.pk}/")
    page.focus(note)
    page.keyboard.type("Fenster undicht")
    # The page is reloaded before anything was sent: the input comes back from the device.
    page.reload()
    assert page.input_value(note) == "Fenster undicht"
    assert page.locator("#draft-status").is_visible()
    # Offline, "Save draft" keeps the input and waits; back online, the form is sent.
    page.context.set_offline(True)
    page.focus("button[value=draft]")
    page.keyboard.press("Enter")
    page.wait_for_function("!document.getElementById('draft-status').hidden")
    inspection.refresh_from_db()
    assert inspection.revision == 0
    with page.expect_navigation():
        page.context.set_offline(False)
    page.wait_for_load_state("networkidle")
    inspection.refresh_from_db()
    assert inspection.revision == 1
    assert inspection.scores.filter(note="Fenster undicht").exists()
    assert _problems(browser_page) == []


def test_inspection_form_fits_a_phone(phone_page: Any, setting: dict[str, Any]) -> None:
    inspection = services.inspection_create(
        site=setting["site"],
        version=setting["version"],
        actor=None,
        date=date(2024, 6, 1),
        inspectors="Team Nord",
    )
    sign_in(phone_page, setting["inspector"])
    phone_page.goto(f"/unterkuenfte/pruefungen/{inspection.pk}/")
    assert _problems(phone_page) == []
    overflow = phone_page.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_a_criterion_marked_not_applicable_by_keyboard(browser_page: Any, setting: dict[str, Any]) -> None:
    inspection = services.inspection_create(
        site=setting["site"],
        version=setting["version"],
        actor=None,
        date=date(2024, 6, 1),
        inspectors="Team Nord",
    )
    first, second, third = (
        score.criterion_id
        for score in inspection.scores.order_by("criterion__area__position", "criterion__position")
    )
    page = browser_page.page
    sign_in(browser_page, setting["inspector"])
    browser_page.goto(f"/unterkuenfte/pruefungen/{inspection.pk}/")
    page.focus(f"#id_score_{first}")
    page.keyboard.press("3")
    page.focus(f"#id_score_{second}")
    page.keyboard.press("3")
    # "n" picks "not applicable"; completing without a reason is refused at the reason field.
    page.focus(f"#id_score_{third}")
    page.keyboard.press("n")
    assert page.input_value(f"#id_score_{third}") == "na"
    page.focus("button[value=complete]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute(f"#id_reason_{third}", "aria-invalid") == "true"
    assert _problems(browser_page) == []
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DRAFT
    page.focus(f"#id_score_{third}")
    page.keyboard.press("Tab")
    assert _active_id(page) == f"id_reason_{third}"
    page.keyboard.type("Einzelwohnungen, kein Treppenhaus")
    page.focus("button[value=complete]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.COMPLETED
    assert inspection.area_results["areas"][1]["light"] == Light.NOT_APPLICABLE
    assert page.locator(".light-not_applicable").count() >= 1
    assert "Einzelwohnungen, kein Treppenhaus" in page.content()
    assert _problems(browser_page) == []


def test_the_office_edits_a_draft_version_by_keyboard(browser_page: Any, setting: dict[str, Any]) -> None:
    used: CatalogueVersion = setting["version"]
    completed_inspection(site=setting["site"], version=used, values=[3, 3, 4])
    office = User.objects.create_user("office@example.org", "a-long-password-1")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    page = browser_page.page
    sign_in(browser_page, office)
    browser_page.goto("/unterkuenfte/katalog/verwaltung/")
    assert _problems(browser_page) == []
    field = f"#id_copy-{used.catalogue_id}-valid_from"
    page.focus(field)
    page.keyboard.type("01012030")  # day = month again
    assert page.input_value(field) == "2030-01-01"
    page.keyboard.press("Enter")
    page.wait_for_url("**/unterkuenfte/katalog/versionen/*/")
    draft = CatalogueVersion.objects.get(number=2)
    assert _problems(browser_page) == []
    fire_safety = Criterion.objects.get(area__version=draft, name_de="Brandschutz")
    prefix = f"#id_criterion-{fire_safety.pk}"
    # A threshold out of order first: the summary names it and nothing is saved.
    page.focus("#id_version-yellow_from")
    page.keyboard.press("Control+A")
    page.keyboard.type("90")
    page.focus(f"{prefix}-weight")
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    assert _active_id(page) == f"id_criterion-{fire_safety.pk}-critical_scores"
    page.keyboard.type("0")
    page.focus("#catalogue-version-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary a[href='#id_version-yellow_from']").count() == 1
    assert _problems(browser_page) == []
    fire_safety.refresh_from_db()
    assert fire_safety.weight == 1
    page.focus("#id_version-yellow_from")
    page.keyboard.press("Control+A")
    page.keyboard.type("50")
    page.focus("#catalogue-version-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    fire_safety.refresh_from_db()
    assert (fire_safety.weight, fire_safety.critical_scores) == (3, [0])
    # The version an inspection used is read-only, with a way on to a new version.
    assert check(browser_page, [f"/unterkuenfte/katalog/versionen/{used.pk}/"]) == {}
    assert page.locator("#catalogue-version-form").count() == 0
    assert page.locator(".message a[href='/unterkuenfte/katalog/verwaltung/']").count() == 1
