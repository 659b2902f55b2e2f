"""The most-specific rule against a brute-force oracle (hypothesis), and the fixed query counts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrationsnetz.core.models import Region, TargetGroup
from integrationsnetz.core.tests.factories import FieldOfActionFactory, RegionFactory, TargetGroupFactory
from integrationsnetz.directory.tests.factories import OrganisationFactory
from integrationsnetz.guide import selectors
from integrationsnetz.guide.models import Matter, Responsibility, Translation
from integrationsnetz.guide.tests.factories import MatterFactory, ResponsibilityFactory

TODAY = date(2026, 6, 1)
ROLES = list(Responsibility.Role.values)


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    state = RegionFactory(key="14", name="Sachsen", kind=Region.Kind.STATE)
    north = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    middle = RegionFactory(key="14522", name="Mittelsachsen", parent=state)
    regions = [
        state,
        north,
        middle,
        RegionFactory(key="14730110", name="Eilenburg", kind=Region.Kind.TOWN, parent=north),
        RegionFactory(key="14730310", name="Torgau", kind=Region.Kind.TOWN, parent=north),
        RegionFactory(key="14522180", name="Freiberg", kind=Region.Kind.TOWN, parent=middle),
    ]
    field = FieldOfActionFactory()
    return {
        "regions": regions,
        "groups": [TargetGroupFactory(slug=f"g{i}") for i in range(3)],
        "matters": [MatterFactory(slug=f"m{i}", field_of_action=field) for i in range(2)],
        "organisation": OrganisationFactory(region=state),
    }


offsets = st.one_of(st.none(), st.integers(min_value=-4, max_value=4))
entry_strategy = st.tuples(
    st.integers(min_value=0, max_value=1),  # matter
    st.integers(min_value=0, max_value=5),  # region
    st.sets(st.integers(min_value=0, max_value=2), max_size=3),  # target groups; empty = all
    st.sampled_from(ROLES),
    offsets,  # valid from (days from today)
    offsets,  # valid until
)


def oracle(
    entries: list[Responsibility], region: Region, group: TargetGroup, matter: Matter, on: date
) -> set[int]:
    """Brute force: of all entries that apply here and now, per role those of the deepest region."""
    applying = [
        entry
        for entry in entries
        if entry.matter_id == matter.pk
        and region.path.startswith(entry.region.path)
        and (not entry.group_ids or group.pk in entry.group_ids)  # type: ignore[attr-defined]
        and (entry.valid_from is None or entry.valid_from <= on)
        and (entry.valid_until is None or on <= entry.valid_until)
    ]
    result = set()
    for role in ROLES:
        of_role = [entry for entry in applying if entry.role == role]
        if of_role:
            deepest = max(entry.region.depth for entry in of_role)
            result |= {entry.pk for entry in of_role if entry.region.depth == deepest}
    return result


def make_entries(world: dict[str, Any], specs: list[tuple[Any, ...]]) -> list[Responsibility]:
    entries = []
    for matter, region, groups, role, start, end in specs:
        valid_from = TODAY + timedelta(days=start) if start is not None else None
        valid_until = TODAY + timedelta(days=end) if end is not None else None
        if valid_from and valid_until and valid_until < valid_from:
            valid_from, valid_until = valid_until, valid_from
        entry = Responsibility.objects.create(
            matter=world["matters"][matter],
            region=world["regions"][region],
            organisation=world["organisation"],
            role=role,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        entry.target_groups.set([world["groups"][index] for index in groups])
        entry.group_ids = {world["groups"][index].pk for index in groups}  # type: ignore[attr-defined]
        entries.append(entry)
    return entries


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(entry_strategy, max_size=12),
    region=st.integers(min_value=0, max_value=5),
    group=st.integers(min_value=0, max_value=2),
    matter=st.integers(min_value=0, max_value=1),
    day=st.integers(min_value=-5, max_value=5),
)
def test_finder_returns_exactly_the_most_specific_valid_entries(
    world: dict[str, Any], specs: list[tuple[Any, ...]], region: int, group: int, matter: int, day: int
) -> None:
    with transaction.atomic():
        entries = make_entries(world, specs)
        on = TODAY + timedelta(days=day)
        query_region, query_group = world["regions"][region], world["groups"][group]
        query_matter = world["matters"][matter]
        found = selectors.responsibilities_effective(
            region=query_region, on=on, matter_ids=[query_matter.pk], target_group_ids=[query_group.pk]
        )
        got = {entry.pk for entry in found.get((query_matter.pk, query_group.pk), [])}
        assert got == oracle(entries, query_region, query_group, query_matter, on)
        transaction.set_rollback(True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(entry_strategy, max_size=12), region=st.integers(min_value=0, max_value=5))
def test_every_matrix_cell_is_the_oracle(
    world: dict[str, Any], specs: list[tuple[Any, ...]], region: int
) -> None:
    with transaction.atomic():
        entries = make_entries(world, specs)
        query_region = world["regions"][region]
        matrix = selectors.region_matrix(region=query_region, on=TODAY)
        groups = matrix.target_groups
        for section in matrix.sections:
            for row in section.rows:
                for group, cell in zip(groups, row.cells, strict=True):
                    assert {entry.pk for entry in cell} == oracle(
                        entries, query_region, group, row.matter, TODAY
                    )
        transaction.set_rollback(True)


def test_town_overrides_district_overrides_state(world: dict[str, Any]) -> None:
    state, north, _middle, eilenburg, torgau, _freiberg = world["regions"]
    matter, group = world["matters"][0], world["groups"][0]
    bamf: Any = ResponsibilityFactory(matter=matter, region=state)
    district: Any = ResponsibilityFactory(matter=matter, region=north)
    town: Any = ResponsibilityFactory(matter=matter, region=eilenburg, valid_until=TODAY - timedelta(days=1))

    def who(region: Region, on: date) -> list[int]:
        cells = selectors.responsibilities_effective(region=region, on=on, target_group_ids=[group.pk])
        return [entry.pk for entry in cells.get((matter.pk, group.pk), [])]

    assert who(world["regions"][2], TODAY) == [bamf.pk]  # Mittelsachsen: no own entry
    assert who(torgau, TODAY) == [district.pk]
    assert who(eilenburg, TODAY) == [district.pk]  # the town's entry has expired
    assert who(eilenburg, TODAY - timedelta(days=1)) == [town.pk]


def test_matrix_and_finder_queries_are_fixed(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    state, north = world["regions"][0], world["regions"][1]
    matter: Any = None
    for index in range(20):
        matter = MatterFactory(
            slug=f"extra-{index}", field_of_action=FieldOfActionFactory(slug=f"f{index % 4}")
        )
        ResponsibilityFactory(
            matter=matter, region=state if index % 2 else north, target_groups=world["groups"][:2]
        )
    with django_assert_max_num_queries(5):
        matrix = selectors.region_matrix(region=north, on=TODAY)
        assert len(matrix.matters) == 22
        assert matrix.actors
    with django_assert_max_num_queries(6):
        result = selectors.finder_lookup(
            region=north, target_group=world["groups"][0], matter=matter, on=TODAY, language="ar"
        )
        assert [entry.region for entry in result.entries] == [north if index % 2 == 0 else state]


def test_missing_translation_falls_back_to_german(world: dict[str, Any]) -> None:
    matter = world["matters"][0]
    result = selectors.finder_lookup(
        region=world["regions"][1], target_group=world["groups"][0], matter=matter, on=TODAY, language="fa"
    )
    assert result.name.text == matter.name
    assert result.name.fallback
    assert result.name.status == Translation.Status.MISSING


# --- The office's pages --------------------------------------------------------------------------


def test_matters_with_their_entries_per_region(
    guide: Any, actors: Any, django_assert_num_queries: Any
) -> None:
    from integrationsnetz.guide import services

    services.matter_retire(actor=None, matter=guide.course)
    with django_assert_num_queries(2):
        usages = {usage.matter.slug: usage for usage in selectors.matters_with_usage()}
    permit = usages["arbeitserlaubnis"]
    assert [(region.name, region.entries) for region in permit.regions] == [
        ("Nordsachsen", 1),
        ("Eilenburg", 1),
    ]
    assert permit.entries == 2
    course = usages["integrationskurs"]  # retired matters are listed too
    assert course.matter.retired and [region.key for region in course.regions] == ["14"]


def test_language_overview_counts_missing_outdated_and_current(
    guide: Any, actors: Any, django_assert_num_queries: Any
) -> None:
    from integrationsnetz.guide import services

    # Six texts: the permit's name, description and what to bring, the course's name, the page's title and body.
    services.translation_save(actor=None, obj=guide.permit, field="name", language="ar", text="تصريح العمل")
    services.translation_save(actor=None, obj=guide.page, field="body", language="ar", text="مرحبا")
    services.info_page_save(
        actor=None, slug="ankommen", region=actors.state, topic="arrival", title=guide.page.title, body="Neu."
    )
    services.guide_language_add(actor=None, code="ur")
    with django_assert_num_queries(4):
        overview = {language.code: language for language in selectors.language_overview()}
    assert "de" not in overview
    arabic = overview["ar"]
    assert (arabic.missing, arabic.outdated, arabic.current) == (4, 1, 1)
    assert arabic.builtin and arabic.is_rtl
    urdu = overview["ur"]
    assert (urdu.missing, urdu.outdated, urdu.current) == (6, 0, 0)
    assert not urdu.builtin and urdu.active and urdu.is_rtl
