"""The demo data: a catalogue after the Heim-TÜV, fictitious sites with two inspections each; idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.accommodation.demo import load_demo
from integrationsnetz.accommodation.models import CatalogueVersion, FollowUpAction, Inspection, Site
from integrationsnetz.core.demo.loader import core_demo_load

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        CatalogueVersion.objects.count(),
        Site.objects.count(),
        Inspection.objects.count(),
        FollowUpAction.objects.count(),
    )


def test_demo_is_complete_marked_fictitious_and_idempotent(settings: Any) -> None:
    core_demo_load()
    line = load_demo()
    assert line.startswith("accommodation:")
    assert _counts() == (2, 5, 10, 10)
    assert all(site.is_fictitious and "fiktiv" in site.name for site in Site.objects.all())
    assert Site.objects.values("district").distinct().count() >= 4
    for site in Site.objects.all():
        inspections = list(site.inspections.order_by("date"))
        assert [inspection.status for inspection in inspections] == ["completed", "completed"]
        assert inspections[0].version.number == 1 and inspections[1].version.number == 2
        # The second inspection checked the action raised by the first.
        assert inspections[0].actions.get().checked_in == inspections[1]
    areas = list(CatalogueVersion.objects.get(number=1).areas.values_list("name_de", flat=True))
    assert "Sicherheit und Gewaltschutz" in areas and len(areas) == 9
    before = _counts()
    load_demo()
    assert _counts() == before
