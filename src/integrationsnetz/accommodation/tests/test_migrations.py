"""Migration 0002 adds "not applicable" to scores: existing scores and stored results stay as they were."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accommodation", "0001_initial")]
AFTER = [("accommodation", "0002_score_not_applicable")]


@pytest.mark.django_db(transaction=True)
def test_existing_scores_and_stored_results_stay_valid() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old: Any = executor.loader.project_state(BEFORE).apps
    region = old.get_model("core", "Region").objects.create(
        key="14730", name="Nordsachsen", path="/14730/", kind="district"
    )
    operator = old.get_model("directory", "Organisation").objects.create(
        name="Träger", slug="traeger", kind="association", region=region
    )
    site = old.get_model("accommodation", "Site").objects.create(
        name="GU", operator=operator, district=region, city="Eilenburg", capacity=10
    )
    catalogue = old.get_model("accommodation", "Catalogue").objects.create(name="Heim-TÜV", slug="heim-tuev")
    version = old.get_model("accommodation", "CatalogueVersion").objects.create(
        catalogue=catalogue, number=1, valid_from=date(2020, 1, 1)
    )
    area = old.get_model("accommodation", "Area").objects.create(version=version, name_de="Wohnen")
    criterion = old.get_model("accommodation", "Criterion").objects.create(area=area, name_de="Zimmer")
    stored = {
        "areas": [{"name_de": "Wohnen", "name_en": "", "percent": "66.67", "light": "red", "critical": False}]
    }
    inspection = old.get_model("accommodation", "Inspection").objects.create(
        site=site,
        version=version,
        date=date(2021, 5, 1),
        inspectors="A",
        status="completed",
        overall_percent=Decimal("66.67"),
        overall_light="red",
        area_results=stored,
    )
    old.get_model("accommodation", "Score").objects.create(
        inspection=inspection, criterion=criterion, value=2, note="eng"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new: Any = executor.loader.project_state(AFTER).apps
    score = new.get_model("accommodation", "Score").objects.get()
    assert (score.value, score.note, score.not_applicable, score.not_applicable_reason) == (
        2,
        "eng",
        False,
        "",
    )
    migrated = new.get_model("accommodation", "Inspection").objects.get()
    assert (migrated.overall_percent, migrated.overall_light, migrated.area_results) == (
        Decimal("66.67"),
        "red",
        stored,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
