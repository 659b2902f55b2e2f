"""The rules of policies.py for each actor: office, coordinator, editor, volunteer, outsider, anonymous."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import OrganisationVerification
from integrationsnetz.volunteering.tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_need_rules(actors: Any, scene: Any) -> None:
    need = scene.need
    assert policy.can(AnonymousUser(), "view", need)
    for user in (actors.office, actors.owner, actors.editor):
        assert policy.can(user, "edit", need) and policy.can(user, "contact_volunteers", need)
    for user in (actors.outsider, AnonymousUser(), scene.offer.user):
        assert not policy.can(user, "edit", need) and not policy.can(user, "contact_volunteers", need)
    OrganisationVerification.objects.all().delete()
    assert policy.can(actors.owner, "contact_volunteers", need)
    assert not policy.can(actors.editor, "contact_volunteers", need)


def test_only_the_needs_organisation_and_its_coordinators_may_change_it(actors: Any, scene: Any) -> None:
    need = scene.need
    for user in (actors.editor, actors.owner, actors.office):
        assert policy.can(user, "edit", need), user
    # The outsider edits another organisation and coordinates another district.
    assert scene.need.organisation_id not in scopes_of(actors.outsider).edited_organisation_ids
    for user in (actors.outsider, scene.offer.user, AnonymousUser()):
        assert not policy.can(user, "edit", need), user
        with pytest.raises(Http404):
            policy.require(user, "edit", need)
    other = make_need(actors.other_organisation, actors.mittelsachsen, town="Freiberg")
    assert policy.can(actors.outsider, "edit", other) and not policy.can(actors.editor, "edit", other)


def test_offer_and_contact_rules(actors: Any, scene: Any) -> None:
    offer = scene.offer
    volunteer = offer.user
    assert policy.can(volunteer, "view", offer) and policy.can(actors.owner, "view", offer)
    assert not policy.can(actors.editor, "view", offer)  # not matched yet
    assert not policy.can(actors.outsider, "view", offer)
    match = services.match_propose(need=scene.need, offer=offer, actor=actors.editor)
    assert policy.can(actors.editor, "view", offer)
    assert not policy.can(actors.editor, "see_contact", match)
    assert not policy.can(volunteer, "see_contact", match)
    assert policy.can(actors.owner, "see_contact", match)  # the district's coordinator
    assert not policy.can(actors.outsider, "see_contact", match)
    assert policy.can(volunteer, "act_as_volunteer", match) and not policy.can(
        volunteer, "act_as_organisation", match
    )
    services.match_advance(match=match, action="accept", actor=volunteer)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    match.refresh_from_db()
    assert policy.can(actors.editor, "see_contact", match) and policy.can(volunteer, "see_contact", match)
    assert not policy.can(actors.outsider, "see_contact", match)


def test_coordination_rules(actors: Any) -> None:
    assert policy.can(actors.owner, "coordinate_volunteering", actors.nordsachsen)
    assert not policy.can(actors.owner, "coordinate_volunteering", actors.mittelsachsen)
    assert policy.can(actors.office, "coordinate_volunteering", actors.mittelsachsen)
    assert policy.can(actors.owner, "verify_for_volunteering", actors.organisation)
    assert not policy.can(actors.outsider, "verify_for_volunteering", actors.organisation)
    assert not policy.can(actors.editor, "verify_for_volunteering", actors.organisation)
