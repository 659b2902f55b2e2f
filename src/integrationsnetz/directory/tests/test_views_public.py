"""The public directory pages over HTTP: search, detail, vCard, map data and exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from integrationsnetz.directory import services
from integrationsnetz.directory.models import NetworkMembership, Organisation
from integrationsnetz.directory.selectors import SearchFilters, organisation_queryset
from integrationsnetz.directory.tests.factories import NetworkFactory, OrganisationFactory
from integrationsnetz.directory.tests.test_selectors import Directory, build_directory

SEARCH = reverse("directory:search")
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def directory(actors: Any) -> Directory:
    data = build_directory(actors)
    services.contact_person_save(
        organisation=data.psz,
        actor=None,
        name="Erika Öffentlich",
        function="Leitung",
        email="leitung@example.org",
        consent_to_publish=True,
    )
    services.contact_person_save(
        organisation=data.psz,
        actor=None,
        name="Max Verborgen",
        function="Sozialberatung",
        email="max.verborgen@example.org",
        phone="0341 000000",
        consent_to_publish=False,
    )
    services.service_save(
        organisation=data.psz,
        actor=None,
        name="Psychotherapie für Geflüchtete",
        description="Therapie mit Sprachmittlung",
        eligibility="Geflüchtete in Leipzig",
        minimum_age=18,
        languages=[data.arabic],
    )
    network: Any = NetworkFactory(
        name="Netzwerk Integration Migration Sachsen", short_name="NIMS", region=actors.state
    )
    NetworkMembership.objects.create(organisation=data.psz, network=network, since=date(2019, 5, 1))
    return data


@pytest.fixture
def many(actors: Any) -> list[Any]:
    """30 organisations with fields and coordinates, more than one page."""
    from integrationsnetz.core.tests.factories import FieldOfActionFactory

    field = FieldOfActionFactory(slug="arbeit", name_de="Arbeit", name_en="Work")
    organisations: list[Any] = []
    for number in range(30):
        organisation: Any = OrganisationFactory(
            name=f"Beratungsstelle {number:02d}",
            region=actors.eilenburg,
            city="Eilenburg",
            latitude=Decimal("51.46"),
            longitude=Decimal("12.63"),
            search_text="Beratungsstelle Migrationsberatung Eilenburg",
        )
        organisation.fields_of_action.set([field])
        organisations.append(organisation)
    return organisations


def text(response: Any) -> str:
    return response.content.decode()


# --- search page ----------------------------------------------------------------------------


def test_search_page_shows_results_facets_and_status(directory: Directory, client: Any) -> None:
    response = client.get(SEARCH, {"q": "psychosoziale"})
    assert response.status_code == 200
    html = text(response)
    assert html.count("<h1") == 1
    assert directory.psz.name in html
    assert directory.boot.name in html
    assert directory.refugee_council.name not in html
    assert 'role="status"' in html
    assert "<legend>" in html
    assert 'for="id_q"' in html
    assert reverse("directory:export_csv") + "?q=psychosoziale" in html
    assert 'hx-get="' + SEARCH in html


def test_facet_narrows_and_is_shown_selected(directory: Directory, client: Any) -> None:
    response = client.get(SEARCH, {"q": "psychosoziale", "language": "fa"})
    html = text(response)
    assert directory.psz.name in html
    assert directory.boot.name not in html
    assert 'value="fa" id="facet-language-fa" checked' in html


def test_htmx_request_gets_the_result_area_only(directory: Directory, client: Any) -> None:
    response = client.get(SEARCH, {"q": "psychosoziale"}, headers={"HX-Request": "true"})
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="search-body"' in html
    assert 'hx-swap-oob="innerHTML"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-3"},
        {"page": "9" * 40},
        {"region": "does-not-exist"},
        {"region": "<script>"},
        {"kind": "bogus", "field": SCRIPT, "language": "xx"},
        {"q": "x" * 5000},
        {"q": '"AND" OR * - NEAR( ^ ü 漢字 \x00'},
    ],
)
def test_bad_parameters_never_fail(directory: Directory, client: Any, params: dict[str, str]) -> None:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert SCRIPT not in text(response)
    for url in (reverse("directory:map"), reverse("directory:export_csv"), reverse("directory:export_xlsx")):
        other = client.get(url, params)
        assert other.status_code == 200
        if hasattr(other, "streaming_content"):
            b"".join(other.streaming_content)


def test_unknown_values_are_reported_and_ignored(directory: Directory, client: Any) -> None:
    html = text(client.get(SEARCH, {"region": "99999", "q": "psychosoziale"}))
    assert "99999" in html
    assert directory.psz.name in html


def test_too_long_query_is_shortened_with_a_note(directory: Directory, client: Any) -> None:
    html = text(client.get(SEARCH, {"q": "psychosoziale " + "x" * 500}))
    assert 'id="search-notes"' in html


def test_page_beyond_the_last_shows_the_last(many: list[Organisation], client: Any) -> None:
    html = text(client.get(SEARCH, {"q": "Beratungsstelle", "page": "99"}))
    assert "Beratungsstelle 29" in html
    assert 'rel="prev"' in html
    assert 'rel="next"' not in html


def test_paging_links(many: list[Organisation], client: Any) -> None:
    html = text(client.get(SEARCH, {"q": "Beratungsstelle"}))
    assert 'rel="next"' in html
    assert "q=Beratungsstelle&amp;page=2" in html
    assert "Beratungsstelle 00" in html
    assert "Beratungsstelle 25" not in html


def test_search_query_count_is_fixed(
    many: list[Organisation], client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(14):
        response = client.get(SEARCH, {"q": "Beratungsstelle", "region": "14730", "field": "arbeit"})
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(SEARCH).status_code == 200


def test_script_in_names_is_escaped(actors: Any, client: Any) -> None:
    organisation = services.organisation_create(
        actor=None, name=f"Verein {SCRIPT}", kind=Organisation.Kind.ASSOCIATION, region=actors.eilenburg
    )
    search_html = text(client.get(SEARCH, {"q": "Verein"}))
    detail_html = text(client.get(reverse("directory:detail", args=[organisation.slug])))
    for html in (search_html, detail_html):
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- detail and vCard -----------------------------------------------------------------------


def test_detail_page_shows_everything_public(directory: Directory, client: Any) -> None:
    response = client.get(reverse("directory:detail", args=[directory.psz.slug]))
    html = text(response)
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Psychotherapie für Geflüchtete" in html
    assert "Geflüchtete in Leipzig" in html
    assert "NIMS" in html
    assert "2019" in html
    assert 'aria-label="Breadcrumb"' in html or "Brotkrumen" in html or "breadcrumbs" in html
    assert reverse("directory:vcard", args=[directory.psz.slug]) in html
    assert "Erika Öffentlich" in html
    assert "leitung@example.org" in html


def test_detail_hides_contacts_without_consent(directory: Directory, client: Any) -> None:
    html = text(client.get(reverse("directory:detail", args=[directory.psz.slug])))
    assert "Max Verborgen" not in html
    assert "max.verborgen@example.org" not in html
    assert "0341 000000" not in html
    assert "Sozialberatung" in html  # the function stays, with the organisation's contact
    assert "psz@example.org" in html


def test_detail_query_count_is_fixed(
    directory: Directory, client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(16):
        response = client.get(reverse("directory:detail", args=[directory.psz.slug]))
    assert response.status_code == 200


def test_detail_of_unknown_slug_is_404(db: Any, client: Any) -> None:
    assert client.get(reverse("directory:detail", args=["gibt-es-nicht"])).status_code == 404


def test_inactive_entry_only_for_those_who_may_edit(actors: Any, client: Any, login: Any) -> None:
    Organisation.objects.filter(pk=actors.organisation.pk).update(status=Organisation.Status.ARCHIVED)
    url = reverse("directory:detail", args=[actors.organisation.slug])
    vcard_url = reverse("directory:vcard", args=[actors.organisation.slug])
    assert client.get(url).status_code == 404  # anonymous
    assert client.get(vcard_url).status_code == 404
    login(actors.outsider)  # coordinator of another region and editor of another organisation
    assert client.get(url).status_code == 404
    assert client.get(vcard_url).status_code == 404
    login(actors.owner)  # coordinator of the region the organisation is seated in
    assert client.get(url).status_code == 200
    login(actors.editor)
    assert client.get(url).status_code == 200
    assert not client.get(SEARCH, {"q": "Eilenburg"}).content.decode().count(f">{actors.organisation.name}<")


def test_vcard_holds_public_data_only(directory: Directory, client: Any) -> None:
    response = client.get(reverse("directory:vcard", args=[directory.psz.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    assert "attachment" in response["Content-Disposition"]
    card = text(response)
    assert card.startswith("BEGIN:VCARD")
    assert "FN:Psychosoziales Zentrum für Geflüchtete Leipzig (PSZ)" in card
    assert "EMAIL;TYPE=INTERNET:psz@example.org" in card
    assert "GEO:51.339700;12.373100" in card
    assert "Max Verborgen" not in card
    assert "max.verborgen@example.org" not in card


def test_read_only_pages_refuse_writes(directory: Directory, client: Any, login: Any, actors: Any) -> None:
    before = list(Organisation.objects.order_by("pk").values_list("pk", "name", "status", "updated_at"))
    urls = [
        SEARCH,
        reverse("directory:detail", args=[directory.psz.slug]),
        reverse("directory:vcard", args=[directory.psz.slug]),
        reverse("directory:map"),
        reverse("directory:export_csv"),
        reverse("directory:export_xlsx"),
    ]
    for user in (None, actors.outsider, actors.editor):
        if user is not None:
            login(user)
        for url in urls:
            assert client.post(url, {"name": "Übernommen", "status": "archived"}).status_code in {403, 405}
    assert (
        list(Organisation.objects.order_by("pk").values_list("pk", "name", "status", "updated_at")) == before
    )


# --- map and exports ------------------------------------------------------------------------


def test_map_data_is_geojson_of_matching_organisations(directory: Directory, client: Any) -> None:
    response = client.get(reverse("directory:map"), {"q": "psychosoziale"})
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert [feature["properties"]["name"] for feature in data["features"]] == [directory.psz.name]
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [12.3731, 51.3397]}
    assert feature["properties"]["url"] == reverse("directory:detail", args=[directory.psz.slug])
    assert "Max Verborgen" not in text(response)


def test_map_query_count_is_fixed(
    many: list[Organisation], client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        response = client.get(reverse("directory:map"), {"q": "Beratungsstelle", "region": "14730"})
    assert len(json.loads(response.content)["features"]) == 30


def _csv_rows(response: Any) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_csv_export_has_all_rows_and_only_consented_contacts(
    directory: Directory, many: list[Organisation], client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(10):
        response = client.get(reverse("directory:export_csv"), {"q": "Beratungsstelle"})
        rows = _csv_rows(response)
    assert response["Content-Type"].startswith("text/csv")
    # Header and every match, not only the first page: the 30 generated ones and the counselling
    # service of the fixture, whose kind ("Beratungsstelle") is searchable too.
    assert len(rows) == 1 + organisation_queryset(SearchFilters(query="Beratungsstelle")).count() == 32
    everything = _csv_rows(client.get(reverse("directory:export_csv")))
    content = json.dumps(everything, ensure_ascii=False)
    assert "Erika Öffentlich" in content
    assert "Max Verborgen" not in content
    assert "max.verborgen@example.org" not in content
    assert directory.archived.name not in content


def test_xlsx_export_has_all_rows_and_only_consented_contacts(
    directory: Directory, many: list[Organisation], client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(10):
        response = client.get(reverse("directory:export_xlsx"), {"q": "Beratungsstelle"})
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    assert sheet is not None
    assert len(list(sheet.iter_rows(values_only=True))) == 32
    everything = load_workbook(io.BytesIO(client.get(reverse("directory:export_xlsx")).content)).active
    assert everything is not None
    cells = json.dumps(
        [list(row) for row in everything.iter_rows(values_only=True)], ensure_ascii=False, default=str
    )
    assert "Erika Öffentlich" in cells
    assert "Max Verborgen" not in cells


def test_exports_defuse_spreadsheet_formulas(actors: Any, client: Any) -> None:
    services.organisation_create(
        actor=None, name="=HYPERLINK(1)", kind=Organisation.Kind.ASSOCIATION, region=actors.eilenburg
    )
    rows = _csv_rows(client.get(reverse("directory:export_csv")))
    assert [row[0] for row in rows if "HYPERLINK" in row[0]] == ["'=HYPERLINK(1)"]
    sheet = load_workbook(io.BytesIO(client.get(reverse("directory:export_xlsx")).content)).active
    assert sheet is not None
    assert any(row[0] == "'=HYPERLINK(1)" for row in sheet.iter_rows(values_only=True))
