"""Reads shared by the pages, the report, the API and the bench; each fixes its number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from integrationsnetz.accommodation.models import (
    Area,
    Catalogue,
    CatalogueVersion,
    FollowUpAction,
    Inspection,
    Light,
    Site,
)
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.models import Region


def sites_public() -> QuerySet[Site]:
    return Site.objects.select_related("operator", "district")


def sites_with_details_for(user: Any) -> QuerySet[Site]:
    """Sites whose full results ``user`` may see (mirrors policies.may_view_site_details in SQL)."""
    scopes = scopes_of(user)
    sites = sites_public()
    if scopes.is_office:
        return sites
    condition = Q(operator_id__in=scopes.edited_organisation_ids)
    for path in scopes.coordinated_paths:
        condition |= Q(district__path__startswith=path)
    return sites.filter(condition)


def _latest_completed(field_name: str) -> Subquery:
    return Subquery(
        Inspection.objects.filter(site=OuterRef("pk"), status=Inspection.Status.COMPLETED)
        .order_by("-date", "-pk")
        .values(field_name)[:1]
    )


def area_label(result: dict[str, Any]) -> str:
    """The stored name of an area in the active language (stored results keep both names)."""
    if (get_language() or "de").startswith("en") and result.get("name_en"):
        return str(result["name_en"])
    return str(result["name_de"])


@dataclass
class DistrictSummary:
    district: Region
    sites: int = 0
    places: int = 0
    inspected: int = 0
    lights: dict[str, int] = field(default_factory=lambda: {Light.GREEN: 0, Light.YELLOW: 0, Light.RED: 0})


def public_summary() -> list[DistrictSummary]:
    """Per district: number of sites and places, and how the latest inspections were rated. One query.

    This is what anyone may see: counts only, nothing that names or rates a single site.
    """
    rows = Site.objects.select_related("district").annotate(latest_light=_latest_completed("overall_light"))
    summaries: dict[int, DistrictSummary] = {}
    for site in rows.order_by("district__name", "pk"):
        summary = summaries.setdefault(site.district_id, DistrictSummary(district=site.district))
        summary.sites += 1
        summary.places += site.capacity
        light = getattr(site, "latest_light", None)
        if light in summary.lights:
            summary.inspected += 1
            summary.lights[light] += 1
    return list(summaries.values())


@dataclass
class SiteRow:
    site: Site
    latest: Inspection | None


COMPARISON_PAGE_SIZE = 100


def site_comparison(
    *, user: Any, region: Region | None, page: int = 1, page_size: int = COMPARISON_PAGE_SIZE
) -> tuple[list[SiteRow], int]:
    """One page of the sites of a region (or all) the user may see in full, each with its latest
    completed inspection, and the number of such sites. Three queries (after the scopes) whatever the numbers.
    """
    sites = sites_with_details_for(user)
    if region is not None:
        sites = sites.filter(district__path__startswith=region.path)
    total = sites.count()
    start = (max(page, 1) - 1) * page_size
    site_list = list(
        sites.annotate(latest_id=_latest_completed("pk")).order_by("district__name", "name", "pk")[
            start : start + page_size
        ]
    )
    ids = [site.latest_id for site in site_list if getattr(site, "latest_id", None)]
    latest = Inspection.objects.only(
        "pk", "site_id", "date", "overall_light", "overall_percent", "area_results", "version_id"
    ).in_bulk(ids)
    rows = [
        SiteRow(site=site, latest=latest.get(getattr(site, "latest_id", None) or 0)) for site in site_list
    ]
    return rows, total


def comparison_columns(rows: list[SiteRow] | list[Inspection]) -> list[str]:
    """German area names in first-seen order: versions may add or rename areas over time."""
    names: list[str] = []
    for row in rows:
        inspection = row.latest if isinstance(row, SiteRow) else row
        if inspection is None:
            continue
        for result in inspection.area_results.get("areas", []):
            if result["name_de"] not in names:
                names.append(result["name_de"])
    return names


def results_by_name(inspection: Inspection | None) -> dict[str, dict[str, Any]]:
    if inspection is None:
        return {}
    return {result["name_de"]: result for result in inspection.area_results.get("areas", [])}


def site_history(site: Site) -> list[Inspection]:
    """Completed inspections of one site, oldest first: the comparison over time. One query."""
    return list(
        site.inspections.filter(status=Inspection.Status.COMPLETED)
        .select_related("version__catalogue")
        .order_by("date", "pk")
    )


def site_inspections(site: Site) -> list[Inspection]:
    return list(site.inspections.select_related("version__catalogue").order_by("-date", "-pk"))


def site_actions(site: Site) -> list[FollowUpAction]:
    return list(
        FollowUpAction.objects.filter(inspection__site=site)
        .select_related("owner", "inspection__site__district", "checked_in")
        .order_by("due_date", "pk")
    )


def inspection_for_page(pk: int) -> Inspection | None:
    """One inspection with everything its page and report show, in a fixed number of queries."""
    return (
        Inspection.objects.select_related(
            "site__district", "site__operator", "version__catalogue", "created_by"
        )
        .prefetch_related("scores__criterion", "photos", "statements", "actions__owner")
        .filter(pk=pk)
        .first()
    )


@dataclass
class AreaBlock:
    area: Area
    rows: list[Any]


def inspection_areas(inspection: Inspection) -> list[AreaBlock]:
    """The inspection's scores grouped by area in catalogue order (uses the prefetched scores)."""
    areas = list(inspection.version.areas.all())
    by_area: dict[int, list[Any]] = defaultdict(list)
    for score in inspection.scores.all():
        by_area[score.criterion.area_id].append(score)
    for rows in by_area.values():
        rows.sort(key=lambda score: (score.criterion.position, score.criterion_id))
    return [AreaBlock(area=area, rows=by_area.get(area.pk, [])) for area in areas]


def catalogue_in_force(slug: str | None = None, *, on: date | None = None) -> CatalogueVersion | None:
    """The version of a catalogue (the first catalogue when no slug) in force on ``on`` (today), areas and
    criteria prefetched. Drafts for a later date are shown only on the office's catalogue pages."""
    catalogues = Catalogue.objects.order_by("pk")
    catalogue = (catalogues.filter(slug=slug) if slug else catalogues).first()
    if catalogue is None:
        return None
    return (
        catalogue.versions.filter(valid_from__lte=on or timezone.localdate())
        .select_related("catalogue")
        .prefetch_related("areas__criteria")
        .order_by("-number")
        .first()
    )


def _versions_with_use() -> QuerySet[CatalogueVersion]:
    return CatalogueVersion.objects.annotate(inspection_count=Count("inspections"))


def catalogues_with_versions() -> list[Catalogue]:
    """Every catalogue with its versions, newest first, each with how many inspections used it. Two queries."""
    return list(
        Catalogue.objects.order_by("name", "pk").prefetch_related(
            Prefetch("versions", queryset=_versions_with_use().order_by("-number"))
        )
    )


def catalogue_version_for_editing(pk: int) -> CatalogueVersion | None:
    """One version with its use count, areas and criteria, for the editing page. Three queries."""
    return (
        _versions_with_use()
        .select_related("catalogue")
        .prefetch_related("areas__criteria")
        .filter(pk=pk)
        .first()
    )


def districts() -> QuerySet[Region]:
    return Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.CITY, Region.Kind.STATE])
