"""Migration 0002 carries typed working-group segments over to the working group of that name."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("news", "0001_initial"), ("meetings", "0001_initial")]
AFTER = [("news", "0002_issue_segment_working_group_link")]


@pytest.mark.django_db(transaction=True)
def test_typed_segments_are_linked_by_name_and_unmatched_planned_issues_go_back_to_draft() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old: Any = executor.loader.project_state(BEFORE).apps
    region = old.get_model("core", "Region").objects.create(
        key="14", name="Sachsen", path="/14/", kind="state"
    )
    group = old.get_model("meetings", "WorkingGroup").objects.create(
        name="AK Wohnen", slug="ak-wohnen", region=region
    )
    newsletter = old.get_model("news", "Newsletter").objects.create(
        name="N", slug="n", region=region, sender_name="R", sender_email="r@example.org"
    )
    Issue = old.get_model("news", "Issue")
    values = {"newsletter": newsletter, "title": "T", "subject": "S"}
    Issue.objects.create(number="1", segment_working_group=" ak wohnen ", **values)
    Issue.objects.create(number="2", segment_working_group="AK Unbekannt", status="scheduled", **values)
    Issue.objects.create(number="3", segment_working_group="", status="scheduled", **values)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new: Any = executor.loader.project_state(AFTER).apps
    issues = {issue.number: issue for issue in new.get_model("news", "Issue").objects.all()}
    assert issues["1"].segment_working_group_id == group.pk
    assert (issues["2"].segment_working_group_id, issues["2"].status) == (None, "draft")
    assert (issues["3"].segment_working_group_id, issues["3"].status) == (None, "scheduled")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
