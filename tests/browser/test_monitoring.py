"""The figures in a real browser: dashboards, the comparison and the indicator pages pass axe-core with
no CSP violation; the upload (dry run, then apply) and creating and publishing an indicator work by
keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.test_signed_in_pages import check, sign_in

from integrationsnetz.accounts.models import Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.models import Indicator, Observation

pytestmark = pytest.mark.browser


def test_dashboards_and_comparison(browser_page: Any) -> None:
    core_demo_load()
    load_demo()
    paths = [
        "/zahlen/",
        "/zahlen/14730/",
        "/zahlen/14/",
        "/zahlen/14730/?chart=bar",
        "/zahlen/vergleich/",
        "/zahlen/vergleich/?indicator=einwohner&region=14730&region=14522&chart=bar",
        "/zahlen/vergleich/?indicator=auslaender-nordsachsen&measure=per_thousand",
    ]
    assert check(browser_page, paths) == {}
    # The chart images load (same origin, allowed by the CSP) and have their text alternative.
    browser_page.goto("/zahlen/14730/")
    image = browser_page.page.locator("section.monitoring-chart img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Tabelle" in (image.get_attribute("alt") or "")


def _tab_until(page: Any, condition: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def test_upload_by_keyboard(browser_page: Any) -> None:
    core_demo_load()
    load_demo()
    coordinator = UserFactory(email="koordination@example.org")
    MembershipFactory(
        user=coordinator, role=Role.REGIONAL_COORDINATOR, region=Region.objects.get(key="14730")
    )
    sign_in(browser_page, coordinator)
    page = browser_page.page
    assert check(browser_page, ["/zahlen/hochladen/"]) == {}
    browser_page.goto("/zahlen/hochladen/")
    _tab_until(page, "el.id === 'id_file'")
    # The file dialog is the operating system's; Playwright fills it for the focused input.
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "auslaender-2023.csv",
                "mimeType": "text/csv",
                "buffer": "Gruppe;Mitte 2023\nEU-Bürger:innen;5100\nAufenthaltstitel;5600\n".encode(),
            }
        ]
    )
    _tab_until(page, "el.id === 'id_indicator'")
    page.keyboard.press("ArrowDown")  # the first indicator: auslaender-nordsachsen
    _tab_until(page, "el.id === 'id_region'")
    page.keyboard.press("ArrowDown")  # the first region: Nordsachsen
    _tab_until(page, "el.type === 'submit' && !!el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zahlen/hochladen/*/")
    expect(page.locator("[role=status]")).to_contain_text("2")
    assert not Observation.objects.filter(period_start__year=2023).exists()
    assert check(browser_page, [page.url.removeprefix(browser_page.base_url)]) == {}
    _tab_until(page, "el.type === 'submit' && !!el.closest('main')")
    page.keyboard.press("Enter")
    expect(page.locator(".message-success").first).to_be_visible()
    assert Observation.objects.filter(period_start__year=2023, region__key="14730").count() == 2


def test_indicator_created_and_published_by_keyboard(browser_page: Any) -> None:
    core_demo_load()
    load_demo()
    coordinator = UserFactory(email="koordination@example.org")
    MembershipFactory(
        user=coordinator, role=Role.REGIONAL_COORDINATOR, region=Region.objects.get(key="14730")
    )
    sign_in(browser_page, coordinator)
    page = browser_page.page
    assert check(browser_page, ["/zahlen/kennzahlen/", "/zahlen/kennzahlen/neu/"]) == {}
    browser_page.goto("/zahlen/")
    _tab_until(page, "el.getAttribute('href') === '/zahlen/kennzahlen/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zahlen/kennzahlen/")
    _tab_until(page, "el.getAttribute('href') === '/zahlen/kennzahlen/neu/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zahlen/kennzahlen/neu/")
    _tab_until(page, "el.id === 'id_name_de'")
    page.keyboard.type("Beratungen")
    _tab_until(page, "el.id === 'id_unit'")
    page.keyboard.type("Anzahl")
    _tab_until(page, "el.id === 'id_owner_region'")
    page.keyboard.press("ArrowDown")  # the first region: Nordsachsen
    _tab_until(page, "el.id === 'id_categories-0-name_de'")
    page.keyboard.type("Erstberatung")
    _tab_until(page, "el.id === 'id_categories-1-name_de'")
    page.keyboard.type("Folgeberatung")
    _tab_until(page, "el.type === 'submit' && !!el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zahlen/kennzahlen/beratungen/bearbeiten/")
    expect(page.locator(".message-success").first).to_be_visible()
    indicator = Indicator.objects.get(slug="beratungen")
    assert [c.name_de for c in indicator.categories.order_by("position")] == ["Erstberatung", "Folgeberatung"]
    assert not indicator.published
    assert check(browser_page, ["/zahlen/kennzahlen/beratungen/bearbeiten/"]) == {}
    _tab_until(page, "el.getAttribute('href') === '/zahlen/kennzahlen/beratungen/veroeffentlichen/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/veroeffentlichen/")
    assert check(browser_page, ["/zahlen/kennzahlen/beratungen/veroeffentlichen/"]) == {}
    _tab_until(page, "el.type === 'submit' && !!el.closest('main')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zahlen/kennzahlen/")
    expect(page.locator(".message-success").first).to_be_visible()
    assert Indicator.objects.get(slug="beratungen").published
