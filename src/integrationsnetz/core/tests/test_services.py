"""Region writes keep the materialised path of a region and everything below it right."""

from __future__ import annotations

import pytest

from integrationsnetz.core.models import Region
from integrationsnetz.core.services import region_save

pytestmark = pytest.mark.django_db


def test_moving_a_region_moves_its_descendants():
    state = region_save(key="14", name="Sachsen", kind="state", parent=None)
    other = region_save(key="16", name="Thüringen", kind="state", parent=None)
    district = region_save(key="14730", name="Nordsachsen", kind="district", parent=state)
    town = region_save(key="14730110", name="Eilenburg", kind="town", parent=district)
    assert town.path == "/14/14730/14730110/"
    region_save(key="14730", name="Nordsachsen", kind="district", parent=other)
    town.refresh_from_db()
    assert (town.path, town.depth) == ("/16/14730/14730110/", 2)


def test_saving_again_updates_in_place():
    region_save(key="14", name="Sachsen", kind="state", parent=None)
    region_save(key="14", name="Freistaat Sachsen", kind="state", parent=None)
    assert list(Region.objects.values_list("name", flat=True)) == ["Freistaat Sachsen"]
