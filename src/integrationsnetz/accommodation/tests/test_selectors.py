"""Reads: public summary, comparisons and the inspection page load in a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from integrationsnetz.accommodation import selectors, services
from integrationsnetz.accommodation.models import Light, Site
from integrationsnetz.accommodation.tests.factories import SiteFactory, completed_inspection

pytestmark = pytest.mark.django_db


def _many(actors: Any, version: Any, count: int) -> None:
    for number in range(count):
        site = SiteFactory.create(
            district=actors.nordsachsen if number % 2 else actors.mittelsachsen, operator=actors.organisation
        )
        completed_inspection(site=site, version=version, values=[1, 1, 1], when=date(2023, 1, 1))
        completed_inspection(site=site, version=version, values=[3, 3, 4], when=date(2024, 1, 1))


def test_public_summary_counts_the_latest_inspection_per_district(
    actors: Any, version: Any, django_assert_max_num_queries: Any
) -> None:
    _many(actors, version, 4)
    SiteFactory.create(
        district=actors.nordsachsen, operator=actors.organisation, capacity=10
    )  # not inspected yet
    with django_assert_max_num_queries(1):
        summaries = {summary.district.key: summary for summary in selectors.public_summary()}
    north = summaries[actors.nordsachsen.key]
    assert (north.sites, north.inspected, north.places) == (3, 2, 210)
    assert north.lights == {Light.GREEN: 2, Light.YELLOW: 0, Light.RED: 0}


def test_site_comparison_has_fixed_queries_and_respects_the_scope(
    actors: Any, version: Any, django_assert_max_num_queries: Any
) -> None:
    _many(actors, version, 6)
    # The user's memberships, the count, the sites with their latest inspection's id, those inspections.
    with django_assert_max_num_queries(4):
        rows, total = selectors.site_comparison(user=actors.office, region=None)
        columns = selectors.comparison_columns(rows)
    assert len(rows) == total == 6
    assert all(row.latest is not None and row.latest.date == date(2024, 1, 1) for row in rows)
    assert columns == ["Wohnen", "Sicherheit"]
    owner_rows, _total = selectors.site_comparison(user=actors.owner, region=None)
    assert {row.site.district_id for row in owner_rows} == {actors.nordsachsen.pk}
    assert selectors.site_comparison(user=actors.outsider, region=actors.nordsachsen) == ([], 0)
    # The editor of the operator sees all sites the organisation runs, in any district.
    assert selectors.site_comparison(user=actors.editor, region=None)[1] == 6
    # Pages: the same order, no site twice.
    first, _ = selectors.site_comparison(user=actors.office, region=None, page=1, page_size=4)
    second, _ = selectors.site_comparison(user=actors.office, region=None, page=2, page_size=4)
    assert [row.site for row in first + second] == [row.site for row in rows]


def test_site_history_is_oldest_first(site: Site, version: Any, django_assert_max_num_queries: Any) -> None:
    completed_inspection(site=site, version=version, values=[3, 3, 4], when=date(2024, 1, 1))
    completed_inspection(site=site, version=version, values=[1, 1, 1], when=date(2022, 1, 1))
    services.inspection_create(site=site, version=version, actor=None, date=date(2025, 1, 1), inspectors="A")
    with django_assert_max_num_queries(1):
        history = selectors.site_history(site)
    assert [inspection.date.year for inspection in history] == [2022, 2024]


def test_inspection_page_data_has_fixed_queries(
    site: Site, version: Any, django_assert_max_num_queries: Any
) -> None:
    inspection = completed_inspection(site=site, version=version, values=[3, 3, 4])
    for number in range(5):
        services.follow_up_action_create(
            inspection=inspection, actor=None, description=f"A{number}", owner=None, due_date=date(2025, 1, 1)
        )
    with django_assert_max_num_queries(8):
        loaded = selectors.inspection_for_page(inspection.pk)
        assert loaded is not None
        blocks = selectors.inspection_areas(loaded)
        names = [score.criterion.name for block in blocks for score in block.rows]
        actions = [action.owner for action in loaded.actions.all()]
    assert names == ["Rooms", "Sanitary", "Fire safety"]
    assert len(actions) == 5
