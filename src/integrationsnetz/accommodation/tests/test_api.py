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


def test_not_applicable_answers_and_areas_are_reported(
    client: Any, site: Site, version: Any, actors: Any
) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    scores = {
        score.criterion_id: (
            services.ScoreInput(value=None, not_applicable=True, reason="Kein Brandschutzkonzept nötig")
            if score.criterion.name_de == "Brandschutz"
            else services.ScoreInput(value=3)
        )
        for score in inspection.scores.select_related("criterion")
    }
    services.inspection_complete(
        inspection=inspection,
        actor=None,
        data=services.InspectionInput(date=date(2024, 5, 1), inspectors="A", scores=scores),
    )
    detail = client.get(f"{BASE}/inspections/{inspection.pk}", **bearer(actors.owner)).json()
    assert [(area["light"], area["not_applicable"]) for area in detail["areas"]] == [
        ("green", 0),
        ("not_applicable", 1),
    ]
    not_applicable = [score for score in detail["scores"] if score["not_applicable"]]
    assert not_applicable == [
        {
            "criterion": version.areas.get(name_de="Sicherheit").criteria.get().pk,
            "value": None,
            "note": "",
            "not_applicable": True,
            "not_applicable_reason": "Kein Brandschutzkonzept nötig",
        }
    ]


def test_results_stored_before_not_applicable_existed_still_read(
    client: Any, completed: Inspection, actors: Any
) -> None:
    stored = completed.area_results
    for area in stored["areas"]:
        del area["not_applicable"]
    Inspection.objects.filter(pk=completed.pk).update(area_results=stored)
    detail = client.get(f"{BASE}/inspections/{completed.pk}", **bearer(actors.owner)).json()
    assert [(area["light"], area["not_applicable"]) for area in detail["areas"]] == [("red", 0), ("green", 0)]
