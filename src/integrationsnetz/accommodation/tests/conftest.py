"""Fixtures of the accommodation tests: a small catalogue and one site in each actor's district."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.accommodation.models import CatalogueVersion, Site
from integrationsnetz.accommodation.tests.factories import SiteFactory, make_version


@pytest.fixture
def version(db: Any) -> CatalogueVersion:
    return make_version()


@pytest.fixture
def site(actors: Any) -> Site:
    """In Eilenburg's district Nordsachsen, run by the editor's organisation: the owner's and editor's site."""
    return SiteFactory.create(name="GU Eilenburg", district=actors.nordsachsen, operator=actors.organisation)


@pytest.fixture
def other_site(actors: Any) -> Site:
    return SiteFactory.create(
        name="GU Freiberg", district=actors.mittelsachsen, operator=actors.other_organisation
    )
