"""/api/v1/guide: matters, the effective matrix, editions and the finder, with XZuFi-aligned fields."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.guide import services
from integrationsnetz.guide.tests.conftest import Guide

pytestmark = pytest.mark.django_db
API = "/api/v1/guide"


def test_matters_in_a_language_with_status(client: Any, guide: Guide) -> None:
    services.translation_save(
        actor=None, obj=guide.permit, field="name", language="uk", text="Дозвіл на роботу"
    )
    items = {item["slug"]: item for item in client.get(f"{API}/matters?lang=uk").json()}
    assert items["arbeitserlaubnis"]["name"] == "Дозвіл на роботу"
    assert items["arbeitserlaubnis"]["service_id"] == "99010001000000"
    assert items["arbeitserlaubnis"]["translation_status"] == "missing"  # description not translated yet
    assert items["integrationskurs"]["language"] == "de"
    assert client.get(f"{API}/matters?lang=xx").status_code == 404
    assert items["arbeitserlaubnis"]["retired"] is False
    services.matter_retire(actor=None, matter=guide.permit)
    items = {item["slug"]: item for item in client.get(f"{API}/matters").json()}
    assert items["arbeitserlaubnis"]["retired"] is True  # still listed: existing entries may use it


def test_responsibilities_are_the_effective_ones(
    client: Any, guide: Guide, actors: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        body = client.get(f"{API}/responsibilities?region={actors.eilenburg.key}").json()
    assert body["area_id"] == "14730110"
    cells = {(cell["matter"], cell["target_group"]): cell["entries"] for cell in body["cells"]}
    permit = cells[("arbeitserlaubnis", "asylsuchende")]
    assert [(entry["area_id"], entry["role"]) for entry in permit] == [
        ("14730", "responsible"),
        ("14730110", "advises"),
    ]
    assert permit[0]["contact"] == "Sachgebietsleitung"  # no consent: function only
    # The district's entry is for two groups only; the town's holds for all of them.
    assert [entry["role"] for entry in cells[("arbeitserlaubnis", "eu-buergerinnen")]] == ["advises"]
    assert cells[("integrationskurs", "eu-buergerinnen")][0]["area_id"] == "14"
    assert client.get(f"{API}/responsibilities?region=000").status_code == 404


def test_finder_endpoint(client: Any, guide: Guide, actors: Any, django_assert_max_num_queries: Any) -> None:
    query = f"region={actors.mittelsachsen.key}&target_group=asylsuchende&matter=integrationskurs&lang=ar"
    with django_assert_max_num_queries(8):
        body = client.get(f"{API}/finder?{query}").json()
    assert body["fallback_to_german"] is True
    assert [entry["organisation"]["slug"] for entry in body["entries"]] == ["bamf"]
    assert client.get(f"{API}/finder?region=14&target_group=x&matter=y").status_code == 404


def test_editions(client: Any, guide: Guide, actors: Any) -> None:
    services.edition_publish(region=actors.nordsachsen, actor=None)
    listed = client.get(f"{API}/editions?region=14730").json()
    assert [(item["number"], item["pdf_status"]) for item in listed] == [(1, "pending")]
    detail = client.get(f"{API}/editions/14730/1").json()
    assert detail["content"]["region"]["key"] == "14730"
    assert client.get(f"{API}/editions/14730/9").status_code == 404
