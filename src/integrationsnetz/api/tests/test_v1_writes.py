"""Token-authenticated writes of /api/v1: the policy decides, the directory services write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.api.models import ApiToken
from integrationsnetz.api.services import api_token_create, api_token_revoke, api_token_user
from integrationsnetz.directory.models import Organisation, Service


def send(client: Any, method: str, url: str, body: Any, token: str | None = None) -> Any:
    headers = {"authorization": token} if token else {}
    content = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, data=content, content_type="application/json", headers=headers)


def state(data: Any) -> tuple[Any, ...]:
    """What a refused write must leave untouched."""
    organisation = Organisation.objects.get(pk=data.actors.organisation.pk)
    service = Service.objects.get(pk=data.service.pk)
    return (
        organisation.name,
        organisation.short_name,
        organisation.updated_at,
        service.name,
        service.updated_at,
        Service.objects.count(),
        AuditLogEntry.objects.count(),
    )


def test_owner_token_can_patch_an_organisation_of_its_region(client, data, token_for):
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    response = send(
        client,
        "patch",
        url,
        {"short_name": "WiE", "fields_of_action": ["sprache"], "languages": ["ar"], "description": None},
        token_for(data.actors.owner),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["short_name"] == "WiE"
    assert body["fields_of_action"] == ["sprache"]
    assert body["languages"] == ["ar"]
    organisation = Organisation.objects.get(pk=data.actors.organisation.pk)
    assert organisation.short_name == "WiE"
    assert organisation.description == ""
    entry = AuditLogEntry.objects.get(object_type="directory.organisation", action="update")
    assert entry.actor == data.actors.owner
    assert entry.changes["short_name"] == ["", "WiE"]


def test_editor_token_can_patch_its_own_organisation_by_uuid(client, data, token_for):
    url = f"/api/v1/organisations/{data.actors.organisation.uuid}"
    response = send(client, "patch", url, {"phone": "+49 3423 111"}, token_for(data.actors.editor))
    assert response.status_code == 200
    assert Organisation.objects.get(pk=data.actors.organisation.pk).phone == "+49 3423 111"


WRITES = [
    ("patch", "/api/v1/organisations/{org}", {"name": "Übernommen"}),
    ("post", "/api/v1/organisations/{org}/services", {"name": "Fremder Dienst"}),
    ("patch", "/api/v1/services/{service}", {"name": "Übernommen"}),
]


def _url(template: str, data: Any) -> str:
    return template.format(org=data.actors.organisation.slug, service=data.service.uuid)


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
@pytest.mark.parametrize("who", ["outsider", "editor_of_another_organisation"])
def test_outsiders_get_404_and_nothing_changes(client, data, token_for, method, url, body, who):
    if who == "outsider":
        user = data.actors.outsider  # coordinator of another region (and editor of an organisation there)
    else:
        from integrationsnetz.accounts.models import Role
        from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory

        user = UserFactory(email="other-editor@example.org")
        MembershipFactory(
            user=user, role=Role.ORGANISATION_EDITOR, organisation=data.actors.other_organisation
        )
    before = state(data)
    response = send(client, method, _url(url, data), body, token_for(user))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert state(data) == before


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
@pytest.mark.parametrize("token", [None, "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer "])
def test_writes_without_a_valid_token_are_401_and_nothing_changes(client, data, method, url, body, token):
    before = state(data)
    response = send(client, method, _url(url, data), body, token)
    assert response.status_code == 401
    assert state(data) == before


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
def test_a_session_login_is_not_enough_to_write(client, data, login, method, url, body):
    login(data.actors.owner)
    before = state(data)
    assert send(client, method, _url(url, data), body).status_code == 401
    assert state(data) == before


def test_revoked_and_expired_tokens_are_refused(client, data):
    token, plain = api_token_create(user=data.actors.owner, name="old")
    api_token_revoke(token=token)
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    assert send(client, "patch", url, {"short_name": "x"}, f"Bearer {plain}").status_code == 401
    _, plain = api_token_create(user=data.actors.owner, name="expired", expires_at=timezone.now())
    assert send(client, "patch", url, {"short_name": "x"}, f"Bearer {plain}").status_code == 401
    data.actors.owner.is_active = False
    data.actors.owner.save()
    _, plain = api_token_create(user=data.actors.owner, name="inactive")
    assert send(client, "patch", url, {"short_name": "x"}, f"Bearer {plain}").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"email": "not-an-e-mail"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"kind": "spaceship"}, "kind"),
        ({"latitude": 91}, "latitude"),
        ({"latitude": 51.3}, None),  # both coordinates or neither
        ({"fields_of_action": ["no-such-field"]}, "fields_of_action"),
        ({"regions_served": ["00000"]}, "regions_served"),
        ({"slug": "taken-over"}, "slug"),
        ({"status": "archived"}, "status"),
        ({"name": "a\x00b"}, "name"),
        ({"non_commercial": "maybe"}, "non_commercial"),
        ([], None),
    ],
)
def test_bad_organisation_input_is_422_with_field_messages(client, data, token_for, body, field):
    before = state(data)
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    response = send(client, "patch", url, body, token_for(data.actors.owner))
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert all(item["msg"] for item in detail)
    if field:
        assert any(field in item["loc"] for item in detail), detail
    assert state(data) == before


def test_a_body_that_is_not_json_is_400_with_a_message(client, data, token_for):
    before = state(data)
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    response = send(client, "patch", url, "{not json", token_for(data.actors.owner))
    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot parse request body"
    assert state(data) == before


def test_script_in_text_is_stored_as_text_and_returned_as_json(client, data, token_for):
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    script = "<script>alert(1)</script>"
    response = send(client, "patch", url, {"description": script}, token_for(data.actors.owner))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["description"] == script


def test_create_a_service(client, data, token_for):
    url = f"/api/v1/organisations/{data.actors.organisation.slug}/services"
    body = {
        "name": "Sprachkurs",
        "minimum_age": 18,
        "languages": ["ar"],
        "service_areas": ["14730110"],
        "locations": [str(data.location.uuid)],
        "status": "temporarily closed",
    }
    response = send(client, "post", url, body, token_for(data.actors.editor))
    assert response.status_code == 201, response.content
    created = response.json()
    service = Service.objects.get(uuid=created["id"])
    assert service.organisation == data.actors.organisation
    assert created["service_areas"] == ["14730110"]
    assert created["locations"][0]["id"] == str(data.location.uuid)
    assert AuditLogEntry.objects.filter(object_type="directory.service", action="create").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "Kurs", "minimum_age": 20, "maximum_age": 10}, "maximum_age"),
        ({"name": "Kurs", "minimum_age": -1}, "minimum_age"),
        ({"name": "Kurs", "minimum_age": "many"}, "minimum_age"),
        ({"name": "Kurs", "status": "open"}, "status"),
        ({"name": "Kurs", "locations": ["not-a-uuid"]}, "locations"),
        ({"name": "Kurs", "unknown_field": 1}, "unknown_field"),
    ],
)
def test_bad_service_input_is_422(client, data, token_for, body, field):
    before = state(data)
    url = f"/api/v1/organisations/{data.actors.organisation.slug}/services"
    response = send(client, "post", url, body, token_for(data.actors.owner))
    assert response.status_code == 422, response.content
    assert any(field in item["loc"] for item in response.json()["detail"]), response.json()
    assert state(data) == before


def test_locations_of_another_organisation_cannot_be_linked(client, data, token_for):
    from integrationsnetz.directory.tests.factories import LocationFactory

    foreign: Any = LocationFactory(organisation=data.actors.other_organisation)
    before = state(data)
    response = send(
        client,
        "patch",
        f"/api/v1/services/{data.service.uuid}",
        {"locations": [str(foreign.uuid)]},
        token_for(data.actors.owner),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "locations"]
    assert state(data) == before
    assert list(data.service.locations.all()) == [data.location]


def test_patch_a_service(client, data, token_for):
    response = send(
        client,
        "patch",
        f"/api/v1/services/{data.service.uuid}",
        {"name": "Psychosoziale Beratung (PSZ)", "target_groups": []},
        token_for(data.actors.owner),
    )
    assert response.status_code == 200, response.content
    data.service.refresh_from_db()
    assert data.service.name == "Psychosoziale Beratung (PSZ)"
    assert list(data.service.target_groups.all()) == []
    assert list(data.service.languages.all()) == [data.arabic]  # untouched: not in the request


def test_unknown_objects_are_404_for_writers_too(client, data, token_for):
    token = token_for(data.actors.office)
    assert send(client, "patch", "/api/v1/organisations/nope", {"name": "x"}, token).status_code == 404
    assert send(client, "patch", "/api/v1/services/nope", {"name": "x"}, token).status_code == 404
    assert (
        send(client, "post", "/api/v1/organisations/nope/services", {"name": "x"}, token).status_code == 404
    )


# --- Tokens -------------------------------------------------------------------------------------


def test_only_the_hash_of_a_token_is_stored(data):
    token, plain = api_token_create(user=data.actors.owner, name="integration")
    stored = ApiToken.objects.get(pk=token.pk)
    assert plain not in (stored.token_hash, stored.prefix, stored.name)
    assert len(stored.token_hash) == 64
    assert plain.startswith(stored.prefix)
    assert api_token_user(plain) == data.actors.owner
    assert stored.last_used_at is None
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_create_api_token_command_prints_a_working_token(client, data, capsys):
    call_command("create_api_token", "OWNER@example.org", "--name", "CMS", "--days", "30")
    plain = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=data.actors.owner)
    assert token.name == "CMS"
    assert token.expires_at is not None
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    assert send(client, "patch", url, {"short_name": "CMS"}, f"Bearer {plain}").status_code == 200


def test_create_api_token_command_refuses_unknown_users(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.org")
    assert not ApiToken.objects.exists()
