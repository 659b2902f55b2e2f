"""Migration 0003 lets a form belong to several matters: the one matter a form named before is kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guide", "0002_matter_retired_guide_language_active")]
AFTER = [("guide", "0003_form_description_retired_matters")]


@pytest.mark.django_db(transaction=True)
def test_the_matter_of_a_form_becomes_its_matters_and_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old: Any = executor.loader.project_state(BEFORE).apps
    region = old.get_model("core", "Region").objects.create(
        key="14730", name="Nordsachsen", path="/14730/", kind="district"
    )
    field = old.get_model("core", "FieldOfAction").objects.create(slug="arbeit", name_de="Arbeit")
    matter = old.get_model("guide", "Matter").objects.create(
        slug="arbeitserlaubnis", name="Arbeitserlaubnis", field_of_action=field
    )
    forms = old.get_model("guide", "Form").objects
    forms.create(slug="mit", region=region, title="Mit Anliegen", matter=matter)
    forms.create(slug="ohne", region=region, title="Ohne Anliegen")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new: Any = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("guide", "Form").objects
    assert [m.slug for m in migrated.get(slug="mit").matters.all()] == ["arbeitserlaubnis"]
    assert not migrated.get(slug="ohne").matters.exists()
    assert (migrated.get(slug="mit").description, migrated.get(slug="mit").retired) == ("", False)

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back: Any = executor.loader.project_state(BEFORE).apps
    assert back.get_model("guide", "Form").objects.get(slug="mit").matter_id == matter.pk

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
