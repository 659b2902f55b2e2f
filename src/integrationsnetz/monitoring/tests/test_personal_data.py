"""Uploads and changed values join the GDPR export and the account deletion."""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts import personal_data
from integrationsnetz.monitoring.importing import observations_import
from integrationsnetz.monitoring.models import Observation, ObservationRevision, ObservationUpload
from integrationsnetz.monitoring.services import observation_upload_create
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory


def test_export_and_erase(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    CategoryFactory(indicator=indicator, slug="eu")
    table = "Gruppe;2021\neu;1\n"
    observations_import("a.csv", table.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen)
    observations_import(
        "b.csv",
        table.replace(";1", ";2").encode(),
        shape="wide",
        indicator=indicator,
        region=actors.nordsachsen,
        user=actors.owner,
    )
    observation_upload_create(
        owner=actors.owner,
        file_name="zahlen.csv",
        content=table.encode(),
        shape="wide",
        indicator=indicator,
        region=actors.nordsachsen,
    )
    exported = personal_data.export_all(actors.owner)["monitoring"]
    assert [upload["file_name"] for upload in exported["uploads"]] == ["zahlen.csv"]
    assert exported["changed_values"][0]["previous_value"] == "1.00"
    assert personal_data.export_all(actors.outsider)["monitoring"] == {"uploads": [], "changed_values": []}
    source = next(source for source in personal_data.sources() if source.name == "monitoring")
    assert source.eraser is not None
    source.eraser(actors.owner)
    assert not ObservationUpload.objects.exists()
    assert ObservationRevision.objects.get().changed_by is None
    assert Observation.objects.get().value == 2  # the figures stay
