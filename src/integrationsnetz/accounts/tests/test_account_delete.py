"""Account deletion: confirmed by password, erasers run, audit kept without the name, mail after commit."""

from __future__ import annotations

from typing import cast

from django.core import mail
from django.test import Client

from integrationsnetz.accounts.models import AuditLogEntry, Membership, User
from integrationsnetz.accounts.services import audit_log_record, membership_grant
from integrationsnetz.accounts.tests.factories import PASSWORD, UserFactory
from integrationsnetz.accounts.tests.helpers import totp_device
from integrationsnetz.directory.models import ContactPerson
from integrationsnetz.directory.tests.factories import ContactPersonFactory

DELETE_URL = "/konto/loeschen/"


def test_delete_page_asks_for_the_password(login, actors):
    response = login(actors.editor).get(DELETE_URL)
    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()


def test_wrong_password_refuses_and_changes_nothing(login, actors):
    client = login(actors.editor)
    response = client.post(DELETE_URL, {"password": "wrong"})
    assert response.status_code == 200
    assert 'id="id_password_error"' in response.content.decode()
    assert User.objects.filter(pk=actors.editor.pk).exists()
    assert Membership.objects.filter(user=actors.editor).count() == 1


def test_deletion_removes_account_runs_erasers_keeps_audit_and_mails(
    login, actors, django_capture_on_commit_callbacks
):
    editor_id = actors.editor.pk
    client = login(actors.editor)
    totp_device(actors.editor)
    written = audit_log_record(
        actor=actors.editor, action=AuditLogEntry.Action.UPDATE, obj=actors.organisation
    )
    contact = cast(
        ContactPerson,
        ContactPersonFactory(
            organisation=actors.organisation,
            name="Vera Redaktion",
            email="editor@example.org",
            phone="0341 000",
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=editor_id).exists()
    assert not Membership.objects.filter(user_id=editor_id).exists()
    # The session has ended.
    assert "_auth_user_id" not in client.session
    # Audit entries the person wrote stay, without the actor.
    written.refresh_from_db()
    assert written.actor is None
    # Entries about the account no longer show the address.
    assert not AuditLogEntry.objects.filter(object_repr__icontains="editor@example.org").exists()
    assert not AuditLogEntry.objects.filter(object_repr__icontains="Vereinsredaktion").exists()
    # The directory's eraser removed the contact's personal details.
    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.phone) == ("N. N.", "", "")
    assert not AuditLogEntry.objects.filter(changes__icontains="Vera Redaktion").exists()
    # The confirmation went out after the commit.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editor@example.org"]
    assert mail.outbox[0].extra_headers["Content-Language"] == "de"


def test_no_mail_without_commit(login, actors, django_capture_on_commit_callbacks):
    client = login(actors.editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(DELETE_URL, {"password": PASSWORD})
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_last_office_admin_cannot_delete_themselves(login, actors):
    client = login(actors.office)
    response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 200
    assert "last office admin" in response.content.decode() or "letzte" in response.content.decode()
    assert User.objects.filter(pk=actors.office.pk).exists()
    assert Membership.objects.filter(user=actors.office).exists()


def test_office_admin_may_delete_when_another_remains(login, actors, django_capture_on_commit_callbacks):
    membership_grant(user=UserFactory.create(email="office2@example.org"), role="office_admin")
    client = login(actors.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=actors.office.pk).exists()


def test_deletion_needs_login_and_csrf(client, actors):
    response = client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(actors.editor)
    assert csrf_client.post(DELETE_URL, {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=actors.editor.pk).exists()


def test_contacts_with_other_addresses_are_untouched(login, actors, django_capture_on_commit_callbacks):
    other = cast(
        ContactPerson,
        ContactPersonFactory(organisation=actors.organisation, name="Anna Andere", email="anna@example.org"),
    )
    client = login(actors.editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(DELETE_URL, {"password": PASSWORD})
    assert ContactPerson.objects.get(pk=other.pk).name == "Anna Andere"
