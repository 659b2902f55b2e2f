"""Factories for plans, their parts and the library."""

import datetime
from typing import Any

import factory

from integrationsnetz.actionplan.models import (
    ActionPlan,
    Approach,
    ImplementationStep,
    Measure,
    PlanField,
    StepStatus,
)
from integrationsnetz.core.tests.factories import RegionFactory


class ActionPlanFactory(factory.django.DjangoModelFactory[ActionPlan]):
    class Meta:
        model = ActionPlan

    slug = factory.Sequence(lambda n: f"plan-{n}")
    title = factory.Sequence(lambda n: f"Plan {n}")
    period_start = datetime.date(2024, 1, 1)
    status = ActionPlan.Status.ACTIVE


class PlanFieldFactory(factory.django.DjangoModelFactory[PlanField]):
    class Meta:
        model = PlanField

    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    position = factory.Sequence(lambda n: n)


class MeasureFactory(factory.django.DjangoModelFactory[Measure]):
    class Meta:
        model = Measure

    plan_field = factory.SubFactory(PlanFieldFactory)
    title = factory.Sequence(lambda n: f"Massnahme {n}")
    position = factory.Sequence(lambda n: n)


class StepFactory(factory.django.DjangoModelFactory[ImplementationStep]):
    class Meta:
        model = ImplementationStep
        skip_postgeneration_save = True

    measure = factory.SubFactory(MeasureFactory)
    title = factory.Sequence(lambda n: f"Schritt {n}")
    position = factory.Sequence(lambda n: n)
    status = StepStatus.PLANNED

    @factory.post_generation
    def responsible(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.responsible_organisations.set(extracted)


class ApproachFactory(factory.django.DjangoModelFactory[Approach]):
    class Meta:
        model = Approach

    slug = factory.Sequence(lambda n: f"ansatz-{n}")
    title = factory.Sequence(lambda n: f"Ansatz {n}")
    problem = "Ein Problem"
    what_was_done = "Etwas wurde getan"
    region = factory.SubFactory(RegionFactory)
