"""The policy module: unknown rules say no; the admin's has_perm asks the same rules."""

import pytest
from django.contrib.auth.models import AnonymousUser

from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_unknown_action_is_refused(actors):
    assert policy.can(actors.office, "fly", actors.organisation) is False


def test_scoped_edit_rights(actors):
    org = actors.organisation  # seated in Eilenburg, Nordsachsen
    assert policy.can(actors.office, "edit", org)
    assert policy.can(actors.owner, "edit", org)
    assert policy.can(actors.editor, "edit", org)
    assert not policy.can(actors.outsider, "edit", org)
    assert not policy.can(AnonymousUser(), "edit", org)
    assert policy.can(actors.outsider, "edit", actors.other_organisation)
    assert not policy.can(actors.owner, "edit", actors.other_organisation)


def test_admin_permissions_follow_the_policy(actors):
    assert actors.owner.has_perm("directory.change_organisation", actors.organisation)
    assert not actors.outsider.has_perm("directory.change_organisation", actors.organisation)
    assert actors.office.has_perm("core.change_region")
    assert not actors.owner.has_perm("core.change_region")


def test_inactive_users_may_nothing(actors):
    actors.office.is_active = False
    assert not policy.can(actors.office, "edit", actors.organisation)


def test_unpublished_organisations_are_hidden_from_outsiders(actors):
    org = actors.organisation
    org.status = Organisation.Status.APPLIED
    assert not policy.can(AnonymousUser(), "view", org)
    assert not policy.can(actors.outsider, "view", org)
    assert policy.can(actors.owner, "view", org)
    assert policy.can(AnonymousUser(), "view", Region)


def test_a_superuser_acts_as_the_office(actors):
    from integrationsnetz.accounts.models import User

    admin = User.objects.create_superuser("root@example.org", "a-long-password-1")
    assert policy.can(admin, "edit", actors.other_organisation)
    assert policy.can(admin, "approve", Organisation)
