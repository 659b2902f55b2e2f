"""Login by e-mail and password, the lock-out after repeated failures, and CSRF."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from integrationsnetz.accounts.tests.factories import PASSWORD, UserFactory

LOGIN_URL = "/konto/anmelden/"


def post_login(client: Client, email: str, password: str):
    return client.post(LOGIN_URL, {"username": email, "password": password})


@pytest.mark.django_db
def test_login_page_renders_email_and_password_fields(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="email"' in html and 'name="username"' in html
    assert 'type="password"' in html
    assert reverse("accounts:password_reset") in html


def test_editor_logs_in_by_email_and_reaches_profile(client, actors):
    response = post_login(client, "editor@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_email_is_case_insensitive(client, actors):
    response = post_login(client, "  Editor@Example.ORG ", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == actors.editor.pk


def test_wrong_password_shows_error_and_does_not_log_in(client, actors):
    response = post_login(client, "editor@example.org", "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "not correct" in response.content.decode() or "nicht korrekt" in response.content.decode()


def test_login_sets_preferred_language_cookie(client, actors):
    actors.editor.preferred_language = "en"
    actors.editor.save()
    response = post_login(client, "editor@example.org", PASSWORD)
    assert response.cookies["django_language"].value == "en"


def test_lockout_after_five_failures_refuses_even_the_right_password(client, actors):
    for _ in range(5):
        post_login(client, "editor@example.org", "wrong password")
    response = post_login(client, "editor@example.org", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert AccessAttempt.objects.filter(username="editor@example.org").exists()


def test_lockout_cannot_be_dodged_by_changing_the_case(client, actors):
    for _ in range(5):
        post_login(client, "editor@example.org", "wrong password")
    response = post_login(client, "EDITOR@example.org", PASSWORD)
    assert response.status_code == 429


def test_lockout_does_not_affect_another_user(client, actors):
    for _ in range(5):
        post_login(client, "editor@example.org", "wrong password")
    other = UserFactory.create(email="someone@example.org")
    response = post_login(client, "someone@example.org", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == other.pk


def test_four_failures_do_not_lock(client, actors):
    for _ in range(4):
        post_login(client, "editor@example.org", "wrong password")
    assert post_login(client, "editor@example.org", PASSWORD).status_code == 302


def test_login_without_csrf_token_is_refused(actors):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN_URL, {"username": "editor@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_ignores_foreign_next_url(client, actors):
    response = client.post(
        LOGIN_URL,
        {"username": "editor@example.org", "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
