"""Who may see and change which figures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from integrationsnetz.core import policy
from integrationsnetz.monitoring.tests.factories import IndicatorFactory, ObservationFactory


def test_everyone_views_published_figures_only(actors: Any) -> None:
    published = ObservationFactory(
        indicator=IndicatorFactory(published=True, owner_region=actors.nordsachsen), region=actors.nordsachsen
    )
    hidden = ObservationFactory(
        indicator=IndicatorFactory(published=False, owner_region=actors.nordsachsen),
        region=actors.nordsachsen,
    )
    for user in (AnonymousUser(), actors.outsider, actors.editor, actors.owner, actors.office):
        assert policy.can(user, "view", published)
        assert policy.can(user, "view", published.indicator)
    for user in (AnonymousUser(), actors.outsider, actors.editor):
        assert not policy.can(user, "view", hidden)
        assert not policy.can(user, "view", hidden.indicator)
    for user in (actors.owner, actors.office):
        assert policy.can(user, "view", hidden)
        assert policy.can(user, "view", hidden.indicator)


def test_coordinators_edit_their_regions_and_the_office_all(actors: Any) -> None:
    in_eilenburg = ObservationFactory(region=actors.eilenburg)
    in_state = ObservationFactory(region=actors.state)
    for user in (AnonymousUser(), actors.outsider, actors.editor):
        assert not policy.can(user, "edit", in_eilenburg)
        assert not policy.can(user, "import_observations", actors.nordsachsen)
    assert policy.can(actors.owner, "edit", in_eilenburg)
    assert policy.can(actors.owner, "import_observations", actors.eilenburg)
    assert not policy.can(actors.owner, "edit", in_state)
    assert not policy.can(actors.owner, "import_observations", actors.state)
    assert policy.can(actors.office, "edit", in_state)
    assert policy.can(actors.office, "import_observations", actors.state)
    network = IndicatorFactory(owner_region=actors.state)
    assert policy.can(actors.office, "edit", network)
    assert not policy.can(actors.owner, "edit", network)


def test_the_indicator_pages_are_for_the_office_and_coordinators(actors: Any) -> None:
    for user in (AnonymousUser(), actors.editor):
        assert not policy.can(user, "manage_indicators")
    for user in (actors.owner, actors.outsider, actors.office):
        assert policy.can(user, "manage_indicators")


def test_a_coordinator_edits_only_indicators_their_regions_maintain(actors: Any) -> None:
    nordsachsen = IndicatorFactory(owner_region=actors.nordsachsen)
    eilenburg = IndicatorFactory(owner_region=actors.eilenburg)
    mittelsachsen = IndicatorFactory(owner_region=actors.mittelsachsen)
    assert policy.can(actors.owner, "edit", nordsachsen) and policy.can(actors.owner, "edit", eilenburg)
    assert not policy.can(actors.owner, "edit", mittelsachsen)
    assert not policy.can(actors.outsider, "edit", nordsachsen)
    assert all(policy.can(actors.office, "edit", i) for i in (nordsachsen, eilenburg, mittelsachsen))
