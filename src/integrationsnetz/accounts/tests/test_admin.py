"""The admin: users with e-mail login, memberships through the services, a read-only audit log."""

from __future__ import annotations

from django.test import Client

from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role, User
from integrationsnetz.accounts.services import audit_log_record


def staff(user):
    user.is_staff = True
    user.save()
    return user


def test_office_grants_a_role_in_the_admin_and_it_is_audited(login, actors):
    client = login(staff(actors.office))
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": actors.editor.pk, "role": Role.REGIONAL_COORDINATOR, "region": actors.eilenburg.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=actors.editor, role=Role.REGIONAL_COORDINATOR)
    entry = AuditLogEntry.objects.get(object_type="accounts.membership", object_id=str(membership.pk))
    assert entry.actor == actors.office and entry.action == "create"


def test_admin_refuses_a_role_with_the_wrong_scope(login, actors):
    client = login(staff(actors.office))
    response = client.post(
        "/admin/accounts/membership/add/", {"user": actors.editor.pk, "role": Role.REGIONAL_COORDINATOR}
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=actors.editor, role=Role.REGIONAL_COORDINATOR).exists()


def test_office_revokes_a_role_in_the_admin_and_it_is_audited(login, actors):
    client = login(staff(actors.office))
    membership = Membership.objects.get(user=actors.editor)
    response = client.post(f"/admin/accounts/membership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditLogEntry.objects.filter(
        object_type="accounts.membership", object_id=str(membership.pk), action="delete"
    ).exists()


def test_admin_user_pages_use_email(login, actors):
    client = login(staff(actors.office))
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{actors.editor.pk}/change/").status_code == 200
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "preferred_language": "de",
            "usable_password": "true",
            "password1": "a-long-new-passphrase-7",
            "password2": "a-long-new-passphrase-7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.filter(email="new@example.org").exists()


def test_coordinator_in_admin_sees_only_entries_of_their_region(login, actors):
    audit_log_record(actor=None, action="update", obj=actors.organisation, regions=[actors.eilenburg])
    audit_log_record(
        actor=None, action="update", obj=actors.other_organisation, regions=[actors.mittelsachsen]
    )
    client = login(staff(actors.owner))
    html = client.get("/admin/accounts/auditlogentry/").content.decode()
    assert "Willkommen in Eilenburg" in html
    assert "Freiberger Helferkreis" not in html


def test_audit_log_is_read_only_in_the_admin(login, actors):
    entry = audit_log_record(actor=None, action="update", obj=actors.organisation)
    client = login(staff(actors.office))
    assert (
        client.post(f"/admin/accounts/auditlogentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_editor_and_outsider_cannot_manage_memberships(login, actors):
    before = Membership.objects.count()
    for user in (actors.editor, actors.outsider):
        client = login(staff(user))
        response = client.post(
            "/admin/accounts/membership/add/", {"user": user.pk, "role": Role.OFFICE_ADMIN}
        )
        assert response.status_code == 403
    anonymous = Client().post(
        "/admin/accounts/membership/add/", {"user": actors.editor.pk, "role": "office_admin"}
    )
    assert anonymous.status_code == 302
    assert Membership.objects.count() == before
