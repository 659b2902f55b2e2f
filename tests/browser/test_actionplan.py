"""The Kursbuch and the library in a real browser: no serious accessibility or CSP violation, the
library's filters work without JavaScript, and a responsible editor reports progress by keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.test_signed_in_pages import check, sign_in

from integrationsnetz.accounts.models import Role
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.accounts.tests.factories import UserFactory
from integrationsnetz.actionplan.demo import load_demo
from integrationsnetz.actionplan.models import ImplementationStep, StepStatus
from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.directory.demo import directory_demo_load
from integrationsnetz.directory.models import Organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any) -> None:
    core_demo_load()
    directory_demo_load(with_users=False)
    load_demo()


def test_plan_and_library_pages_are_clean(browser_page: Any, demo: None) -> None:
    step = ImplementationStep.objects.filter(notes__isnull=False).first()
    assert step is not None
    paths = [
        "/kursbuch/",
        "/kursbuch/kursbuch-2014/",
        "/kursbuch/kursbuch-2014/zeitleiste/",
        f"/kursbuch/schritte/{step.pk}/",
        "/kursbuch/ansaetze/",
        "/kursbuch/ansaetze/?q=arbeit&field=arbeit-ausbildung",
        "/kursbuch/ansaetze/akzess/",
        "/kursbuch/ansaetze/arbeitsmarktmentoren/",
    ]
    assert check(browser_page, paths) == {}


def test_signed_in_pages_are_clean_on_a_phone(phone_page: Any, demo: None) -> None:
    office = UserFactory(email="office@example.org")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    sign_in(phone_page, office)
    step = ImplementationStep.objects.first()
    assert step is not None
    paths = [
        "/kursbuch/kursbuch-2014/",
        f"/kursbuch/schritte/{step.pk}/",
        f"/kursbuch/schritte/{step.pk}/bearbeiten/",
        "/kursbuch/ansaetze/neu/",
        "/kursbuch/ansaetze/heim-tuev/uebernommen/",
    ]
    assert check(phone_page, paths) == {}


def test_library_filter_works_without_javascript(chromium: Any, live_server: Any, demo: None) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/kursbuch/ansaetze/")
        page.get_by_label("Arbeit und Ausbildung").check()
        page.get_by_role("button", name="Suchen").click()
        titles = page.locator("article h2").all_inner_texts()
        assert set(titles) == {"Akzess", "Arbeitsmarktmentoren", "RESQUE Plus"}
    finally:
        context.close()


def test_a_responsible_editor_reports_progress_by_keyboard(browser_page: Any, demo: None) -> None:
    step = ImplementationStep.objects.get(title="Arbeitsmarktmentoren in den Landkreisen einsetzen")
    editor = UserFactory(email="ama@example.org")
    membership_grant(
        user=editor,
        role=Role.ORGANISATION_EDITOR,
        organisation=Organisation.objects.get(slug="ama-nordsachsen"),
    )
    sign_in(browser_page, editor)
    page = browser_page.page
    browser_page.goto(f"/kursbuch/schritte/{step.pk}/")
    page.locator("#id_status").focus()
    page.keyboard.press("End")  # the last status: dropped; then one up: done
    page.keyboard.press("ArrowUp")
    page.locator("#id_note").focus()
    page.keyboard.type("Zwei Mentoren eingestellt")
    page.get_by_role("button", name="Fortschritt speichern").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Der Fortschritt wurde gespeichert.").wait_for()
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    assert step.notes.filter(text="Zwei Mentoren eingestellt").exists()
