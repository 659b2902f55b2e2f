"""Reads the API needs that directory.selectors does not offer (yet): services and lookups by uuid.

Only public data: services of active organisations. Candidates to move into directory.selectors.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import Location, Organisation, Service


@dataclass(frozen=True)
class ServiceFilters:
    query: str = ""
    organisation: str = ""  # slug or uuid
    region: str = ""  # official key: areas in it, areas containing it, or (without areas) the seat
    fields_of_action: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    modified_after: datetime | None = None
    # Organisation kinds (HSDS taxonomy "organisation kinds").
    organisation_kinds: tuple[str, ...] = ()


@dataclass
class ServicePage:
    services: list[Service]
    total: int
    page: int
    page_size: int
    extra: dict[str, object] = field(default_factory=dict)


def parse_uuid(value: str) -> uuid_module.UUID | None:
    try:
        return uuid_module.UUID(str(value))
    except ValueError:
        return None


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(organisation__status=Organisation.Status.ACTIVE)


def service_queryset_for_output() -> QuerySet[Service]:
    """Services with everything the API shows of them, in a fixed number of queries."""
    return (
        public_services()
        .select_related("organisation")
        .prefetch_related(
            "languages",
            "fields_of_action",
            "target_groups",
            "service_areas",
            Prefetch("locations", queryset=Location.objects.select_related("region")),
        )
    )


def _region_condition(prefix: str, key: str) -> Q | None:
    region = Region.objects.filter(key=key).only("path").first()
    if region is None:
        return None
    ancestor_keys = [part for part in region.path.split("/") if part]
    return (
        Q(**{f"{prefix}service_areas__path__startswith": region.path})
        | Q(**{f"{prefix}service_areas__key__in": ancestor_keys})
        | Q(
            **{
                f"{prefix}service_areas__isnull": True,
                f"{prefix}organisation__region__path__startswith": region.path,
            }
        )
    )


def service_filter(filters: ServiceFilters) -> QuerySet[Service]:
    """Public services matching ``filters`` (ids only; callers load what they show)."""
    queryset = public_services()
    if filters.query:
        queryset = queryset.filter(
            Q(name__icontains=filters.query)
            | Q(description__icontains=filters.query)
            | Q(organisation__name__icontains=filters.query)
        )
    if filters.organisation:
        parsed = parse_uuid(filters.organisation)
        if parsed:
            queryset = queryset.filter(organisation__uuid=parsed)
        else:
            queryset = queryset.filter(organisation__slug=filters.organisation)
    if filters.organisation_kinds:
        queryset = queryset.filter(organisation__kind__in=filters.organisation_kinds)
    if filters.modified_after is not None:
        queryset = queryset.filter(updated_at__gte=filters.modified_after)
    # Many-to-many conditions go through subqueries so that a service never appears twice.
    if filters.region:
        condition = _region_condition("", filters.region)
        if condition is None:
            return queryset.none()
        queryset = queryset.filter(pk__in=Service.objects.filter(condition).values("pk"))
    if filters.fields_of_action:
        queryset = queryset.filter(
            pk__in=Service.objects.filter(fields_of_action__slug__in=filters.fields_of_action).values("pk")
        )
    if filters.target_groups:
        queryset = queryset.filter(
            pk__in=Service.objects.filter(target_groups__slug__in=filters.target_groups).values("pk")
        )
    if filters.languages:
        queryset = queryset.filter(
            pk__in=Service.objects.filter(languages__code__in=filters.languages).values("pk")
        )
    return queryset


def service_search(filters: ServiceFilters, *, page: int = 1, page_size: int = 20) -> ServicePage:
    """One page of public services in organisation and name order, with the total."""
    queryset = service_filter(filters)
    total = queryset.count()
    start = (page - 1) * page_size
    ids = list(
        queryset.order_by("organisation__name", "name", "pk").values_list("pk", flat=True)[
            start : start + page_size
        ]
    )
    by_id = (
        {service.pk: service for service in service_queryset_for_output().filter(pk__in=ids)} if ids else {}
    )
    return ServicePage(
        services=[by_id[pk] for pk in ids if pk in by_id], total=total, page=page, page_size=page_size
    )


def service_detail(*, service_uuid: str) -> Service | None:
    parsed = parse_uuid(service_uuid)
    if parsed is None:
        return None
    return service_queryset_for_output().filter(uuid=parsed).first()


def organisation_for_edit(*, slug: str) -> Organisation | None:
    """Any organisation by slug or uuid, whatever its status: the policy decides who may edit it."""
    parsed = parse_uuid(slug)
    lookup = Q(uuid=parsed) if parsed else Q(slug=slug)
    return Organisation.objects.select_related("region").filter(lookup).first()


def service_for_edit(*, service_uuid: str) -> Service | None:
    parsed = parse_uuid(service_uuid)
    if parsed is None:
        return None
    return Service.objects.select_related("organisation__region").filter(uuid=parsed).first()


def organisation_slug(identifier: str) -> str | None:
    """The slug of the organisation named by ``identifier`` (a slug or a uuid)."""
    parsed = parse_uuid(identifier)
    if parsed is None:
        return identifier
    return Organisation.objects.filter(uuid=parsed).values_list("slug", flat=True).first()
