"""The guide in a real browser: the finder by keyboard alone in German and Arabic (right to left), the
office adding a matter and a form with its PDF by keyboard, and no serious accessibility or CSP
violation on the finder, the matrix, the info pages and the office's pages for matters, the forms
library, languages and translators."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect
from tests.browser.test_signed_in_pages import check, serious, sign_in

from integrationsnetz.accounts.models import Role
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.accounts.tests.factories import UserFactory
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import FieldOfActionFactory, RegionFactory, TargetGroupFactory
from integrationsnetz.directory import services as directory_services
from integrationsnetz.directory.models import Organisation
from integrationsnetz.guide import services

pytestmark = pytest.mark.browser

FINDER_QUERY = "?region=14730110&situation=asylsuchende&matter=arbeitserlaubnis"


def make_guide() -> None:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    district = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    RegionFactory(key="14730110", name="Eilenburg", kind=Region.Kind.TOWN, parent=district)
    law = FieldOfActionFactory(
        slug="asyl-aufenthaltsrecht", name_de="Asyl- und Aufenthaltsrecht", name_en="Asylum law"
    )
    asylum = TargetGroupFactory(
        slug="asylsuchende", name_de="Asylsuchende", name_en="Asylum seekers", position=1
    )
    TargetGroupFactory(slug="eu-buergerinnen", name_de="EU-Bürgerinnen", name_en="EU citizens", position=2)
    permit = services.matter_save(
        actor=None,
        slug="arbeitserlaubnis",
        name="Arbeitserlaubnis",
        field_of_action=law,
        what_to_bring="Reisepass",
    )
    services.translation_save(actor=None, obj=permit, field="name", language="ar", text="تصريح العمل")
    office = directory_services.organisation_create(
        actor=None,
        name="Amt für Migration und Ausländerrecht Nordsachsen",
        kind=Organisation.Kind.AUTHORITY,
        region=district,
        street="Dr.-Belian-Straße 4",
        postal_code="04838",
        city="Eilenburg",
        phone="03421 7580",
        email="ama@example.org",
    )
    services.responsibility_save(
        actor=None, matter=permit, region=district, organisation=office, target_groups=[asylum]
    )
    page = services.info_page_save(
        actor=None,
        slug="ankommen",
        region=state,
        topic="arrival",
        title="Ankommen in Sachsen",
        body="Willkommen.",
    )
    services.translation_save(actor=None, obj=page, field="title", language="ar", text="الوصول إلى ساكسونيا")


def tab_to(page: Any, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} is not reachable with the Tab key")


def answer_by_keyboard(page: Any) -> None:
    tab_to(page, "id_region")
    page.keyboard.type("Eilenburg")
    expect(page.locator("#id_region")).to_have_value("14730110")
    tab_to(page, "id_situation_0")
    page.keyboard.press("Space")
    expect(page.locator("#id_situation_0")).to_be_checked()
    tab_to(page, "id_matter")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_matter")).to_have_value("arbeitserlaubnis")
    tab_to(page, "finder-submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**matter=arbeitserlaubnis")


def test_finder_in_german_by_keyboard(browser_page: Any) -> None:
    make_guide()
    page = browser_page.page
    browser_page.goto("/wegweiser/de/")
    expect(page.locator("h1")).to_have_text("Wer kann mir helfen?")
    answer_by_keyboard(page)
    assert page.url.endswith(FINDER_QUERY)
    expect(page.locator(".guide-office h3").first).to_have_text(
        "Amt für Migration und Ausländerrecht Nordsachsen"
    )
    expect(page.locator(".guide-result")).to_contain_text("Reisepass")


def test_finder_in_arabic_right_to_left_by_keyboard(browser_page: Any) -> None:
    make_guide()
    page = browser_page.page
    browser_page.goto("/wegweiser/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("div.guide").get_attribute("dir") == "rtl"
    expect(page.locator("h1")).to_have_text("من يستطيع مساعدتي؟")
    answer_by_keyboard(page)
    expect(page.locator("#result-heading")).to_contain_text("تصريح العمل")
    expect(page.locator(".guide-result")).to_contain_text("Amt für Migration und Ausländerrecht Nordsachsen")
    # Right to left: the heading starts at the right edge of the content.
    box = page.locator("h1").bounding_box()
    main = page.locator("main").bounding_box()
    assert box["x"] + box["width"] > main["x"] + main["width"] * 0.6


def test_no_serious_accessibility_or_csp_violation(browser_page: Any) -> None:
    make_guide()
    paths = [
        "/wegweiser/de/",
        f"/wegweiser/de/{FINDER_QUERY}",
        f"/wegweiser/ar/{FINDER_QUERY}",
        "/wegweiser/de/info/",
        "/wegweiser/ar/info/",
        "/wegweiser/ar/info/ankommen/",
        "/wegweiser/de/info/ankommen/",
        "/wegweiser/ar/formulare/",
        "/wegweiser/matrix/14730/",
        "/wegweiser/matrix/14730110/",
    ]
    assert check(browser_page, paths) == {}


def test_finder_on_a_small_phone(phone_page: Any) -> None:
    make_guide()
    phone_page.goto(f"/wegweiser/ar/{FINDER_QUERY}")
    width = phone_page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_the_office_adds_a_matter_by_keyboard(browser_page: Any) -> None:
    make_guide()
    office: Any = UserFactory(email="office-guide@example.org")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    sign_in(browser_page, office)
    page = browser_page.page
    browser_page.goto("/wegweiser/anliegen/neu/")
    tab_to(page, "id_slug")
    page.keyboard.type("kita-platz")
    tab_to(page, "id_field_of_action")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_field_of_action option:checked")).to_have_text("Asyl- und Aufenthaltsrecht")
    tab_to(page, "matter-submit")
    page.keyboard.press("Enter")
    # The name is missing: the page says so at the field, and nothing is saved.
    expect(page.locator("#id_name_error")).to_be_visible()
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert serious(Axe().run(page)) == []
    tab_to(page, "id_name")
    page.keyboard.type("Kita-Platz")
    tab_to(page, "matter-submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wegweiser/anliegen/")
    expect(page.locator("#matters-caption")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Kita-Platz")


def test_the_office_adds_a_form_and_uploads_its_pdf_by_keyboard(
    browser_page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_guide()
    office: Any = UserFactory(email="office-guide@example.org")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    sign_in(browser_page, office)
    page = browser_page.page
    browser_page.goto("/wegweiser/formulare/neu/")
    tab_to(page, "id_slug")
    page.keyboard.type("antrag-arbeitserlaubnis")
    tab_to(page, "form-submit")
    page.keyboard.press("Enter")
    # Title and region are missing: the page says so at the fields, and nothing is saved.
    expect(page.locator("#id_title_error")).to_be_visible()
    assert page.locator("#id_region").get_attribute("aria-invalid") == "true"
    assert serious(Axe().run(page)) == []
    tab_to(page, "id_title")
    page.keyboard.type("Antrag auf Beschäftigungserlaubnis")
    tab_to(page, "id_region")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_region option:checked")).to_have_text("Freistaat Sachsen")
    tab_to(page, "form-submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wegweiser/formulare/antrag-arbeitserlaubnis/")
    tab_to(page, "add-file")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hochladen/")
    tab_to(page, "id_file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        files=[{"name": "antrag.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    tab_to(page, "upload-submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wegweiser/formulare/antrag-arbeitserlaubnis/")
    expect(page.locator("table")).to_contain_text("Deutsch (de)")
    assert serious(Axe().run(page)) == []
    browser_page.goto("/wegweiser/de/formulare/")
    expect(page.locator("h2", has_text="Antrag auf Beschäftigungserlaubnis")).to_be_visible()


def test_the_office_pages_have_no_serious_accessibility_or_csp_violation(
    browser_page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_guide()
    form = services.form_save(
        actor=None, slug="antrag", region=Region.objects.get(key="14730"), title="Antrag", description="Wofür"
    )
    services.form_file_upload(
        actor=None, form=form, language="de", upload=SimpleUploadedFile("antrag.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    office: Any = UserFactory(email="office-guide@example.org")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    services.guide_language_add(actor=None, code="ur")
    services.translator_grant(actor=None, user=office, language="ar")
    sign_in(browser_page, office)
    paths = [
        "/wegweiser/matrix/",
        "/wegweiser/anliegen/",
        "/wegweiser/anliegen/neu/",
        "/wegweiser/anliegen/arbeitserlaubnis/",
        "/wegweiser/anliegen/arbeitserlaubnis/loeschen/",
        "/wegweiser/sprachen/",
        "/wegweiser/uebersetzende/",
        "/wegweiser/formulare/",
        "/wegweiser/formulare/neu/",
        "/wegweiser/formulare/antrag/",
        "/wegweiser/formulare/antrag/hochladen/",
        "/wegweiser/formulare/antrag/loeschen/",
        "/wegweiser/formulare/antrag/dateien/de/entfernen/",
        "/wegweiser/de/formulare/",
    ]
    assert check(browser_page, paths) == {}
