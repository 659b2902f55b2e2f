"""Who may see the full results and who may inspect, per actor (STYLE.md rule 8)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import Catalogue, CatalogueVersion, FollowUpAction, Site
from integrationsnetz.accommodation.tests.factories import completed_inspection
from integrationsnetz.core import policy

pytestmark = pytest.mark.django_db


def test_full_results_only_for_office_district_and_operator(actors: Any, site: Site) -> None:
    allowed = {
        "office": actors.office,
        "owner": actors.owner,
        "editor": actors.editor,
    }
    refused = {"outsider": actors.outsider, "anonymous": AnonymousUser()}
    for name, user in allowed.items():
        assert policy.can(user, "view_details", site), name
    for name, user in refused.items():
        assert not policy.can(user, "view_details", site), name
        assert policy.can(user, "view", site), name  # the public fields


def test_inspecting_is_for_office_and_district(actors: Any, site: Site, version: Any) -> None:
    assert policy.can(actors.office, "inspect", site)
    assert policy.can(actors.owner, "inspect", site)
    assert not policy.can(actors.editor, "inspect", site)
    assert not policy.can(actors.outsider, "inspect", site)
    draft = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 1, 1), inspectors="A"
    )
    assert policy.can(actors.owner, "edit", draft)
    assert policy.can(actors.editor, "view", draft)
    assert not policy.can(actors.editor, "edit", draft)
    assert not policy.can(actors.outsider, "view", draft)


def test_completed_inspections_are_read_only_for_everyone(actors: Any, site: Site, version: Any) -> None:
    done = completed_inspection(site=site, version=version, values=[3, 3, 4])
    assert not policy.can(actors.office, "edit", done)
    assert policy.can(actors.office, "view", done)


def test_actions_may_be_updated_by_inspectors_operator_and_owner(
    actors: Any, site: Site, version: Any
) -> None:
    done = completed_inspection(site=site, version=version, values=[3, 3, 4])
    action = services.follow_up_action_create(
        inspection=done, actor=None, description="X", owner=actors.outsider, due_date=date(2025, 1, 1)
    )
    for user in (actors.office, actors.owner, actors.editor, actors.outsider):
        assert policy.can(user, "edit", action)
    other = services.follow_up_action_create(
        inspection=done, actor=None, description="Y", owner=None, due_date=date(2025, 1, 1)
    )
    assert not policy.can(actors.outsider, "edit", other)
    assert not policy.can(AnonymousUser(), "edit", other)
    assert isinstance(other, FollowUpAction)


def test_only_the_office_keeps_the_catalogue(actors: Any, version: Any) -> None:
    assert policy.can(actors.office, "edit", Catalogue)
    assert not policy.can(actors.owner, "edit", Catalogue)
    assert policy.can(AnonymousUser(), "view", version)
    assert policy.can(actors.office, "edit", version)
    assert policy.can(actors.office, "create", CatalogueVersion)
    for user in (actors.owner, actors.editor, actors.outsider, AnonymousUser()):
        assert not policy.can(user, "edit", version)
        assert not policy.can(user, "create", CatalogueVersion)
        assert not policy.can(user, "edit", version.areas.first().criteria.first())


def test_admin_lists_only_sites_in_scope(actors: Any, site: Site, other_site: Site, rf: Any) -> None:
    from django.contrib.admin.sites import site as admin_site

    from integrationsnetz.accommodation.admin import SiteAdmin

    request = rf.get("/admin/accommodation/site/")
    request.user = actors.owner
    assert list(SiteAdmin(Site, admin_site).get_queryset(request)) == [site]
    request.user = actors.office
    assert set(SiteAdmin(Site, admin_site).get_queryset(request)) == {site, other_site}
