"""The directory in a real browser: search, facets, keyboard use, accessibility, CSP, screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import FieldOfActionFactory, LanguageFactory, RegionFactory
from integrationsnetz.directory import services
from integrationsnetz.directory.models import Organisation

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/screens")  # noqa: S108  (where the screenshots are expected)
PSZ = "Psychosoziales Zentrum für Geflüchtete Leipzig (PSZ)"
BOOT = "das BOOT gGmbH"


def make_directory() -> dict[str, Organisation]:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    leipzig = RegionFactory(key="14713", name="Leipzig", kind=Region.Kind.CITY, parent=state)
    dresden = RegionFactory(key="14612", name="Dresden", kind=Region.Kind.CITY, parent=state)
    health = FieldOfActionFactory(slug="gesundheit", name_de="Gesundheit", name_en="Health")
    law = FieldOfActionFactory(slug="recht", name_de="Asyl- und Aufenthaltsrecht", name_en="Asylum law")
    arabic = LanguageFactory(code="ar", name_de="Arabisch", name_en="Arabic", native_name="العربية")
    farsi = LanguageFactory(code="fa", name_de="Persisch", name_en="Persian", native_name="فارسی")
    psz = services.organisation_create(
        actor=None,
        name=PSZ,
        short_name="PSZ Leipzig",
        kind=Organisation.Kind.COUNSELLING,
        region=leipzig,
        street="Beispielstraße 1",
        postal_code="04103",
        city="Leipzig",
        email="psz@example.org",
        latitude="51.339700",
        longitude="12.373100",
        description="Psychosoziale Beratung und Psychotherapie für traumatisierte Geflüchtete.",
        fields_of_action=[health],
        languages=[arabic, farsi],
    )
    services.service_save(
        organisation=psz, actor=None, name="Psychotherapie", description="Therapie mit Sprachmittlung"
    )
    services.contact_person_save(
        organisation=psz, actor=None, name="Nicht Öffentlich", function="Beratung", consent_to_publish=False
    )
    boot = services.organisation_create(
        actor=None,
        name=BOOT,
        kind=Organisation.Kind.PROJECT_PROVIDER,
        region=leipzig,
        city="Leipzig",
        latitude="51.330000",
        longitude="12.390000",
        description="Psychosoziale Beratung und Therapie für Geflüchtete.",
        fields_of_action=[health],
        languages=[arabic],
    )
    council = services.organisation_create(
        actor=None,
        name="Sächsischer Flüchtlingsrat e. V.",
        kind=Organisation.Kind.ASSOCIATION,
        region=dresden,
        city="Dresden",
        description="Beratung im Asylverfahren.",
        fields_of_action=[law],
    )
    return {"psz": psz, "boot": boot, "council": council}


def result_names(page: Any) -> list[str]:
    return page.locator(".result-title a").all_inner_texts()


def search_for(browser_page: Any, query: str) -> None:
    browser_page.goto(f"/verzeichnis/?q={query}")


def test_searching_psychosoziale_finds_psz_and_boot(browser_page: Any) -> None:
    make_directory()
    browser_page.goto("/")
    browser_page.page.get_by_role("searchbox").first.fill("psychosoziale")
    browser_page.page.keyboard.press("Enter")
    browser_page.page.wait_for_url("**/verzeichnis/?q=psychosoziale")
    names = result_names(browser_page.page)
    assert PSZ in names
    assert BOOT in names
    assert "Sächsischer Flüchtlingsrat e. V." not in names


def test_a_facet_narrows_the_result(browser_page: Any) -> None:
    make_directory()
    search_for(browser_page, "psychosoziale")
    page = browser_page.page
    assert len(result_names(page)) == 2
    page.locator("#facet-language-fa").check()
    page.locator("#apply-filters").click()
    expect(page.locator(".result-title a")).to_have_count(1)
    assert result_names(page) == [PSZ]
    assert "language=fa" in page.url  # htmx pushed the filtered address
    assert page.locator("#facet-language-fa").is_checked()


def test_the_facet_works_without_javascript(chromium: Any, live_server: Any, transactional_db: Any) -> None:
    make_directory()
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/verzeichnis/?q=psychosoziale")
        assert page.locator(".map-section").is_hidden()
        page.locator("#facet-language-fa").check()
        page.locator("#apply-filters").click()
        page.wait_for_url("**language=fa**")
        assert result_names(page) == [PSZ]
    finally:
        context.close()


def _tab_until(page: Any, condition: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def test_the_whole_flow_works_by_keyboard(browser_page: Any) -> None:
    make_directory()
    page = browser_page.page
    browser_page.goto("/verzeichnis/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type("psychosoziale")
    page.keyboard.press("Enter")
    expect(page.locator(".result-title a")).to_have_count(2)
    _tab_until(page, "el.type === 'checkbox'")
    checkbox_id = page.evaluate("document.activeElement.id")
    page.keyboard.press("Space")
    assert page.locator(f"#{checkbox_id}").is_checked()
    _tab_until(page, "el.id === 'apply-filters'")
    page.keyboard.press("Enter")
    expect(page.locator(".result-title a")).to_have_count(1)
    _tab_until(page, "!!el.closest('.result-title')")
    expected = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/verzeichnis/*/")
    expect(page.locator("h1")).to_have_text(expected)


def _serious(results: Any) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_no_serious_accessibility_or_csp_violation(browser_page: Any) -> None:
    organisations = make_directory()
    axe = Axe()
    paths = [
        "/",
        "/verzeichnis/?q=psychosoziale",
        f"/verzeichnis/{organisations['psz'].slug}/",
        "/konto/anmelden/",
    ]
    problems: dict[str, list[str]] = {}
    for path in paths:
        browser_page.console.clear()
        browser_page.goto(path)
        browser_page.page.wait_for_load_state("networkidle")
        found = _serious(axe.run(browser_page.page)) + browser_page.csp_violations()
        if found:
            problems[path] = found
    assert problems == {}


def test_map_shows_markers_for_the_results(browser_page: Any) -> None:
    make_directory()
    search_for(browser_page, "psychosoziale")
    page = browser_page.page
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert page.locator(".map-section").is_visible()
    assert browser_page.csp_violations() == []


def test_screenshots_of_the_search_page(browser_page: Any, phone_page: Any) -> None:
    make_directory()
    SCREENS.mkdir(parents=True, exist_ok=True)
    for name, wrapped in (("search-1280.png", browser_page), ("search-390.png", phone_page)):
        wrapped.goto("/verzeichnis/?q=psychosoziale")
        wrapped.page.wait_for_selector(".leaflet-marker-icon")
        wrapped.page.screenshot(path=str(SCREENS / name), full_page=True)
        assert (SCREENS / name).stat().st_size > 0
        # Nothing may be wider than the screen (no horizontal scrolling on a phone).
        assert wrapped.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
