"""Open reads of /api/v1: filters, paging, public data only, errors, query counts, caching, CORS."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrationsnetz.directory.tests.factories import OrganisationFactory, ServiceFactory


def get(client: Any, url: str, **headers: Any) -> Any:
    return client.get(url, headers=headers)


def test_region_list_filters_by_kind_and_parent(client, actors):
    body = get(client, "/api/v1/regions?parent=14730").json()
    assert [item["key"] for item in body["items"]] == ["14730110"]
    body = get(client, "/api/v1/regions?kind=district").json()
    assert {item["key"] for item in body["items"]} == {"14730", "14522"}
    assert body["total"] == 2


def test_region_detail_and_unknown_region(client, actors):
    body = get(client, "/api/v1/regions/14730110").json()
    assert body["parent"] == "14730"
    assert body["ancestors"] == ["14", "14730"]
    response = get(client, "/api/v1/regions/99999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_vocabularies(client, data):
    assert [t["slug"] for t in get(client, "/api/v1/vocabularies/fields-of-action").json()] == [
        "gesundheit",
        "sprache",
    ]
    assert get(client, "/api/v1/vocabularies/target-groups").json()[0]["name_en"] == "Refugees"
    assert get(client, "/api/v1/vocabularies/languages").json()[0]["direction"] == "rtl"
    kinds = get(client, "/api/v1/vocabularies/organisation-kinds").json()
    assert {"association", "authority"} <= {kind["value"] for kind in kinds}


def test_organisation_list_shows_only_active_organisations_with_paging(client, data):
    body = get(client, "/api/v1/organisations?page_size=1").json()
    assert body["total"] == 2
    assert body["pages"] == 2
    assert len(body["items"]) == 1
    second = get(client, "/api/v1/organisations?page_size=1&page=2").json()
    names = {body["items"][0]["name"], second["items"][0]["name"]}
    assert names == {"Willkommen in Eilenburg e. V.", "Freiberger Helferkreis"}
    beyond = get(client, "/api/v1/organisations?page=5&page_size=1").json()
    assert beyond["page"] == 2  # a page beyond the last one gives the last one, as on the search page
    assert beyond["total"] == 2


def test_organisation_list_full_text_filter(client, data):
    body = get(client, "/api/v1/organisations?q=Freiberger").json()
    assert [item["name"] for item in body["items"]] == ["Freiberger Helferkreis"]
    assert get(client, "/api/v1/organisations?q=Verborgen").json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=14730", {"Willkommen in Eilenburg e. V."}),
        ("region=14", {"Willkommen in Eilenburg e. V.", "Freiberger Helferkreis"}),
        ("field=gesundheit", {"Willkommen in Eilenburg e. V."}),
        ("group=gefluechtete", {"Willkommen in Eilenburg e. V."}),
        ("kind=association&kind=authority", {"Willkommen in Eilenburg e. V.", "Freiberger Helferkreis"}),
        ("kind=authority", set()),
        ("modified_after=2999-01-01T00:00:00Z", set()),
        ("modified_after=2000-01-01T00:00:00", {"Willkommen in Eilenburg e. V.", "Freiberger Helferkreis"}),
        # An offset ISO 8601 allows but PostgreSQL does not (found by schemathesis).
        (
            "modified_after=2000-07-25T22:37:48-21:07",
            {"Willkommen in Eilenburg e. V.", "Freiberger Helferkreis"},
        ),
    ],
)
def test_organisation_list_facet_filters(client, data, query, expected):
    response = get(client, f"/api/v1/organisations?{query}")
    assert response.status_code == 200, response.content
    assert {item["name"] for item in response.json()["items"]} == expected


def test_organisation_list_language_filter(client, data):
    data.actors.other_organisation.languages.set([data.arabic])
    body = get(client, "/api/v1/organisations?language=ar").json()
    assert [item["name"] for item in body["items"]] == ["Freiberger Helferkreis"]


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=0",
        "page_size=10000",
        "page_size=0",
        "page=abc",
        "kind=spaceship",
        "q=" + "x" * 201,
        "modified_after=yesterday",
        "q=a%00b",
    ],
)
def test_bad_list_parameters_are_422_with_messages(client, data, query):
    response = get(client, f"/api/v1/organisations?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail
    assert all(item["msg"] for item in detail)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/no-such-organisation",
        "/api/v1/organisations/00000000-0000-0000-0000-000000000000",
        "/api/v1/services/00000000-0000-0000-0000-000000000000",
        "/api/v1/services/not-a-uuid",
    ],
)
def test_unknown_ids_are_404_json(client, data, url):
    response = get(client, url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_organisation_detail_by_slug_and_by_uuid(client, data):
    organisation = data.actors.organisation
    by_slug = get(client, f"/api/v1/organisations/{organisation.slug}").json()
    by_uuid = get(client, f"/api/v1/organisations/{organisation.uuid}").json()
    assert by_slug == by_uuid
    assert by_slug["fields_of_action"] == ["gesundheit"]
    assert by_slug["target_groups"] == ["gefluechtete"]
    assert [service["name"] for service in by_slug["services"]] == ["Psychosoziale Beratung"]
    assert by_slug["locations"][0]["city"] == "Eilenburg"


def test_organisation_detail_shows_contact_names_only_with_consent(client, data):
    body = get(client, f"/api/v1/organisations/{data.actors.organisation.slug}").json()
    contacts = {contact["function"]: contact for contact in body["contacts"]}
    assert contacts["Beratung"]["name"] == "Erika Beispiel"
    assert contacts["Beratung"]["email"] == "erika@example.org"
    assert contacts["Leitung"]["name"] is None
    assert contacts["Leitung"]["email"] is None
    assert (
        b"Max Verborgen" not in get(client, f"/api/v1/organisations/{data.actors.organisation.slug}").content
    )


def test_organisations_that_are_not_active_are_404(client, data):
    assert get(client, f"/api/v1/organisations/{data.hidden.slug}").status_code == 404
    hidden_service = data.hidden.services.get()
    assert get(client, f"/api/v1/services/{hidden_service.uuid}").status_code == 404


def test_service_list_filters(client, data):
    def names(query: str) -> list[str]:
        response = get(client, f"/api/v1/services?{query}")
        assert response.status_code == 200, response.content
        return [item["name"] for item in response.json()["items"]]

    assert names("") == ["Sprachcafé Freiberg", "Psychosoziale Beratung"]
    assert names(f"organisation={data.actors.organisation.slug}") == ["Psychosoziale Beratung"]
    assert names(f"organisation={data.actors.other_organisation.uuid}") == ["Sprachcafé Freiberg"]
    assert names("region=14730110") == ["Psychosoziale Beratung"]  # its area Nordsachsen contains Eilenburg
    assert names("region=14522") == ["Sprachcafé Freiberg"]
    assert names("region=unknown") == []
    assert names("field=sprache") == ["Sprachcafé Freiberg"]
    assert names("group=gefluechtete") == ["Psychosoziale Beratung"]
    assert names("language=ar") == ["Psychosoziale Beratung"]
    assert names("q=psychosoziale") == ["Psychosoziale Beratung"]
    assert names("q=Helferkreis") == ["Sprachcafé Freiberg"]  # the organisation's name
    body = get(client, "/api/v1/services?page_size=1&page=2").json()
    assert (body["total"], body["pages"], len(body["items"])) == (2, 2, 1)


def test_service_detail(client, data):
    body = get(client, f"/api/v1/services/{data.service.uuid}").json()
    assert body["organisation"]["slug"] == data.actors.organisation.slug
    assert body["languages"] == ["ar"]
    assert body["service_areas"] == ["14730"]
    assert body["locations"][0]["latitude"] == pytest.approx(51.459)
    assert body["minimum_age"] == 16


def _more_organisations(data: Any, count: int) -> None:
    for number in range(count):
        organisation: Any = OrganisationFactory(name=f"Zusatz {number}", region=data.actors.eilenburg)
        organisation.fields_of_action.set([data.health, data.language_course])
        service: Any = ServiceFactory(organisation=organisation)
        service.fields_of_action.set([data.health])
        service.languages.set([data.arabic])
        service.service_areas.set([data.actors.nordsachsen])


def _count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert get(client, url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations",
        "/api/v1/organisations?q=Zusatz&field=gesundheit&facets=true",
        "/api/v1/services",
        "/api/v1/services?region=14730&field=gesundheit",
        "/api/v1/regions",
    ],
)
def test_list_query_counts_do_not_grow_with_rows(client, data, url, django_assert_max_num_queries):
    _more_organisations(data, 1)
    few = _count_queries(client, url)
    _more_organisations(data, 6)
    with django_assert_max_num_queries(few):
        assert get(client, url).status_code == 200
    with django_assert_max_num_queries(12):
        get(client, url)


def test_detail_query_counts_are_fixed(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        assert get(client, f"/api/v1/organisations/{data.actors.organisation.slug}").status_code == 200
    with django_assert_max_num_queries(8):
        assert get(client, f"/api/v1/services/{data.service.uuid}").status_code == 200


# --- Caching headers ------------------------------------------------------------------------------


def test_etag_and_last_modified_give_304(client, data):
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    first = get(client, url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
    assert first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    not_modified = get(client, url, if_none_match=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert not_modified["Access-Control-Allow-Origin"] == "*"
    assert get(client, url, if_modified_since=first["Last-Modified"]).status_code == 304
    assert get(client, url, if_modified_since="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_etag_changes_when_the_data_or_the_parameters_change(client, data):
    url = f"/api/v1/organisations/{data.actors.organisation.slug}"
    etag = get(client, url)["ETag"]
    assert get(client, url + "?x=1")["ETag"] != etag
    # A contact person has no time stamp of its own; the ETag still sees the change.
    data.public_contact.function = "Sozialberatung"
    data.public_contact.save()
    changed = get(client, url, if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_list_etag_and_last_modified(client, data):
    response = get(client, "/api/v1/services")
    assert response["Last-Modified"]
    assert get(client, "/api/v1/services", if_none_match=response["ETag"]).status_code == 304
    assert get(client, "/api/v1/services?page=2", if_none_match=response["ETag"]).status_code == 200


# --- CORS -------------------------------------------------------------------------------------


def test_reads_allow_every_origin(client, data):
    response = get(client, "/api/v1/organisations", origin="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert (
        get(client, "/api/v1/regions/nope", origin="https://example.org")["Access-Control-Allow-Origin"]
        == "*"
    )


def test_preflight_allows_get_only(client, data):
    response = client.options(
        f"/api/v1/organisations/{data.actors.organisation.slug}",
        headers={"origin": "https://example.org", "access-control-request-method": "PATCH"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Authorization" not in response["Access-Control-Allow-Headers"]


def test_writes_get_no_cors_headers(client, data, token_for):
    response = client.patch(
        f"/api/v1/organisations/{data.actors.organisation.slug}",
        data={"short_name": "WiE"},
        content_type="application/json",
        headers={"origin": "https://example.org", "authorization": token_for(data.actors.owner)},
    )
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert "ETag" not in response


# --- OpenAPI and docs ---------------------------------------------------------------------------


def test_openapi_description(client, data):
    spec = get(client, "/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Integrationsnetz API"
    assert spec["info"]["version"] == "1"
    assert {"/api/v1/organisations", "/api/v1/services/{service_id}", "/api/v1/regions/{key}"} <= set(
        spec["paths"]
    )
    assert "patch" in spec["paths"]["/api/v1/organisations/{identifier}"]


def test_docs_page_needs_no_inline_script_and_no_cdn(client, data):
    response = get(client, "/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "cdn" not in html.lower()
    assert "style=" not in html
