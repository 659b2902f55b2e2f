"""Derived figures checked against values computed by hand from seed 003's table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.models import Indicator
from integrationsnetz.monitoring.selectors import indicators_published, indicators_visible_to, series_for
from integrationsnetz.monitoring.tests.factories import IndicatorFactory


@pytest.fixture
def series(db: Any, django_assert_max_num_queries: Any) -> Any:
    core_demo_load()
    load_demo()
    indicator = Indicator.objects.get(slug="auslaender-nordsachsen")
    region = Region.objects.get(key="14730")
    with django_assert_max_num_queries(2):
        return series_for(indicator, region)


def _point(series: Any, start: date) -> Any:
    return next(p for p in series.points if p.period_start == start)


def test_totals_across_categories(series: Any) -> None:
    assert [p.label for p in series.points][:2] == ["Mitte 2011", "Mitte 2012"]
    # 292 + 1449 + 857; 1339 + 3320 + 4685; 1322 + 5497 + 5046
    assert _point(series, date(2011, 6, 30)).total == Decimal("2598")
    assert _point(series, date(2022, 2, 1)).total == Decimal("9344")
    assert _point(series, date(2022, 6, 1)).total == Decimal("11865")


def test_change_against_previous_period_and_year(series: Any) -> None:
    june = _point(series, date(2022, 6, 1))
    # against Februar 2022: 11865 - 9344 = 2521; 2521 / 9344 = 26.98 %
    assert june.change_previous.absolute == Decimal("2521")
    assert june.change_previous.percent == Decimal("27.0")
    assert june.change_previous.against == "Februar 2022"
    # against Mitte 2021 (1240 + 3092 + 4557 = 8889): 2976; 2976 / 8889 = 33.48 %
    assert june.change_year.absolute == Decimal("2976")
    assert june.change_year.percent == Decimal("33.5")
    assert june.change_year.against == "Mitte 2021"
    # Mitte 2016 against Mitte 2015 (1071 + 1691 + 2055 = 4817; 2148 + 2005 + 2289 = 6442): +1625, 33.7 %
    mid_2016 = _point(series, date(2016, 6, 30))
    assert (mid_2016.change_year.absolute, mid_2016.change_year.percent) == (Decimal("1625"), Decimal("33.7"))
    # February 2021 was not counted
    assert _point(series, date(2022, 2, 1)).change_year is None
    assert series.points[0].change_previous is None


def test_share_per_category(series: Any) -> None:
    june = _point(series, date(2022, 6, 1))
    shares = {category.slug: june.shares[category.pk] for category in series.categories}
    # 1322 / 11865 = 11.14 %; 5497 / 11865 = 46.33 %; 5046 / 11865 = 42.53 %
    assert shares == {
        "asyl-duldung": Decimal("11.1"),
        "aufenthaltstitel": Decimal("46.3"),
        "eu-buerger": Decimal("42.5"),
    }


def test_a_stored_total_wins_over_the_sum(db: Any) -> None:
    core_demo_load()
    load_demo()
    series = series_for(Indicator.objects.get(slug="kaib-anzahl"), Region.objects.get(key="14"))
    point = series.points[0]
    assert point.total == Decimal("19")
    assert point.shares[series.categories[0].pk] == Decimal("36.8")  # 7 of 19


def test_category_selection(series: Any) -> None:
    only_eu = series_for(series.indicator, series.region, category_slugs=["eu-buerger"])
    assert _point(only_eu, date(2022, 6, 1)).total == Decimal("5046")


def test_unpublished_indicators_are_visible_to_their_maintainers_only(actors: Any) -> None:
    hidden = IndicatorFactory(slug="hidden", published=False, owner_region=actors.nordsachsen)
    shown = IndicatorFactory(slug="shown", published=True, owner_region=actors.mittelsachsen)
    assert list(indicators_published()) == [shown]
    assert list(indicators_visible_to(actors.outsider)) == [shown]
    assert list(indicators_visible_to(None)) == [shown]
    assert set(indicators_visible_to(actors.owner)) == {hidden, shown}
    assert set(indicators_visible_to(actors.office)) == {hidden, shown}
