"""A small plan around the shared actors: the organisation of ``actors.editor`` is responsible for
step ``own``; ``actors.other_organisation`` (the outsider's) for step ``other``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from integrationsnetz.actionplan.models import ActionPlan, ImplementationStep, Measure, PlanField
from integrationsnetz.actionplan.tests.factories import (
    ActionPlanFactory,
    MeasureFactory,
    PlanFieldFactory,
    StepFactory,
)


@dataclass
class PlanData:
    actors: Any
    plan: ActionPlan
    plan_field: PlanField
    measure: Measure
    own: ImplementationStep
    other: ImplementationStep


@pytest.fixture
def plan_data(actors: Any) -> PlanData:
    plan = ActionPlanFactory.create(slug="kursbuch", title="Kursbuch Test")
    plan_field = PlanFieldFactory.create(plan=plan, title="Deutsch für alle")
    measure = MeasureFactory.create(plan_field=plan_field, title="Sprachkurse")
    own = StepFactory.create(
        measure=measure,
        title="Kurse planen",
        due_date=datetime.date(2026, 3, 28),
        responsible=[actors.organisation],
    )
    other = StepFactory.create(
        measure=measure,
        title="Kurse zählen",
        due_date=datetime.date(2026, 7, 1),
        responsible=[actors.other_organisation],
    )
    return PlanData(actors=actors, plan=plan, plan_field=plan_field, measure=measure, own=own, other=other)
