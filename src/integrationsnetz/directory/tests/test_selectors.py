"""Search, facets and paging of the directory, on whichever database the run uses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import (
    FieldOfActionFactory,
    LanguageFactory,
    RegionFactory,
    TargetGroupFactory,
)
from integrationsnetz.directory import selectors, services
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.selectors import SearchFilters, organisation_search
from integrationsnetz.directory.tests.factories import OrganisationFactory


@dataclass
class Directory:
    actors: Any
    leipzig: Region
    dresden: Region
    psz: Organisation
    boot: Organisation
    refugee_council: Organisation
    migration_service: Organisation
    archived: Organisation
    health: Any
    law: Any
    asylum_seekers: Any
    arabic: Any
    farsi: Any


def build_directory(actors: Any) -> Directory:
    """A small directory with hand-countable facets; created through the services like real data."""
    leipzig: Any = RegionFactory(key="14713", name="Leipzig", kind=Region.Kind.CITY, parent=actors.state)
    dresden: Any = RegionFactory(key="14612", name="Dresden", kind=Region.Kind.CITY, parent=actors.state)
    health = FieldOfActionFactory(slug="gesundheit", name_de="Gesundheit", name_en="Health")
    law = FieldOfActionFactory(slug="recht", name_de="Asyl- und Aufenthaltsrecht", name_en="Asylum law")
    asylum_seekers = TargetGroupFactory(slug="asylsuchende", name_de="Asylsuchende", name_en="Asylum seekers")
    arabic = LanguageFactory(code="ar", name_de="Arabisch", name_en="Arabic", native_name="العربية")
    farsi = LanguageFactory(code="fa", name_de="Persisch", name_en="Persian", native_name="فارسی")
    psz = services.organisation_create(
        actor=None,
        name="Psychosoziales Zentrum für Geflüchtete Leipzig (PSZ)",
        short_name="PSZ Leipzig",
        kind=Organisation.Kind.COUNSELLING,
        region=leipzig,
        city="Leipzig",
        description="Psychosoziale Beratung und Psychotherapie für traumatisierte Geflüchtete.",
        email="psz@example.org",
        latitude=Decimal("51.339700"),
        longitude=Decimal("12.373100"),
        fields_of_action=[health],
        target_groups=[asylum_seekers],
        languages=[arabic, farsi],
    )
    boot = services.organisation_create(
        actor=None,
        name="das BOOT gGmbH",
        kind=Organisation.Kind.PROJECT_PROVIDER,
        region=leipzig,
        city="Leipzig",
        description="Psychosoziale Beratung und Therapie für Geflüchtete.",
        fields_of_action=[health],
        languages=[arabic],
    )
    refugee_council = services.organisation_create(
        actor=None,
        name="Sächsischer Flüchtlingsrat e. V.",
        kind=Organisation.Kind.ASSOCIATION,
        region=dresden,
        city="Dresden",
        description="Beratung im Asylverfahren und Öffentlichkeitsarbeit.",
        fields_of_action=[law],
        target_groups=[asylum_seekers],
        latitude=Decimal("51.050400"),
        longitude=Decimal("13.737300"),
    )
    # Seated in Mittelsachsen, but serving Eilenburg (in Nordsachsen).
    migration_service = services.organisation_create(
        actor=None,
        name="Migrationsdienst Mittelsachsen",
        kind=Organisation.Kind.AUTHORITY,
        region=actors.mittelsachsen,
        regions_served=[actors.eilenburg],
        description="Migrationsberatung für Erwachsene.",
        fields_of_action=[law],
    )
    archived = services.organisation_create(
        actor=None,
        name="Psychosoziale Kontaktstelle (geschlossen)",
        kind=Organisation.Kind.COUNSELLING,
        status=Organisation.Status.ARCHIVED,
        region=leipzig,
        description="Psychosoziale Beratung.",
        fields_of_action=[health],
    )
    return Directory(
        actors=actors,
        leipzig=leipzig,
        dresden=dresden,
        psz=psz,
        boot=boot,
        refugee_council=refugee_council,
        migration_service=migration_service,
        archived=archived,
        health=health,
        law=law,
        asylum_seekers=asylum_seekers,
        arabic=arabic,
        farsi=farsi,
    )


@pytest.fixture
def directory(actors: Any) -> Directory:
    return build_directory(actors)


def names(query: str = "", **filters: Any) -> list[str]:
    result = organisation_search(SearchFilters(query=query, **filters), with_facets=False)
    return [organisation.name for organisation in result.organisations]


def facet(result: selectors.SearchResult, name: str) -> dict[str, tuple[int, bool]]:
    return {value.value: (value.count, value.selected) for value in result.facets[name]}


@pytest.mark.parametrize("query", ["psychosozial", "psychosoziale", "Psychosoziales", "PSYCHOSOZ"])
def test_search_finds_by_german_stem_and_prefix(directory: Directory, query: str) -> None:
    found = names(query)
    assert directory.psz.name in found
    assert directory.boot.name in found
    assert directory.refugee_council.name not in found
    assert directory.archived.name not in found  # only active entries are public


def test_search_phrase_ranks_the_best_match_first(directory: Directory) -> None:
    found = names("Psychosoziales Zentrum")
    assert found[0] == directory.psz.name


@pytest.mark.parametrize("query", ["Flüchtlingsrat", "Fluechtlingsrat", "Fluchtlingsrat", "Flüchtlinsrat"])
def test_search_folds_umlauts_and_forgives_typos(directory: Directory, query: str) -> None:
    assert names(query) == [directory.refugee_council.name]


def test_search_reads_vocabulary_and_service_text(directory: Directory, actors: Any) -> None:
    services.service_save(
        organisation=directory.boot, actor=None, name="Dolmetscherpool", description="Sprachmittlung"
    )
    assert names("Sprachmittlung") == [directory.boot.name]
    assert directory.psz.name in names("Health")  # English name of the field of action


def test_search_without_words_matches_nothing(directory: Directory) -> None:
    assert names("!!! ***") == []


def test_search_without_query_lists_active_by_name(directory: Directory) -> None:
    found = names()
    assert found == sorted(found)
    assert directory.archived.name not in found
    assert len(found) == 6  # four built here and the two of the shared actors


def test_facet_counts_are_hand_computed(directory: Directory) -> None:
    result = organisation_search(SearchFilters())
    assert facet(result, "kind") == {
        "association": (3, False),  # the refugee council and the two actors' associations
        "project_provider": (1, False),
        "counselling": (1, False),
        "authority": (1, False),
    }
    assert facet(result, "field") == {"gesundheit": (2, False), "recht": (2, False)}
    assert facet(result, "group") == {"asylsuchende": (2, False)}
    assert facet(result, "language") == {"ar": (2, False), "fa": (1, False)}
    regions = facet(result, "region")
    assert regions["14"] == (6, False)
    assert regions["14713"] == (2, False)
    # Nordsachsen: the Eilenburg association (seated below it) and the service serving Eilenburg.
    assert regions["14730"] == (2, False)
    assert regions["14522"] == (2, False)


def test_facet_counts_reflect_the_other_filters(directory: Directory) -> None:
    result = organisation_search(SearchFilters(query="psychosoziale", fields_of_action=("gesundheit",)))
    assert result.total == 2
    # The field facet ignores its own selection, the others apply it.
    assert facet(result, "field") == {"gesundheit": (2, True)}
    assert facet(result, "kind") == {"counselling": (1, False), "project_provider": (1, False)}
    assert facet(result, "language") == {"ar": (2, False), "fa": (1, False)}
    narrowed = organisation_search(SearchFilters(query="psychosoziale", languages=("fa",)))
    assert [organisation.pk for organisation in narrowed.organisations] == [directory.psz.pk]
    assert facet(narrowed, "language") == {"ar": (2, False), "fa": (1, True)}
    assert facet(narrowed, "kind") == {"counselling": (1, False)}


def test_region_filter_includes_sub_regions_and_served_regions(directory: Directory, actors: Any) -> None:
    found = names(region="14730")
    assert sorted(found) == sorted([actors.organisation.name, directory.migration_service.name])
    assert names(region="14730110") == sorted([actors.organisation.name, directory.migration_service.name])
    assert len(names(region="14")) == 6
    result = organisation_search(SearchFilters(region="14730"))
    regions = facet(result, "region")
    assert regions["14730"] == (2, True)
    assert regions["14730110"] == (2, False)  # the children of the selected region are offered
    assert regions["14"] == (6, False)  # the region facet ignores its own selection


def test_unknown_filter_values_give_no_result_and_are_reported(directory: Directory) -> None:
    result = organisation_search(SearchFilters(region="99999", fields_of_action=("nonsense",)))
    assert result.total == 0
    assert set(result.unknown) == {"99999", "nonsense"}


def test_paging_is_stable_and_clamped(actors: Any) -> None:
    region = actors.nordsachsen
    for number in range(25):
        OrganisationFactory(name=f"Initiative {number:02d}", region=region, search_text="Initiative")
    first = organisation_search(SearchFilters(query="Initiative"), page=1, page_size=10)
    second = organisation_search(SearchFilters(query="Initiative"), page=2, page_size=10)
    last = organisation_search(SearchFilters(query="Initiative"), page=99, page_size=10)
    assert first.total == 25
    assert first.pages == 3
    assert len(first.organisations) == 10
    assert not {o.pk for o in first.organisations} & {o.pk for o in second.organisations}
    assert last.page == 3
    assert len(last.organisations) == 5
    assert last.first_index == 21
    assert last.last_index == 25


def test_search_query_count_does_not_grow_with_results(
    actors: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        OrganisationFactory(
            name=f"Beratung {number}", region=actors.eilenburg, search_text="Beratung Eilenburg"
        )
    with django_assert_max_num_queries(12):
        result = organisation_search(SearchFilters(query="Beratung", region="14730"), page_size=20)
    assert result.total == 30
    assert len(result.organisations) == 20


def test_export_rows_hold_only_consented_contacts(directory: Directory) -> None:
    services.contact_person_save(
        organisation=directory.psz,
        actor=None,
        name="Erika Beispiel",
        function="Leitung",
        consent_to_publish=True,
    )
    services.contact_person_save(
        organisation=directory.psz,
        actor=None,
        name="Max Verborgen",
        function="Beratung",
        consent_to_publish=False,
    )
    rows = list(selectors.organisation_export_rows(SearchFilters(query="psychosoziale")))
    psz = next(row for row in rows if row.pk == directory.psz.pk)
    assert [contact.name for contact in psz.public_contact_list] == ["Erika Beispiel"]  # type: ignore[attr-defined]


def test_map_features_only_with_coordinates(directory: Directory) -> None:
    features = selectors.organisation_map_features(SearchFilters(query="Leipzig"))
    assert [feature["slug"] for feature in features] == [directory.psz.slug]
