"""Password reset by e-mail link (in the user's language) and password change."""

from __future__ import annotations

import re

from axes.models import AccessAttempt
from django.core import mail
from django.test import Client

from integrationsnetz.accounts.tests.factories import PASSWORD

RESET_URL = "/konto/passwort-vergessen/"
NEW_PASSWORD = "a-brand-new-passphrase-42"


def reset_link(message) -> str:
    match = re.search(r"https?://testserver(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_reset_mail_contains_a_working_link(client, actors):
    response = client.post(RESET_URL, {"email": "editor@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"]
    link = reset_link(message)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/konto/passwort-neu/fertig/"
    actors.editor.refresh_from_db()
    assert actors.editor.check_password(NEW_PASSWORD)

    # The link works once only.
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]


def test_reset_mail_is_written_in_the_preferred_language(client, actors):
    actors.editor.preferred_language = "en"
    actors.editor.save()
    actors.owner.preferred_language = "de"
    actors.owner.save()
    client.post(RESET_URL, {"email": "editor@example.org"})
    client.post(RESET_URL, {"email": "owner@example.org"})
    english, german = mail.outbox
    assert english.extra_headers["Content-Language"] == "en"
    assert german.extra_headers["Content-Language"] == "de"
    assert "choose a new password" in english.subject
    reset_link(english)
    reset_link(german)


def test_reset_for_unknown_address_sends_nothing_and_looks_the_same(client, actors):
    response = client.post(RESET_URL, {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert mail.outbox == []


def test_reset_ends_a_lockout(client, actors):
    for _ in range(5):
        client.post("/konto/anmelden/", {"username": "editor@example.org", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="editor@example.org").exists()
    client.post(RESET_URL, {"email": "editor@example.org"})
    link = reset_link(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not AccessAttempt.objects.filter(username="editor@example.org").exists()
    response = client.post("/konto/anmelden/", {"username": "editor@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_reset_without_csrf_is_refused(actors):
    client = Client(enforce_csrf_checks=True)
    assert client.post(RESET_URL, {"email": "editor@example.org"}).status_code == 403
    assert mail.outbox == []


def test_password_change(login, actors):
    client = login(actors.editor)
    response = client.post(
        "/konto/passwort/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    actors.editor.refresh_from_db()
    assert actors.editor.check_password(NEW_PASSWORD)
    # The session stays valid after the change.
    assert client.get("/konto/").status_code == 200


def test_password_change_with_wrong_old_password_is_refused(login, actors):
    client = login(actors.editor)
    response = client.post(
        "/konto/passwort/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in response.content.decode()
    actors.editor.refresh_from_db()
    assert actors.editor.check_password(PASSWORD)


def test_password_change_needs_login(client, db):
    response = client.get("/konto/passwort/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
