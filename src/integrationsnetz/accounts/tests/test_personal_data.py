"""The personal data export: everything about the user, no secrets, other apps through the registry."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice

from integrationsnetz.accounts import personal_data
from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.accounts.services import audit_log_record
from integrationsnetz.accounts.tests.helpers import totp_device
from integrationsnetz.directory.tests.factories import ContactPersonFactory

EXPORT_URL = "/konto/meine-daten/"


def test_export_is_a_json_attachment_with_the_expected_keys(login, actors):
    client = login(actors.owner)
    response = client.post(EXPORT_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert {
        "format",
        "exported_at",
        "account",
        "memberships",
        "audit_log",
        "otp_devices",
        "login_records",
        "directory",
    } <= set(data)
    assert data["account"]["email"] == "owner@example.org"
    assert data["memberships"] == [
        {
            "role": "regional_coordinator",
            "role_label": data["memberships"][0]["role_label"],
            "region": "Nordsachsen",
            "region_key": "14730",
            "organisation": None,
            "since": data["memberships"][0]["since"],
        }
    ]


def test_export_contains_audit_entries_devices_and_contacts_but_no_secrets(login, actors):
    client = login(actors.owner)
    device = totp_device(actors.owner)
    backup = StaticDevice.objects.create(user=actors.owner, name="backup", confirmed=True)
    backup.token_set.create(token="zzzz7777")
    audit_log_record(actor=actors.owner, action=AuditLogEntry.Action.UPDATE, obj=actors.organisation)
    ContactPersonFactory(organisation=actors.organisation, name="K. Nord", email="Owner@example.org")
    ContactPersonFactory(organisation=actors.organisation, name="Someone else", email="else@example.org")

    response = client.get(EXPORT_URL)
    text = response.content.decode()
    data = json.loads(text)
    assert [entry["object"] for entry in data["audit_log"]] == [str(actors.organisation)]
    assert {d["name"] for d in data["otp_devices"]} == {"authenticator", "backup", "test"}
    assert [c["name"] for c in data["directory"]["contact_persons"]] == ["K. Nord"]
    # Never the password hash, the TOTP secret or backup codes.
    assert actors.owner.password not in text
    assert "argon2" not in text
    assert device.key not in text
    assert "zzzz7777" not in text
    assert "password" not in data["account"]


def test_export_query_count_is_fixed(login, actors, django_assert_max_num_queries):
    """Each registered source costs a few queries; none grows with the number of rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(actors.owner)

    def add_rows() -> None:
        audit_log_record(actor=actors.owner, action=AuditLogEntry.Action.UPDATE, obj=actors.organisation)
        ContactPersonFactory(organisation=actors.organisation, email="owner@example.org")

    add_rows()
    with CaptureQueriesContext(connection) as first:
        assert client.get(EXPORT_URL).status_code == 200
    for _ in range(4):
        add_rows()
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(EXPORT_URL).status_code == 200
    assert len(first.captured_queries) <= 5 * len(personal_data.sources())


def test_registered_sources_are_included(login, actors):
    personal_data.register("example", exporter=lambda user: {"greeting": f"hello {user.pk}"})
    try:
        data = json.loads(login(actors.editor).get(EXPORT_URL).content)
    finally:
        personal_data.unregister("example")
    assert data["example"] == {"greeting": f"hello {actors.editor.pk}"}


def test_registry_refuses_reserved_and_clashing_names():
    with pytest.raises(RuntimeError):
        personal_data.register("account", exporter=lambda user: {})
    with pytest.raises(RuntimeError):
        personal_data.register("directory", exporter=lambda user: {})


def test_export_needs_login(client, db):
    response = client.get(EXPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_export_post_without_csrf_is_refused(actors):
    client = Client(enforce_csrf_checks=True)
    client.force_login(actors.editor)
    assert client.post(EXPORT_URL).status_code == 403
