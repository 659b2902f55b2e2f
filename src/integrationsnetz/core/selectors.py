"""Reads of regions and vocabularies that pages, API and exports share."""

from __future__ import annotations

from django.db.models import QuerySet

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup


def region_list() -> QuerySet[Region]:
    return Region.objects.select_related("parent").order_by("path")


def region_with_descendants(region: Region) -> QuerySet[Region]:
    return Region.objects.filter(path__startswith=region.path)


def field_of_action_list() -> QuerySet[FieldOfAction]:
    return FieldOfAction.objects.all()


def target_group_list() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.all()


def language_list() -> QuerySet[Language]:
    return Language.objects.all()


def home_figures() -> dict[str, int]:
    """Counts for the home page, in one query each."""
    from django.apps import apps

    organisation = apps.get_model("directory", "Organisation")
    service = apps.get_model("directory", "Service")
    return {
        "organisations": organisation.objects.filter(status="active").count(),
        "services": service.objects.filter(status="active", organisation__status="active").count(),
        "regions": Region.objects.exclude(kind=Region.Kind.SOCIAL_AREA).count(),
    }
