"""Writes: indicators are audit-logged; a dry run stores nothing."""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.monitoring.models import Observation, ObservationRevision
from integrationsnetz.monitoring.services import indicator_store, observation_upload_create
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory


def test_indicator_changes_are_audit_logged(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", unit="Personen", owner_region=actors.nordsachsen)
    indicator.unit = "Prozent"
    indicator_store(indicator=indicator, actor=actors.office)
    entry = AuditLogEntry.objects.get(object_type="monitoring.indicator")
    assert entry.action == AuditLogEntry.Action.UPDATE and entry.actor == actors.office
    assert entry.changes == {"unit": ["Personen", "Prozent"]}
    assert list(entry.regions.all()) == [actors.nordsachsen]


def test_the_dry_run_counts_but_stores_nothing(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    CategoryFactory(indicator=indicator, slug="eu")
    upload = observation_upload_create(
        owner=actors.owner,
        file_name="a.csv",
        content=b"Gruppe;2021;2022\neu;1;2\n",
        shape="wide",
        indicator=indicator,
        region=actors.nordsachsen,
    )
    assert upload.summary == {"values": 2, "created": 2, "updated": 0, "unchanged": 0}
    assert upload.errors == []
    assert not Observation.objects.exists() and not ObservationRevision.objects.exists()
