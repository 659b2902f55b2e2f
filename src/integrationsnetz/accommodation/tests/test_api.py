"""/api/v1/accommodation: public sites, catalogue and summary; inspections only with permission."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import Inspection, Site
from integrationsnetz.accommodation.tests.factories import SiteFactory, completed_inspection
from integrationsnetz.api.services import api_token_create

pytestmark = pytest.mark.django_db
BASE = "/api/v1/accommodation"


def bearer(user: Any) -> dict[str, str]:
    _token, plain = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture
def completed(site: Site, version: Any) -> Inspection:
    inspection = completed_inspection(site=site, version=version, values=[3, 0, 4])
    services.follow_up_action_create(
        inspection=inspection, actor=None, description="Duschen", owner=None, due_date=date(2025, 1, 1)
    )
    return inspection


def test_sites_show_only_public_fields(
    client: Any, site: Site, other_site: Site, actors: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(5):
        SiteFactory.create(
            name=f"Weitere {number}",
            district=actors.nordsachsen,
            operator=actors.organisation,
            notes="intern",
        )
    with django_assert_max_num_queries(2):
        response = client.get(f"{BASE}/sites", {"region": actors.nordsachsen.key})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 6
    item = body["items"][0]
    assert set(item) == {
        "id",
        "name",
        "kind",
        "district",
        "district_name",
        "postal_code",
        "city",
        "operator",
        "operator_name",
        "capacity",
        "fictitious",
    }
    assert client.get(f"{BASE}/sites/{other_site.pk}").json()["district"] == actors.mittelsachsen.key
    assert client.get(f"{BASE}/sites/999999").status_code == 404


def test_catalogue_and_summary_are_public(client: Any, completed: Inspection, actors: Any) -> None:
    catalogue = client.get(f"{BASE}/catalogue").json()
    assert [area["name_de"] for area in catalogue["areas"]] == ["Wohnen", "Sicherheit"]
    assert catalogue["areas"][0]["criteria"][1]["critical_scores"] == [0]
    summary = client.get(f"{BASE}/summary").json()
    assert summary == [
        {
            "district": actors.nordsachsen.key,
            "district_name": "Nordsachsen",
            "sites": 1,
            "places": 100,
            "inspected": 1,
            "green": 0,
            "yellow": 1,
            "red": 0,
        }
    ]
    assert "GU Eilenburg" not in str(summary)


def test_inspections_need_a_token(client: Any, completed: Inspection) -> None:
    assert client.get(f"{BASE}/inspections").status_code == 401
    assert client.get(f"{BASE}/inspections/{completed.pk}").status_code == 401


def test_outsiders_get_nothing_of_other_districts(client: Any, completed: Inspection, actors: Any) -> None:
    headers = bearer(actors.outsider)
    assert client.get(f"{BASE}/inspections", **headers).json()["total"] == 0
    assert client.get(f"{BASE}/inspections/{completed.pk}", **headers).status_code == 404


@pytest.mark.parametrize("name", ["office", "owner", "editor"])
def test_full_data_with_permission(
    client: Any, completed: Inspection, actors: Any, name: str, django_assert_max_num_queries: Any
) -> None:
    headers = bearer(getattr(actors, name))
    with django_assert_max_num_queries(6):
        listing = client.get(f"{BASE}/inspections", **headers).json()
    assert [item["id"] for item in listing["items"]] == [completed.pk]
    detail = client.get(f"{BASE}/inspections/{completed.pk}", **headers).json()
    assert detail["overall_light"] == "yellow"
    assert [area["light"] for area in detail["areas"]] == ["red", "green"]
    assert [action["description"] for action in detail["actions"]] == ["Duschen"]
    assert len(detail["scores"]) == 3
