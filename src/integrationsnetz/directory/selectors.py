"""Every read of the directory that pages, API and exports share; owns the queries they make."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from integrationsnetz.directory.models import ContactPerson, Organisation, Service


@dataclass(frozen=True)
class SearchFilters:
    """What a visitor can narrow the directory by (the search page's and the API's parameters)."""

    query: str = ""
    region: str = ""  # official key of a region; matches it and all its sub-regions
    kinds: tuple[str, ...] = ()
    fields_of_action: tuple[str, ...] = ()  # slugs
    target_groups: tuple[str, ...] = ()  # slugs
    languages: tuple[str, ...] = ()  # ISO 639-1 codes
    modified_after: Any = None  # aware datetime


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    organisations: list[Organisation]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE)


def organisation_search(
    filters: SearchFilters, *, page: int = 1, page_size: int = 20, with_facets: bool = True
) -> SearchResult:
    """Active organisations matching ``filters`` in relevance order (name order without a query)."""
    queryset = public_organisations()
    if filters.query:
        queryset = queryset.filter(search_text__icontains=filters.query)
    total = queryset.count()
    start = (page - 1) * page_size
    organisations = list(
        queryset.select_related("region").prefetch_related("fields_of_action")[start : start + page_size]
    )
    return SearchResult(organisations=organisations, total=total, page=page, page_size=page_size)


def organisation_detail(*, slug: str) -> Organisation | None:
    """An organisation with everything its detail page shows, in a fixed number of queries."""
    return (
        Organisation.objects.select_related("region", "parent")
        .prefetch_related(
            "regions_served",
            "fields_of_action",
            "target_groups",
            "languages",
            "external_identifiers",
            "networkmembership_set__network",
            Prefetch(
                "services",
                queryset=Service.objects.prefetch_related(
                    "languages", "fields_of_action", "target_groups", "service_areas", "locations"
                ),
            ),
            "locations",
            Prefetch("contacts", queryset=ContactPerson.objects.prefetch_related("languages")),
        )
        .filter(slug=slug)
        .first()
    )
