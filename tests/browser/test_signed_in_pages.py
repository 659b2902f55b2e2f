"""Pages behind the login in a real browser: no serious accessibility or CSP violation.

The session is made with Django's test client and handed to the browser as its cookie, so these
tests check the pages themselves, not the login form (tested in accounts/tests).
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import FieldOfActionFactory, RegionFactory
from integrationsnetz.directory import services
from integrationsnetz.directory.models import Organisation

pytestmark = pytest.mark.browser


def serious(results: Any) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def sign_in(browser_page: Any, user: User) -> None:
    """Give the browser a session of ``user`` with the second factor verified."""
    client = Client()
    client.force_login(user)
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="browser-test", defaults={"confirmed": True}
    )
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    host = browser_page.base_url.split("//", 1)[1].split(":")[0]
    browser_page.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "domain": host, "path": "/"}]
    )


def check(browser_page: Any, paths: list[str]) -> dict[str, list[str]]:
    axe = Axe()
    problems: dict[str, list[str]] = {}
    for path in paths:
        browser_page.console.clear()
        response = browser_page.goto(path)
        browser_page.page.wait_for_load_state("networkidle")
        found = serious(axe.run(browser_page.page)) + browser_page.csp_violations()
        if response is None or response.status != 200:
            found.append(f"status {response.status if response else 'none'}")
        if not browser_page.page.url.endswith(path):
            found.append(f"redirected to {browser_page.page.url}")
        if found:
            problems[path] = found
    return problems


@pytest.fixture
def directory() -> dict[str, Any]:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    district = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    field = FieldOfActionFactory(slug="beratung", name_de="Beratung", name_en="Counselling")
    organisation = services.organisation_create(
        actor=None,
        name="Willkommen in Eilenburg e. V.",
        kind=Organisation.Kind.ASSOCIATION,
        region=district,
        city="Eilenburg",
        email="info@example.org",
        fields_of_action=[field],
    )
    service = services.service_save(organisation=organisation, actor=None, name="Sprachcafé")
    contact = services.contact_person_save(
        organisation=organisation, actor=None, name="N. N.", function="Vorstand"
    )
    return {"district": district, "organisation": organisation, "service": service, "contact": contact}


def test_editor_pages(browser_page: Any, directory: dict[str, Any]) -> None:
    organisation = directory["organisation"]
    editor = User.objects.create_user("editor@example.org", "a-long-password-1")
    membership_grant(user=editor, role=Role.ORGANISATION_EDITOR, organisation=organisation)
    sign_in(browser_page, editor)
    slug = organisation.slug
    assert (
        check(
            browser_page,
            [
                "/konto/",
                "/konto/passwort/",
                "/konto/loeschen/",
                "/konto/zweiter-faktor/",
                "/verzeichnis/redaktion/",
                f"/verzeichnis/{slug}/bearbeiten/",
                f"/verzeichnis/{slug}/angebote/neu/",
                f"/verzeichnis/{slug}/angebote/{directory['service'].pk}/",
                f"/verzeichnis/{slug}/standorte/neu/",
                f"/verzeichnis/{slug}/kontakte/{directory['contact'].pk}/",
                "/verzeichnis/beitreten/",
            ],
        )
        == {}
    )


def test_office_pages(browser_page: Any, directory: dict[str, Any]) -> None:
    office = User.objects.create_user("office@example.org", "a-long-password-1")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    sign_in(browser_page, office)
    assert (
        check(
            browser_page,
            [
                "/konto/protokoll/",
                "/verzeichnis/redaktion/antraege/",
                "/verzeichnis/redaktion/import/",
                "/verzeichnis/redaktion/neu/",
            ],
        )
        == {}
    )


def test_public_account_pages(browser_page: Any, directory: dict[str, Any]) -> None:
    assert check(browser_page, ["/konto/passwort-vergessen/", "/datenschutz/", "/barrierefreiheit/"]) == {}
