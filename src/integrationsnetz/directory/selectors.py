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

from django.db.models import Prefetch, Q, QuerySet

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory import facets, search
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

    A page beyond the last one gives the last page. Filters and facet counts come from the bitmaps
    of :mod:`facets`; the text from one query on the full-text index, cached per query. The number
    of queries does not depend on the number of results: a version probe, the region, the
    vocabularies, the text (SQLite: its typo vocabulary), the page and its prefetch; after a change
    also two to rebuild the index and one to rank the text matches again.
    """
    prepared = _prepare(filters)
    index_version, text_version = facets.current_versions()
    index = facets.get_index(index_version)
    terms = _selected_terms(filters, with_facets=with_facets)
    masks = _filter_masks(prepared, index, terms)
    base = index.active
    text: facets.TextMatches | None = None
    if prepared.text.text:
        text = facets.text_matches(prepared.text, text_version)
        base &= text.bitmap
    matching = base
    for mask in masks.values():
        matching &= mask
    total = matching.bit_count()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    start, stop = (page - 1) * page_size, page * page_size
    ids: list[int] = []
    if total:
        if text is not None:
            ids = _ranked_page(text, index, matching, start=start, stop=stop)
        else:
            ids = _name_order_page(index, matching, start=start, stop=stop, total=total)
    organisations: list[Organisation] = []
    if ids:
        by_id = (
            Organisation.objects.select_related("region").prefetch_related("fields_of_action").in_bulk(ids)
        )
        organisations = [by_id[pk] for pk in ids if pk in by_id]
    result = SearchResult(
        organisations=organisations, total=total, page=page, page_size=page_size, region=prepared.region
    )
    if prepared.region_unknown:
        result.unknown.append(filters.region)
    if with_facets:
        result.facets = _facets(prepared, index, base, masks, terms, result.unknown)
    return result


def _selected_terms(filters: SearchFilters, *, with_facets: bool) -> dict[str, list[Any]]:
    """The vocabulary terms of the facets that are shown or filtered by, one query per vocabulary."""
    wanted = {
        "field": (FieldOfAction, filters.fields_of_action),
        "group": (TargetGroup, filters.target_groups),
        "language": (Language, filters.languages),
    }
    return {
        name: list(model._default_manager.all())
        for name, (model, selected) in wanted.items()
        if with_facets or selected
    }


_TERM_KEYS = {"field": "slug", "group": "slug", "language": "code"}


def _filter_masks(
    prepared: _PreparedFilters, index: facets.FacetIndex, terms: dict[str, list[Any]]
) -> dict[str, int]:
    """One bitmap per active filter: the organisations any of its selected values allows."""
    filters = prepared.filters
    masks: dict[str, int] = {}
    if filters.region:
        masks["region"] = index.regions.get(prepared.region.pk, 0) if prepared.region is not None else 0
    if filters.kinds:
        masks["kind"] = _union(index.kinds.get(kind, 0) for kind in filters.kinds)
    selected_by_facet = {
        "field": filters.fields_of_action,
        "group": filters.target_groups,
        "language": filters.languages,
    }
    for name, selected in selected_by_facet.items():
        if selected:
            by_term = index.terms.get(name, {})
            masks[name] = _union(
                by_term.get(term.pk, 0) for term in terms[name] if getattr(term, _TERM_KEYS[name]) in selected
            )
    if filters.modified_after is not None:
        changed = Organisation.objects.filter(updated_at__gt=filters.modified_after).values_list(
            "id", flat=True
        )
        masks["modified"] = index.bitmap(changed.iterator(chunk_size=2000))
    return masks


def _union(bitmaps: Iterator[int]) -> int:
    result = 0
    for bitmap in bitmaps:
        result |= bitmap
    return result


def _ranked_page(
    text: facets.TextMatches, index: facets.FacetIndex, matching: int, *, start: int, stop: int
) -> list[int]:
    """Ids ``start:stop`` of the ``matching`` text matches (best first), equal relevance in name order."""
    keep = index.to_bytes(matching)
    size, rank = index.size, index.name_rank
    ids, keys = text.ids, text.keys
    taken: list[int] = []
    position, count = 0, len(ids)
    while position < count and len(taken) < stop:
        key = keys[position]
        tied: list[int] = []
        while position < count and keys[position] == key:
            pk = ids[position]
            if pk < size and keep[pk >> 3] >> (pk & 7) & 1:
                tied.append(pk)
            position += 1
        tied.sort(key=rank.__getitem__)
        taken += tied
    return taken[start:stop]


def _name_order_page(
    index: facets.FacetIndex, matching: int, *, start: int, stop: int, total: int
) -> list[int]:
    """Ids ``start:stop`` of the matching organisations in name order."""
    order = index.name_order
    if total == len(order):  # nothing filtered out
        return list(order[start:stop])
    keep = index.to_bytes(matching)
    taken: list[int] = []
    seen = 0
    for pk in order:
        if keep[pk >> 3] >> (pk & 7) & 1:
            if seen >= start:
                taken.append(pk)
                if len(taken) == stop - start:
                    break
            seen += 1
    return taken


def _facets(
    prepared: _PreparedFilters,
    index: facets.FacetIndex,
    base: int,
    masks: dict[str, int],
    terms: dict[str, list[Any]],
    unknown: list[str],
) -> dict[str, list[FacetValue]]:
    """Each facet's counts within the text match and every *other* filter."""
    filters = prepared.filters

    def without(name: str) -> int:
        result = base
        for other, mask in masks.items():
            if other != name:
                result &= mask
        return result

    selected_by_facet = {
        "kind": filters.kinds,
        "field": filters.fields_of_action,
        "group": filters.target_groups,
        "language": filters.languages,
    }
    result = {
        "region": _region_facet(prepared, index, without("region")),
        "kind": _kind_facet(prepared, index, without("kind")),
    }
    for name in ("field", "group", "language"):
        within = without(name)
        by_term = index.terms.get(name, {})
        key = _TERM_KEYS[name]
        values = []
        for term in terms[name]:
            count = (within & by_term.get(term.pk, 0)).bit_count()
            is_selected = getattr(term, key) in selected_by_facet[name]
            if count or is_selected:
                values.append(
                    FacetValue(value=getattr(term, key), label=str(term), count=count, selected=is_selected)
                )
        result[name] = values
    for name, selected in selected_by_facet.items():
        known = {value.value for value in result[name]}
        unknown += [value for value in selected if value not in known]
    return result


def _kind_facet(prepared: _PreparedFilters, index: facets.FacetIndex, within: int) -> list[FacetValue]:
    values = []
    for value, label in Organisation.Kind.choices:
        count = (within & index.kinds.get(value, 0)).bit_count()
        is_selected = value in prepared.filters.kinds
        if count or is_selected:
            values.append(FacetValue(value=value, label=str(label), count=count, selected=is_selected))
    return values


def _region_facet(prepared: _PreparedFilters, index: facets.FacetIndex, within: int) -> list[FacetValue]:
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
    values = []
    for region in candidates:
        count = (within & index.regions.get(region.pk, 0)).bit_count()
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
