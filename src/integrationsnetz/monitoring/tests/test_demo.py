"""The demo figures: seed 003's table named as its text says, and the network figures of seeds 000-002."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.models import Indicator, Observation, ObservationRevision


@pytest.fixture
def demo(db: Any) -> None:
    core_demo_load()
    load_demo()


def test_june_2022_matches_the_text(demo: None) -> None:
    june = dict(
        Observation.objects.filter(
            indicator__slug="auslaender-nordsachsen", region__key="14730", period_start=date(2022, 6, 1)
        ).values_list("category__name_en", "value")
    )
    # "5.046 davon sind EU-Bürger:innen, 1.322 befinden sich in einem Asylverfahren oder einer Duldung,
    # 5.497 sind Ausländer mit einem Aufenthaltstitel"
    assert june == {
        "EU citizens": Decimal("5046"),
        "In an asylum procedure or tolerated": Decimal("1322"),
        "Holding a residence title": Decimal("5497"),
    }
    assert sum(june.values()) == Decimal("11865")


def test_the_whole_table_is_imported(demo: None) -> None:
    observations = Observation.objects.filter(indicator__slug="auslaender-nordsachsen")
    assert observations.count() == 3 * 13
    first = observations.get(period_start=date(2011, 6, 30), category__slug="asyl-duldung")
    assert (first.value, first.period_label) == (Decimal("292"), "Mitte 2011")


def test_network_figures(demo: None) -> None:
    state = Region.objects.get(key="14")
    values = {
        (o.indicator.slug, o.category.slug if o.category else None, o.period_start): o.value
        for o in Observation.objects.filter(region=state).select_related("indicator", "category")
    }
    assert values == {
        ("nims-mitglieder", "organisationen", date(2014, 6, 27)): Decimal("200"),
        ("nims-mitglieder", "einzelpersonen", date(2014, 6, 27)): Decimal("40"),
        ("nims-teilnehmende", None, date(2016, 3, 23)): Decimal("130"),
        ("nims-teilnehmende", None, date(2017, 11, 1)): Decimal("80"),
        ("kaib-anzahl", None, date(2011, 11, 30)): Decimal("19"),
        ("kaib-anzahl", "ehrenamtlich", date(2011, 11, 30)): Decimal("7"),
    }
    assert set(Indicator.objects.values_list("owner_region__key", flat=True)) == {"14", "14730"}


def test_loading_again_changes_nothing(demo: None) -> None:
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "updated_at"))
    result = load_demo()
    assert (result.created, result.updated) == (0, 0)
    assert list(Observation.objects.order_by("pk").values_list("pk", "value", "updated_at")) == before
    assert not ObservationRevision.objects.exists()
