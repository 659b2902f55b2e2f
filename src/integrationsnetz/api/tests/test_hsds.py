"""HSDS 3.0 endpoints: every response validated against the published schemas with jsonschema."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from integrationsnetz.api.hsds import term_id

# shared/ sits beside the repository clone (``/work/main`` -> ``/work/shared``).
REPOSITORY_ROOT = Path(__file__).resolve().parents[4]
SCHEMA_DIR = Path(
    os.environ.get("HSDS_SCHEMA_DIR", REPOSITORY_ROOT.parent / "shared" / "standards" / "hsds-3.0")
)


@functools.cache
def _schema_file(name: str) -> dict[str, Any]:
    path = SCHEMA_DIR / name
    if not path.is_file():
        pytest.fail(
            f"HSDS 3.0 schema {path} is missing: shared/standards/hsds-3.0 must sit beside the repository "
            "(or set HSDS_SCHEMA_DIR)."
        )
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _registry() -> Registry:
    resources = [
        (path.name, Resource.from_contents(_schema_file(path.name), default_specification=DRAFT202012))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
        if path.name != "openapi.json"
    ]
    return Registry().with_resources(resources)


def _openapi() -> dict[str, Any]:
    return _schema_file("openapi.json")


def _item_schema(name: str) -> dict[str, Any]:
    return _schema_file(name) if name.startswith("compiled/") else {"$ref": name}


def validate(instance: Any, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        schema, registry=_registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:10])


def validate_page(body: dict[str, Any], item_schema_name: str) -> None:
    page = _openapi()["components"]["schemas"]["Page"]
    schema = {
        "allOf": [page],
        "type": "object",
        "required": [*page["properties"], "contents"],
        "properties": {"contents": {"type": "array", "items": _item_schema(item_schema_name)}},
    }
    validate(body, schema)
    assert body["size"] == len(body["contents"])


def test_root_describes_the_api(client, db):
    response = client.get("/api/hsds/")
    assert response.status_code == 200
    body = response.json()
    validate(
        body, _openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    )
    assert body["version"] == "3.0"
    assert body["profile"]


def test_services_list(client, data):
    body = client.get("/api/hsds/services").json()
    validate_page(body, "compiled/service_list.json")
    assert body["total_items"] == 2  # the applying organisation's service is not public
    assert {service["name"] for service in body["contents"]} == {
        "Psychosoziale Beratung",
        "Sprachcafé Freiberg",
    }


def test_service_full(client, data):
    body = client.get(f"/api/hsds/services/{data.service.uuid}").json()
    validate(body, _schema_file("compiled/service.json"))
    assert body["organization"]["id"] == str(data.actors.organisation.uuid)
    assert body["service_at_locations"][0]["location"]["id"] == str(data.location.uuid)
    assert body["languages"] == [
        {
            "id": body["languages"][0]["id"],
            "service_id": str(data.service.uuid),
            "name": "Arabisch",
            "code": "ar",
        }
    ]
    assert body["service_areas"][0]["extent"] == "14730"
    assert body["schedules"][0]["description"] == "Mo–Fr 9–12 Uhr"
    assert {attribute["taxonomy_term"]["code"] for attribute in body["attributes"]} == {
        "gesundheit",
        "gefluechtete",
    }
    names = {contact.get("name") for contact in body["contacts"]}
    assert "Erika Beispiel" in names
    assert "Max Verborgen" not in json.dumps(body)


def test_derived_ids_are_stable(client, data):
    first = client.get(f"/api/hsds/services/{data.service.uuid}").json()
    second = client.get(f"/api/hsds/services/{data.service.uuid}").json()
    assert first == second
    assert first["attributes"][0]["taxonomy_term_id"] in {
        term_id("fields_of_action", "gesundheit"),
        term_id("target_groups", "gefluechtete"),
    }


def test_organizations_list_and_detail(client, data):
    body = client.get("/api/hsds/organizations").json()
    validate_page(body, "compiled/organization_list.json")
    assert body["total_items"] == 2
    detail = client.get(f"/api/hsds/organizations/{data.actors.organisation.uuid}").json()
    validate(detail, _schema_file("compiled/organization.json"))
    assert [service["name"] for service in detail["services"]] == ["Psychosoziale Beratung"]
    assert detail["locations"][0]["addresses"][0]["city"] == "Eilenburg"
    assert "Max Verborgen" not in json.dumps(detail)
    assert detail["uri"].endswith(f"/verzeichnis/{data.actors.organisation.slug}/")


def test_taxonomies_and_terms(client, data):
    taxonomies = client.get("/api/hsds/taxonomies").json()
    validate_page(taxonomies, "taxonomy.json")
    assert taxonomies["total_items"] == 3
    terms = client.get("/api/hsds/taxonomy_terms").json()
    validate_page(terms, "taxonomy_term.json")
    codes = {term["code"] for term in terms["contents"]}
    assert {"gesundheit", "sprache", "gefluechtete", "association"} <= codes
    fields_taxonomy = next(t["id"] for t in taxonomies["contents"] if "fields of action" in t["name"])
    only_fields = client.get(f"/api/hsds/taxonomy_terms?taxonomy_id={fields_taxonomy}").json()
    assert {term["code"] for term in only_fields["contents"]} == {"gesundheit", "sprache"}


def test_service_at_locations(client, data):
    body = client.get("/api/hsds/service_at_locations").json()
    validate_page(body, "compiled/service_at_location_list.json")
    assert [(row["service_id"], row["location_id"]) for row in body["contents"]] == [
        (str(data.service.uuid), str(data.location.uuid))
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=psychosoziale", {"Psychosoziale Beratung"}),
        ("search=Freiberger", {"Sprachcafé Freiberg"}),
        ("modified_after=2999-01-01T00:00:00Z", set()),
        ("modified_after=2000-01-01", {"Psychosoziale Beratung", "Sprachcafé Freiberg"}),
        ("modified_after=2000-07-25T22:37:48-21:07", {"Psychosoziale Beratung", "Sprachcafé Freiberg"}),
        ("taxonomy_term_id={sprache}", {"Sprachcafé Freiberg"}),
        ("taxonomy_term_id={association}", {"Psychosoziale Beratung", "Sprachcafé Freiberg"}),
        ("organization_id={organisation}", {"Psychosoziale Beratung"}),
    ],
)
def test_service_filters(client, data, query, expected):
    query = query.format(
        sprache=term_id("fields_of_action", "sprache"),
        association=term_id("organisation_kinds", "association"),
        organisation=data.actors.organisation.uuid,
    )
    body = client.get(f"/api/hsds/services?{query}").json()
    validate_page(body, "compiled/service_list.json")
    assert {service["name"] for service in body["contents"]} == expected


def test_organization_filters(client, data):
    url = f"/api/hsds/organizations?taxonomy_term_id={term_id('fields_of_action', 'gesundheit')}"
    body = client.get(url).json()
    assert [row["name"] for row in body["contents"]] == ["Willkommen in Eilenburg e. V."]
    assert client.get("/api/hsds/organizations?search=Freiberger").json()["total_items"] == 1


def test_paging(client, data):
    first = client.get("/api/hsds/services?per_page=1").json()
    validate_page(first, "compiled/service_list.json")
    assert (first["total_items"], first["total_pages"], first["size"]) == (2, 2, 1)
    assert (first["first_page"], first["last_page"], first["empty"]) == (True, False, False)
    second = client.get("/api/hsds/services?per_page=1&page=2").json()
    assert (second["first_page"], second["last_page"]) == (False, True)
    assert first["contents"][0]["id"] != second["contents"][0]["id"]
    empty = client.get("/api/hsds/services?search=nothing-matches-this").json()
    validate_page(empty, "compiled/service_list.json")
    assert (empty["empty"], empty["size"], empty["total_pages"]) == (True, 0, 1)


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=0",
        "per_page=10000",
        "page=x",
        "modified_after=soon",
        "taxonomy_term_id=nope",
        f"taxonomy_term_id={'0' * 8}-0000-0000-0000-{'0' * 12}",
        "organization_id=123",
        "search=a%00b",
    ],
)
def test_bad_parameters_are_422_json(client, data, query):
    response = client.get(f"/api/hsds/services?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services/00000000-0000-0000-0000-000000000000",
        "/api/hsds/services/not-a-uuid",
        "/api/hsds/organizations/00000000-0000-0000-0000-000000000000",
    ],
)
def test_unknown_ids_are_404_json(client, data, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_inactive_organisations_are_not_published(client, data):
    assert client.get(f"/api/hsds/organizations/{data.hidden.uuid}").status_code == 404
    hidden_service = data.hidden.services.get()
    assert client.get(f"/api/hsds/services/{hidden_service.uuid}").status_code == 404


def test_reads_are_cacheable_and_open_to_every_origin(client, data):
    response = client.get("/api/hsds/services", headers={"origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"]
    assert client.get("/api/hsds/services", headers={"if-none-match": response["ETag"]}).status_code == 304
    assert client.post("/api/hsds/services").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services",
        "/api/hsds/organizations",
        "/api/hsds/service_at_locations",
        "/api/hsds/taxonomy_terms",
    ],
)
def test_list_query_counts_are_fixed(client, data, url, django_assert_max_num_queries):
    from integrationsnetz.api.tests.test_v1_reads import _more_organisations

    _more_organisations(data, 1)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    _more_organisations(data, 6)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_detail_query_counts_are_fixed(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/hsds/services/{data.service.uuid}").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/hsds/organizations/{data.actors.organisation.uuid}").status_code == 200
