"""The backend-specific full-text search: query cleaning, stemming, and that no input breaks it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrationsnetz.directory import search, services
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.selectors import SearchFilters, organisation_search


def test_stems_fold_umlauts_and_spellings() -> None:
    assert search.stem("Flüchtlingsrat") == search.stem("Fluechtlingsrat") == search.stem("Fluchtlingsrat")
    assert search.stem("psychosoziale") == search.stem("Psychosoziales") == "psychosozial"
    assert search.stem("Straße") == search.stem("Strasse")
    assert search.search_document("Café Beratung!") == "cafe berat"


def test_query_cleaning_bounds_length_and_drops_control_characters() -> None:
    assert search.clean_query("a\x00b\tc  d") == "a b c d"
    assert len(search.clean_query("x" * 5000)) == search.MAX_QUERY_LENGTH
    assert search.query_stems('"AND" OR * - NEAR(') == ["and", "or", "near"]
    assert len(search.query_stems(" ".join(f"wort{n}" for n in range(50)))) == search.MAX_QUERY_WORDS


def test_edit_distance() -> None:
    assert search.edit_distance("fluchtlinsrat", "fluchtlingsrat", 2) == 1
    assert search.edit_distance("kitten", "sitting", 3) == 3
    assert search.edit_distance("abc", "abcdefgh", 2) == 3  # gives up beyond the limit


@pytest.fixture
def psz(actors: Any) -> Organisation:
    return services.organisation_create(
        actor=None,
        name="Psychosoziales Zentrum für Geflüchtete Leipzig (PSZ)",
        kind=Organisation.Kind.COUNSELLING,
        region=actors.nordsachsen,
        description="Psychosoziale Beratung",
    )


def ids(query: str) -> list[int]:
    return [o.pk for o in organisation_search(SearchFilters(query=query), with_facets=False).organisations]


def test_index_follows_changes_and_deletions(psz: Organisation) -> None:
    assert ids("Zentrum") == [psz.pk]
    services.organisation_update(organisation=psz, actor=None, name="Beratungshaus Nord")
    assert ids("Zentrum") == []
    assert ids("Beratungshaus") == [psz.pk]
    Organisation.objects.filter(pk=psz.pk).delete()
    assert ids("Beratungshaus") == []


def test_sqlite_index_is_rebuilt_when_triggers_were_lost(psz: Organisation) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only: PostgreSQL keeps a generated column")
    # Django's SQLite "alter table" rebuilds the table, which drops its triggers.
    search.drop_sqlite_index(connection)
    search.ensure_sqlite_index(connection)
    assert ids("psychosozial") == [psz.pk]
    services.organisation_update(organisation=psz, actor=None, name="Umbenannt")
    assert ids("Umbenannt") == [psz.pk]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(max_size=300)
    | st.sampled_from(['"', "AND", "*", "-x", "NEAR(a b)", "a:b", "^", "ü" * 1000])
)
def test_any_query_returns_a_result(psz: Organisation, query: str) -> None:
    result = organisation_search(SearchFilters(query=query), page=1, page_size=5)
    assert result.total >= 0
    assert len(result.organisations) <= 5


def test_search_text_does_not_depend_on_the_saving_language(db):
    from django.utils import translation

    from integrationsnetz.directory.search_text import organisation_search_text
    from integrationsnetz.directory.tests.factories import OrganisationFactory

    organisation: Any = OrganisationFactory(kind="counselling")
    with translation.override("en"):
        english = organisation_search_text(organisation)
    with translation.override("de"):
        german = organisation_search_text(organisation)
    assert english == german
    assert "Beratungsstelle" in german
    assert "counselling service" in german
