"""Membership grant and revoke, profile updates and the second factor services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrationsnetz.accounts import services
from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.accounts.tests.factories import UserFactory
from integrationsnetz.accounts.tests.helpers import code_for


def test_grant_and_revoke_are_audited_with_region(actors):
    person = UserFactory.create()
    assert not scopes_of(person).coordinated_paths
    membership = services.membership_grant(
        user=person, role=Role.REGIONAL_COORDINATOR, region=actors.eilenburg, actor=actors.office
    )
    assert scopes_of(person).coordinates(actors.eilenburg.path)
    services.membership_revoke(membership=membership, actor=actors.office)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not scopes_of(person).coordinated_paths
    entries = AuditLogEntry.objects.filter(object_type="accounts.membership", object_id=str(membership.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["create", "delete"]
    revoke = entries.get(action="delete")
    assert revoke.actor == actors.office
    assert list(revoke.regions.all()) == [actors.eilenburg]
    assert revoke.changes["role"] == ["regional_coordinator", None]


def test_granting_twice_is_one_membership_and_one_entry(actors):
    person = UserFactory.create()
    first = services.membership_grant(user=person, role=Role.MEMBER, organisation=actors.organisation)
    second = services.membership_grant(user=person, role=Role.MEMBER, organisation=actors.organisation)
    assert first.pk == second.pk
    assert AuditLogEntry.objects.filter(object_type="accounts.membership").count() == 1


def test_last_office_admin_cannot_be_revoked(actors):
    membership = Membership.objects.get(user=actors.office, role=Role.OFFICE_ADMIN)
    with pytest.raises(ValidationError):
        services.membership_revoke(membership=membership, actor=actors.office)
    assert Membership.objects.filter(pk=membership.pk).exists()
    services.membership_grant(user=UserFactory.create(), role=Role.OFFICE_ADMIN)
    services.membership_revoke(membership=membership, actor=actors.office)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_profile_update_is_audited(actors):
    services.user_update_profile(user=actors.editor, full_name="Vera R.", preferred_language="en")
    actors.editor.refresh_from_db()
    assert (actors.editor.full_name, actors.editor.preferred_language) == ("Vera R.", "en")
    entry = AuditLogEntry.objects.get(object_type="accounts.user", object_id=str(actors.editor.pk))
    assert entry.changes == {"full_name": ["Vereinsredaktion", "Vera R."], "preferred_language": ["de", "en"]}


def test_profile_update_refuses_unknown_language(actors):
    with pytest.raises(ValidationError):
        services.user_update_profile(user=actors.editor, full_name="x", preferred_language="xx")
    actors.editor.refresh_from_db()
    assert actors.editor.preferred_language == "de"


def test_second_factor_enable_needs_the_right_code(actors):
    key = services.totp_new_key()
    with pytest.raises(ValidationError):
        services.second_factor_enable(user=actors.owner, key=key, token="12345")
    with pytest.raises(ValidationError):
        services.second_factor_enable(user=actors.owner, key=key, token="abcdef")
    assert not TOTPDevice.objects.filter(user=actors.owner).exists()
    device, codes = services.second_factor_enable(user=actors.owner, key=key, token=code_for(key))
    assert device.confirmed
    assert len(set(codes)) == services.BACKUP_CODE_COUNT
    assert StaticToken.objects.filter(device__user=actors.owner, device__name="backup").count() == 10


def test_renewing_backup_codes_invalidates_the_old_ones(actors):
    key = services.totp_new_key()
    _, old_codes = services.second_factor_enable(user=actors.owner, key=key, token=code_for(key))
    new_codes = services.backup_codes_renew(user=actors.owner)
    stored = set(StaticToken.objects.filter(device__user=actors.owner).values_list("token", flat=True))
    assert stored == set(new_codes)
    assert not stored & set(old_codes)


def test_coordinator_cannot_disable_second_factor(actors):
    with pytest.raises(ValidationError):
        services.second_factor_disable(user=actors.owner)
