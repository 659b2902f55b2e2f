"""Every read of the directory that pages, API and exports share; owns the queries they make.

Region filter and facet: an organisation belongs to a region when it is seated in it or in one of
its sub-regions, or when it serves (``regions_served``) that region or one of its sub-regions. An
organisation serving the whole state is therefore not counted under every district: it has to name
the districts it serves. Within one facet the selected values are alternatives (OR), across facets
they all apply (AND); each facet's counts reflect all *other* active filters, so that they say how
many results choosing that value would give.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Model, Prefetch, Q, QuerySet

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory import search
from integrationsnetz.directory.models import ContactPerson, NetworkMembership, Organisation, Service

# The map shows at most this many markers; the list and the exports have all results.
MAP_FEATURE_LIMIT = 5000

FACET_NAMES = ("region", "kind", "field", "group", "language")


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

    @property
    def is_empty(self) -> bool:
        return not (
            self.query
            or self.region
            or self.kinds
            or self.fields_of_action
            or self.target_groups
            or self.languages
            or self.modified_after
        )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    depth: int = 0  # regions: how deep in the tree, for indenting


@dataclass
class SearchResult:
    organisations: list[Organisation]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    region: Region | None = None
    # Selected filter values that name nothing known (unknown region key, field slug, ...).
    unknown: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.page_size)


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE)


@dataclass
class _PreparedFilters:
    filters: SearchFilters
    text: search.TextQuery
    region: Region | None
    region_unknown: bool

    def apply(self, queryset: QuerySet[Organisation], *, skip: str = "") -> QuerySet[Organisation]:
        """``queryset`` narrowed by every filter except the facet ``skip`` (and except the text)."""
        filters = self.filters
        if skip != "region" and filters.region:
            if self.region is None:
                return queryset.none()
            path = self.region.path
            served = Organisation.regions_served.through.objects.filter(region__path__startswith=path)
            queryset = queryset.filter(
                Q(region__path__startswith=path) | Q(id__in=served.values("organisation_id"))
            )
        if skip != "kind" and filters.kinds:
            queryset = queryset.filter(kind__in=filters.kinds)
        if skip != "field" and filters.fields_of_action:
            fields_through: Any = Organisation.fields_of_action.through.objects
            queryset = queryset.filter(
                id__in=fields_through.filter(fieldofaction__slug__in=filters.fields_of_action).values(
                    "organisation_id"
                )
            )
        if skip != "group" and filters.target_groups:
            groups_through: Any = Organisation.target_groups.through.objects
            queryset = queryset.filter(
                id__in=groups_through.filter(targetgroup__slug__in=filters.target_groups).values(
                    "organisation_id"
                )
            )
        if skip != "language" and filters.languages:
            languages_through: Any = Organisation.languages.through.objects
            queryset = queryset.filter(
                id__in=languages_through.filter(language__code__in=filters.languages).values(
                    "organisation_id"
                )
            )
        if filters.modified_after is not None:
            queryset = queryset.filter(updated_at__gt=filters.modified_after)
        return queryset

    def matching(self, *, skip: str = "") -> QuerySet[Organisation]:
        """Active organisations matching the text and every filter except ``skip``."""
        return search.restrict(self.apply(public_organisations(), skip=skip), self.text)


def _prepare(filters: SearchFilters) -> _PreparedFilters:
    region = None
    if filters.region:
        region = Region.objects.filter(key=filters.region).first()
    return _PreparedFilters(
        filters=filters,
        text=search.prepare(filters.query),
        region=region,
        region_unknown=bool(filters.region) and region is None,
    )


def organisation_queryset(filters: SearchFilters) -> QuerySet[Organisation]:
    """All active organisations matching ``filters``, unordered (for maps, exports, the API)."""
    return _prepare(filters).matching()


def organisation_search(
    filters: SearchFilters, *, page: int = 1, page_size: int = 20, with_facets: bool = True
) -> SearchResult:
    """Active organisations matching ``filters`` in relevance order (name order without a query).

    A page beyond the last one gives the last page. The number of queries does not depend on the
    number of results: one count, one page, its prefetches, and two queries per facet at most.
    """
    prepared = _prepare(filters)
    matching = prepared.matching()
    total = matching.count()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    start, stop = (page - 1) * page_size, page * page_size
    listed = Organisation.objects.select_related("region").prefetch_related("fields_of_action")
    organisations: list[Organisation] = []
    if total:
        if prepared.text.text:
            ids = search.ranked_page_ids(
                prepared.apply(public_organisations()), prepared.text, start=start, stop=stop
            )
            by_id = listed.in_bulk(ids)
            organisations = [by_id[pk] for pk in ids if pk in by_id]
        else:
            organisations = list(
                listed.filter(id__in=matching.values("id")).order_by("name", "id")[start:stop]
            )
    result = SearchResult(
        organisations=organisations, total=total, page=page, page_size=page_size, region=prepared.region
    )
    if prepared.region_unknown:
        result.unknown.append(filters.region)
    if with_facets:
        result.facets = _facets(prepared, result.unknown)
    return result


def _facets(prepared: _PreparedFilters, unknown: list[str]) -> dict[str, list[FacetValue]]:
    filters = prepared.filters
    facets = {
        "region": _region_facet(prepared),
        "kind": _kind_facet(prepared),
        "field": _vocabulary_facet(prepared, "field", FieldOfAction, "slug", filters.fields_of_action),
        "group": _vocabulary_facet(prepared, "group", TargetGroup, "slug", filters.target_groups),
        "language": _vocabulary_facet(prepared, "language", Language, "code", filters.languages),
    }
    selected_by_facet = {
        "kind": filters.kinds,
        "field": filters.fields_of_action,
        "group": filters.target_groups,
        "language": filters.languages,
    }
    for name, selected in selected_by_facet.items():
        known = {value.value for value in facets[name]}
        unknown += [value for value in selected if value not in known]
    return facets


def _kind_facet(prepared: _PreparedFilters) -> list[FacetValue]:
    counts = dict(
        prepared.matching(skip="kind")
        .order_by()
        .values_list("kind")
        .annotate(count=Count("id"))
        .values_list("kind", "count")
    )
    return [
        FacetValue(
            value=value,
            label=str(label),
            count=counts.get(value, 0),
            selected=value in prepared.filters.kinds,
        )
        for value, label in Organisation.Kind.choices
        if counts.get(value) or value in prepared.filters.kinds
    ]


def _vocabulary_facet(
    prepared: _PreparedFilters, name: str, model: type[Model], key: str, selected: tuple[str, ...]
) -> list[FacetValue]:
    """Counts per vocabulary term in one query (a LEFT JOIN over the term's organisations)."""
    matching_ids = prepared.matching(skip=name).values("id")
    terms = model._default_manager.annotate(
        facet_count=Count("organisation", filter=Q(organisation__id__in=matching_ids))
    )
    return [
        FacetValue(
            value=getattr(term, key),
            label=str(term),
            count=term.facet_count,
            selected=getattr(term, key) in selected,
        )
        for term in terms
        if term.facet_count or getattr(term, key) in selected
    ]


def _region_facet(prepared: _PreparedFilters) -> list[FacetValue]:
    """The top of the tree (and below a single root its children), or around the selected region."""
    selected = prepared.region
    if selected is not None:
        ancestor_keys = [key for key in selected.path.split("/") if key]
        candidates = list(
            Region.objects.filter(Q(key__in=ancestor_keys) | Q(parent=selected)).order_by("path")
        )
    else:
        candidates = list(Region.objects.filter(depth__lte=1).order_by("path"))
        roots = [region for region in candidates if region.parent_id is None]
        if len(roots) > 1:
            candidates = roots
    if not candidates:
        return []
    aggregates = {
        f"region_{index}": Count(
            "id",
            filter=Q(region__path__startswith=region.path) | Q(regions_served__path__startswith=region.path),
            distinct=True,
        )
        for index, region in enumerate(candidates)
    }
    counts = prepared.matching(skip="region").aggregate(**aggregates)
    values = []
    for index, region in enumerate(candidates):
        count = counts[f"region_{index}"] or 0
        is_selected = selected is not None and region.pk == selected.pk
        if count or is_selected:
            values.append(
                FacetValue(
                    value=region.key, label=region.name, count=count, selected=is_selected, depth=region.depth
                )
            )
    return values


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
            Prefetch("networkmembership_set", queryset=NetworkMembership.objects.select_related("network")),
            Prefetch(
                "services",
                queryset=Service.objects.exclude(status=Service.Status.DEFUNCT).prefetch_related(
                    "languages", "fields_of_action", "target_groups", "service_areas", "locations"
                ),
            ),
            "locations",
            Prefetch("contacts", queryset=ContactPerson.objects.prefetch_related("languages")),
        )
        .filter(slug=slug)
        .first()
    )


def public_contacts() -> QuerySet[ContactPerson]:
    """Contact persons whose name and direct details may be published (recorded consent)."""
    return ContactPerson.objects.filter(consent_to_publish=True, consent_recorded_at__isnull=False)


def organisation_export_rows(filters: SearchFilters, *, chunk_size: int = 500) -> Iterator[Organisation]:
    """Every matching organisation in name order with what the export shows, streamed in chunks.

    ``public_contact_list`` holds only contacts with recorded consent.
    """
    queryset = (
        Organisation.objects.filter(id__in=organisation_queryset(filters).values("id"))
        .select_related("region")
        .prefetch_related(
            "regions_served",
            "fields_of_action",
            "target_groups",
            "languages",
            Prefetch("contacts", queryset=public_contacts(), to_attr="public_contact_list"),
        )
        .order_by("name", "id")
    )
    return queryset.iterator(chunk_size=chunk_size)


def organisation_map_features(
    filters: SearchFilters, *, limit: int = MAP_FEATURE_LIMIT
) -> list[dict[str, Any]]:
    """Public fields and coordinates of matching organisations that have coordinates, in one query."""
    rows = (
        organisation_queryset(filters)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name", "id")
        .values("name", "slug", "kind", "street", "postal_code", "city", "latitude", "longitude")[:limit]
    )
    return [dict(row) for row in rows]


# --- Editing (appended by the editing pages) ------------------------------------------------------------


def organisations_editable_by(user: Any) -> QuerySet[Organisation]:
    """The organisations ``user`` may edit (the same rule as ``policy.can(user, "edit", ...)``), in one query.

    The office: all. A coordinator: those seated in their regions or below. An editor: their own.
    Rejected applications are left out; pending ones are shown (their editors act on them after approval).
    """
    from integrationsnetz.accounts.scopes import scopes_of

    scopes = scopes_of(user)
    queryset = (
        Organisation.objects.select_related("region")
        .exclude(status=Organisation.Status.REJECTED)
        .order_by("name", "id")
    )
    if scopes.is_office or getattr(user, "is_superuser", False):
        return queryset
    condition = Q(pk__in=scopes.edited_organisation_ids)
    for path in scopes.coordinated_paths:
        condition |= Q(region__path__startswith=path)
    if not scopes.edited_organisation_ids and not scopes.coordinated_paths:
        return queryset.none()
    return queryset.filter(condition)
