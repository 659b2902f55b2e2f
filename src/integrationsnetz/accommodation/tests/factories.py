"""Factories for sites and a small catalogue; inspections are made through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import Catalogue, CatalogueVersion, Inspection, Site
from integrationsnetz.accommodation.services import AreaInput, CriterionInput, InspectionInput, ScoreInput
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.tests.factories import OrganisationFactory


class SiteFactory(factory.django.DjangoModelFactory[Site]):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Unterkunft {n}")
    kind = Site.Kind.SHARED
    operator = factory.SubFactory(OrganisationFactory)
    district = factory.SubFactory(RegionFactory)
    city = "Eilenburg"
    capacity = 100


class CatalogueFactory(factory.django.DjangoModelFactory[Catalogue]):
    class Meta:
        model = Catalogue
        django_get_or_create = ("slug",)

    name = "Heim-TÜV"
    slug = "heim-tuev"


TEST_AREAS = (
    AreaInput(
        "Wohnen",
        "Living",
        (
            CriterionInput("Zimmer", "Rooms", guidance="Space per person.", max_score=3, weight=1),
            CriterionInput("Sanitär", "Sanitary", max_score=3, weight=2, critical_scores=(0,)),
        ),
    ),
    AreaInput("Sicherheit", "Safety", (CriterionInput("Brandschutz", "Fire safety", max_score=4, weight=1),)),
)


def make_version(
    *, valid_from: date = date(2020, 1, 1), areas: tuple[AreaInput, ...] = TEST_AREAS, **kwargs: Any
) -> CatalogueVersion:
    return services.catalogue_version_create(
        catalogue=CatalogueFactory.create(), actor=None, valid_from=valid_from, areas=areas, **kwargs
    )


def scores_of(inspection: Inspection, values: list[int | None]) -> dict[int, ScoreInput]:
    """Scores in catalogue order (area position, criterion position)."""
    criteria = list(inspection.scores.order_by("criterion__area__position", "criterion__position"))
    return {
        score.criterion_id: ScoreInput(value=value) for score, value in zip(criteria, values, strict=True)
    }


def completed_inspection(
    *, site: Site, version: CatalogueVersion, values: list[int | None], when: date = date(2024, 5, 1)
) -> Inspection:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=when, inspectors="Prüfteam"
    )
    return services.inspection_complete(
        inspection=inspection,
        actor=None,
        data=InspectionInput(date=when, inspectors="Prüfteam", scores=scores_of(inspection, values)),
    )
