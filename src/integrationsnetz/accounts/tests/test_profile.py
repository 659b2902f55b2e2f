"""The profile page: own details, roles, second factor status, links to export and deletion."""

from __future__ import annotations

from django.test import Client

from integrationsnetz.accounts.models import User

PROFILE_URL = "/konto/"


def test_profile_shows_roles_and_links(login, actors, django_assert_max_num_queries):
    client = login(actors.outsider)
    with django_assert_max_num_queries(8):
        response = client.get(PROFILE_URL)
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "Mittelsachsen" in html and "Freiberger Helferkreis" in html
    assert "/konto/meine-daten/" in html and "/konto/loeschen/" in html
    assert "/konto/protokoll/" in html  # a coordinator may open the audit log


def test_editor_profile_has_no_audit_log_link(login, actors):
    assert "/konto/protokoll/" not in login(actors.editor).get(PROFILE_URL).content.decode()


def test_profile_update_saves_and_sets_language_cookie(login, actors):
    client = login(actors.editor)
    response = client.post(PROFILE_URL, {"full_name": "Vera R.", "preferred_language": "en"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    actors.editor.refresh_from_db()
    assert (actors.editor.full_name, actors.editor.preferred_language) == ("Vera R.", "en")


def test_profile_update_with_bad_input_changes_nothing(login, actors):
    client = login(actors.editor)
    response = client.post(PROFILE_URL, {"full_name": "x" * 201, "preferred_language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_full_name_error"' in html and 'id="id_preferred_language_error"' in html
    actors.editor.refresh_from_db()
    assert actors.editor.full_name == "Vereinsredaktion"


def test_script_in_name_is_escaped(login, actors):
    client = login(actors.editor)
    client.post(PROFILE_URL, {"full_name": "<script>alert(1)</script>", "preferred_language": "de"})
    html = client.get(PROFILE_URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_profile_refuses_anonymous_and_missing_csrf(client, actors):
    response = client.post(PROFILE_URL, {"full_name": "Hacked", "preferred_language": "en"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(actors.editor)
    assert (
        csrf_client.post(PROFILE_URL, {"full_name": "Hacked", "preferred_language": "en"}).status_code == 403
    )
    assert User.objects.get(pk=actors.editor.pk).full_name == "Vereinsredaktion"
