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
from integrationsnetz.monitoring.selectors import (
    comparison_for,
    indicators_managed_by,
    indicators_published,
    indicators_visible_to,
    observations_published,
    regions_with_figures,
    series_for,
)
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory, ObservationFactory


@pytest.fixture
def series(db: Any, django_assert_max_num_queries: Any) -> Any:
    core_demo_load()
    load_demo()
    indicator = Indicator.objects.get(slug="auslaender-nordsachsen")
    region = Region.objects.get(key="14730")
    with django_assert_max_num_queries(3):
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


def test_per_thousand_inhabitants(series: Any) -> None:
    # Inhabitants (fictitious demo values): Mitte 2021 197,000; Juni 2022 198,000.
    # Juni 2022: 11865 * 1000 / 198000 = 59.92; Mitte 2021: 8889 * 1000 / 197000 = 45.12
    assert _point(series, date(2022, 6, 1)).per_thousand == Decimal("59.9")
    assert _point(series, date(2021, 6, 30)).per_thousand == Decimal("45.1")
    # Februar 2022 is nearer to Juni 2022 (120 days) than to Mitte 2021 (216): 9344 / 198 = 47.19
    february = _point(series, date(2022, 2, 1))
    assert (february.per_thousand, february.population) == (Decimal("47.2"), Decimal("198000"))
    # Mitte 2020 takes Mitte 2021 (365 days away): 8637 / 197 = 43.84; Mitte 2019 has no count near it.
    assert _point(series, date(2020, 6, 30)).per_thousand == Decimal("43.8")
    assert _point(series, date(2019, 6, 30)).per_thousand is None
    assert series.has_per_thousand


def test_per_thousand_needs_a_published_population(actors: Any) -> None:
    figures: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    population: Any = IndicatorFactory(slug="population", counts_inhabitants=True, owner_region=actors.state)
    men = CategoryFactory(indicator=population, slug="men")
    women = CategoryFactory(indicator=population, slug="women")
    ObservationFactory(indicator=figures, region=actors.nordsachsen, value=Decimal("150"))
    # Stored by category only: 1,200 + 1,300 = 2,500 inhabitants; 150 per 2,500 = 60 per 1,000.
    ObservationFactory(indicator=population, region=actors.nordsachsen, category=men, value=Decimal("1200"))
    ObservationFactory(indicator=population, region=actors.nordsachsen, category=women, value=Decimal("1300"))
    point = series_for(figures, actors.nordsachsen).points[0]
    assert (point.per_thousand, point.population) == (Decimal("60.0"), Decimal("2500"))
    # The population itself gets no rate.
    assert series_for(population, actors.nordsachsen).points[0].per_thousand is None
    Indicator.objects.filter(pk=population.pk).update(published=False)
    assert series_for(figures, actors.nordsachsen).points[0].per_thousand is None


def test_comparison_of_regions(actors: Any, django_assert_max_num_queries: Any) -> None:
    figures: Any = IndicatorFactory(slug="figures", owner_region=actors.state)
    population: Any = IndicatorFactory(slug="population", counts_inhabitants=True, owner_region=actors.state)
    for region, values in ((actors.nordsachsen, ("10", "12")), (actors.mittelsachsen, ("30",))):
        for year, value in zip((2021, 2022), values, strict=False):
            ObservationFactory(
                indicator=figures,
                region=region,
                period_start=date(year, 1, 1),
                period_kind="year",
                period_label=str(year),
                value=Decimal(value),
            )
    ObservationFactory(
        indicator=population,
        region=actors.mittelsachsen,
        period_start=date(2021, 1, 1),
        value=Decimal("4000"),
    )
    with django_assert_max_num_queries(3):
        comparison = comparison_for(figures, [actors.nordsachsen, actors.mittelsachsen])
    assert [period.label for period in comparison.periods] == ["2021", "2022"]
    assert [(row.region.key, row.totals) for row in comparison.rows] == [
        ("14730", [Decimal("10"), Decimal("12")]),
        ("14522", [Decimal("30"), None]),
    ]
    # 30 per 4,000 inhabitants = 7.5 per 1,000; Nordsachsen has no population figure.
    assert comparison.rows[1].per_thousand == [Decimal("7.5"), None]
    assert comparison.rows[0].per_thousand == [None, None]
    assert comparison.has_per_thousand
    assert list(regions_with_figures(figures)) == [actors.mittelsachsen, actors.nordsachsen]  # by key


def test_published_observations_with_filters(actors: Any, django_assert_max_num_queries: Any) -> None:
    shown = IndicatorFactory(slug="shown", owner_region=actors.state)
    hidden = IndicatorFactory(slug="hidden", published=False, owner_region=actors.state)
    category = CategoryFactory(indicator=shown, slug="part")
    in_town: Any = ObservationFactory(indicator=shown, region=actors.eilenburg, period_start=date(2020, 1, 1))
    in_district: Any = ObservationFactory(indicator=shown, region=actors.nordsachsen, category=category)
    ObservationFactory(indicator=shown, region=actors.mittelsachsen)
    ObservationFactory(indicator=hidden, region=actors.nordsachsen)
    with django_assert_max_num_queries(1):
        assert len(list(observations_published())) == 3
    assert list(observations_published(region_key="14730")) == [in_district]
    assert set(observations_published(region_key="14730", subregions=True)) == {in_district, in_town}
    assert list(observations_published(category_slug="part")) == [in_district]
    assert in_district not in observations_published(category_slug="total")
    assert list(observations_published(period_to=date(2021, 1, 1))) == [in_town]
    assert in_town not in observations_published(period_from=date(2021, 1, 1))
    assert not observations_published(indicator_slug="hidden").exists()


def test_the_indicators_a_user_maintains_with_their_figures(
    actors: Any, django_assert_max_num_queries: Any
) -> None:
    counted = IndicatorFactory(slug="counted", published=False, owner_region=actors.nordsachsen)
    for region in (actors.nordsachsen, actors.eilenburg):
        for start, label in ((date(2021, 6, 30), "Mitte 2021"), (date(2022, 6, 1), "")):
            ObservationFactory(
                indicator=counted, region=region, period_start=start, period_label=label, period_kind="month"
            )
    IndicatorFactory(slug="empty", owner_region=actors.eilenburg)
    IndicatorFactory(slug="elsewhere", owner_region=actors.mittelsachsen)
    with django_assert_max_num_queries(2):  # the user's memberships, then the indicators
        rows = indicators_managed_by(actors.owner)
    assert [(r.indicator.slug, r.region_count, r.period_count, r.last_period) for r in rows] == [
        ("counted", 2, 2, "Juni 2022"),  # a period without its own label is named as offices write it
        ("empty", 0, 0, ""),
    ]
    assert [r.indicator.slug for r in indicators_managed_by(actors.office)] == [
        "counted",
        "elsewhere",
        "empty",
    ]
    assert indicators_managed_by(actors.editor) == []
