"""The base layout: languages, accessibility landmarks, security headers, health check."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_is_german_by_default_with_landmarks(client, settings):
    settings.LANGUAGE_CODE = "de"  # the project's setting; the test suite defaults to English
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1
    assert "<header" in html
    assert "<footer" in html
    assert 'aria-label="' in html  # the navigation is named


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_content_security_policy_allows_no_inline_script(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "<script>" not in response.content.decode()  # every script is a file


def test_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/datenschutz/", "/barrierefreiheit/"])
def test_legal_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_page_is_404(client):
    assert client.get("/does-not-exist/").status_code == 404


def test_language_switch_without_csrf_is_refused(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403


def test_interface_is_translated_to_german(client):
    # Needs the compiled catalogue (make messages); German is the default language.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Zum Inhalt springen" in html
    assert "Skip to content" not in html
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Skip to content" in english


def test_a_page_in_a_newcomer_language_offers_no_site_language_switch(rf):
    """The guide serves Arabic, Farsi, ... with its own language links; the site's switch knows only
    German and English and would claim the page were in German."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.utils import translation

    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("ar"):
        html = render_to_string("base.html", request=request)
    assert '<html lang="ar" dir="rtl">' in html
    assert "language-switch" not in html
    # The footer's sentence has no Arabic text yet: shown in the fallback language, it keeps its direction.
    assert '<p dir="auto">Integrationsnetz – ' in html
    with translation.override("de"):
        html = render_to_string("base.html", request=request)
    assert 'class="language-switch"' in html
    assert '<option value="de" lang="de" selected>' in html
