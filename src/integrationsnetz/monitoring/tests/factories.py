"""Factories for indicators, categories and observations."""

from datetime import date
from decimal import Decimal

import factory

from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.monitoring.models import Category, Indicator, Observation, PeriodKind


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"indicator-{n}")
    name_de = factory.Sequence(lambda n: f"Kennzahl {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "Personen"
    published = True
    owner_region = factory.SubFactory(RegionFactory)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("indicator", "slug")

    indicator = factory.SubFactory(IndicatorFactory)
    slug = factory.Sequence(lambda n: f"category-{n}")
    name_de = factory.Sequence(lambda n: f"Gruppe {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")
    position = factory.Sequence(lambda n: n)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    region = factory.SubFactory(RegionFactory)
    category = None
    period_start = date(2022, 6, 1)
    period_kind = PeriodKind.MONTH
    period_label = "Juni 2022"
    value = Decimal("1")
