"""The accommodation part of /api/v1 (a django-ninja router that api/v1.py mounts).

Public: the sites' public fields, the catalogue and the summary by district. Inspections only with a
token whose user may see the site's full results; others get 404, as on the pages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from integrationsnetz.accommodation import selectors
from integrationsnetz.accommodation.models import Inspection, Site
from integrationsnetz.api.auth import READ_ERRORS, TokenAuth
from integrationsnetz.api.schemas import MAX_PAGE, MAX_PAGE_SIZE, Text
from integrationsnetz.core import policy

router = Router(tags=["accommodation"])


class SiteOut(Schema):
    id: int
    name: str
    kind: str
    district: str = Field(description="Official key of the district or district-free city.")
    district_name: str
    postal_code: str
    city: str
    operator: str = Field(description="Slug of the operating organisation in the directory.")
    operator_name: str
    capacity: int
    fictitious: bool


class SitePage(Schema):
    items: list[SiteOut]
    total: int
    page: int
    page_size: int
    pages: int


class SiteQuery(Schema):
    region: Text | None = Field(
        None, max_length=32, description="Official key: sites in this region and below."
    )
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


class CriterionOut(Schema):
    id: int
    name_de: str
    name_en: str
    guidance: str
    max_score: int
    weight: int
    critical_scores: list[int]


class AreaOut(Schema):
    id: int
    name_de: str
    name_en: str
    criteria: list[CriterionOut]


class CatalogueOut(Schema):
    catalogue: str
    version: int
    valid_from: date
    green_from: Decimal
    yellow_from: Decimal
    areas: list[AreaOut]


class DistrictSummaryOut(Schema):
    district: str
    district_name: str
    sites: int
    places: int
    inspected: int
    green: int
    yellow: int
    red: int


class AreaResultOut(Schema):
    name_de: str
    name_en: str
    percent: Decimal | None
    light: str = Field(description="green, yellow, red, none (not rated) or not_applicable.")
    critical: bool
    not_applicable: int = Field(
        0, description="Criteria of the area marked not applicable (0 for results stored before)."
    )


class InspectionOut(Schema):
    id: int
    site: int
    date: date
    status: str
    catalogue_version: int
    overall_percent: Decimal | None
    overall_light: str
    areas: list[AreaResultOut]


class InspectionPage(Schema):
    items: list[InspectionOut]
    total: int
    page: int
    page_size: int
    pages: int


class ScoreOut(Schema):
    criterion: int
    value: int | None = Field(description="None when not scored yet or not applicable.")
    note: str
    not_applicable: bool
    not_applicable_reason: str


class StatementOut(Schema):
    source: str
    text: str


class ActionOut(Schema):
    id: int
    description: str
    due_date: date
    status: str


class InspectionDetailOut(InspectionOut):
    inspectors: str
    summary: str
    scores: list[ScoreOut]
    statements: list[StatementOut]
    actions: list[ActionOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


def _pages(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def site_out(site: Site) -> dict[str, Any]:
    return {
        "id": site.pk,
        "name": site.name,
        "kind": site.kind,
        "district": site.district.key,
        "district_name": site.district.name,
        "postal_code": site.postal_code,
        "city": site.city,
        "operator": site.operator.slug,
        "operator_name": site.operator.name,
        "capacity": site.capacity,
        "fictitious": site.is_fictitious,
    }


def inspection_out(inspection: Inspection) -> dict[str, Any]:
    return {
        "id": inspection.pk,
        "site": inspection.site_id,
        "date": inspection.date,
        "status": inspection.status,
        "catalogue_version": inspection.version.number,
        "overall_percent": inspection.overall_percent,
        "overall_light": inspection.overall_light,
        "areas": inspection.area_results.get("areas", []),
    }


@router.get("/sites", response={200: SitePage, **READ_ERRORS})
def site_list(request: HttpRequest, filters: Query[SiteQuery]) -> dict[str, Any]:
    """Accommodation sites with their public fields (no occupancy, contacts, notes or results)."""
    sites = selectors.sites_public().order_by("pk")
    if filters.region:
        sites = sites.filter(district__path__contains=f"/{filters.region}/")
    total = sites.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "items": [site_out(site) for site in sites[start : start + filters.page_size]],
        "total": total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": _pages(total, filters.page_size),
    }


@router.get("/sites/{site_id}", response={200: SiteOut, **READ_ERRORS})
def site_detail(request: HttpRequest, site_id: int) -> dict[str, Any]:
    site = selectors.sites_public().filter(pk=site_id).first()
    if site is None:
        raise Http404
    return site_out(site)


@router.get("/catalogue", response={200: CatalogueOut, **READ_ERRORS})
def catalogue(request: HttpRequest) -> dict[str, Any]:
    """The version of the criteria catalogue in force today."""
    version = selectors.catalogue_in_force()
    if version is None:
        raise Http404
    return {
        "catalogue": version.catalogue.slug,
        "version": version.number,
        "valid_from": version.valid_from,
        "green_from": version.green_from,
        "yellow_from": version.yellow_from,
        "areas": [
            {
                "id": area.pk,
                "name_de": area.name_de,
                "name_en": area.name_en,
                "criteria": [
                    {
                        "id": criterion.pk,
                        "name_de": criterion.name_de,
                        "name_en": criterion.name_en,
                        "guidance": criterion.guidance,
                        "max_score": criterion.max_score,
                        "weight": criterion.weight,
                        "critical_scores": criterion.critical_scores,
                    }
                    for criterion in area.criteria.all()
                ],
            }
            for area in version.areas.all()
        ],
    }


@router.get("/summary", response={200: list[DistrictSummaryOut], **READ_ERRORS})
def summary(request: HttpRequest) -> list[dict[str, Any]]:
    """Per district: sites, places and the lights of the latest inspections; no single site's result."""
    return [
        {
            "district": item.district.key,
            "district_name": item.district.name,
            "sites": item.sites,
            "places": item.places,
            "inspected": item.inspected,
            "green": item.lights["green"],
            "yellow": item.lights["yellow"],
            "red": item.lights["red"],
        }
        for item in selectors.public_summary()
    ]


@router.get("/inspections", auth=TokenAuth(), response={200: InspectionPage, **READ_ERRORS})
def inspection_list(request: HttpRequest, filters: Query[PageQuery]) -> dict[str, Any]:
    """Inspections of the sites whose full results the token's user may see."""
    user = request.auth  # type: ignore[attr-defined]
    inspections = (
        Inspection.objects.filter(site__in=selectors.sites_with_details_for(user).values("pk"))
        .select_related("version")
        .order_by("-date", "-pk")
    )
    total = inspections.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "items": [
            inspection_out(inspection) for inspection in inspections[start : start + filters.page_size]
        ],
        "total": total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": _pages(total, filters.page_size),
    }


@router.get(
    "/inspections/{inspection_id}", auth=TokenAuth(), response={200: InspectionDetailOut, **READ_ERRORS}
)
def inspection_detail(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = selectors.inspection_for_page(inspection_id)
    if inspection is None:
        raise Http404
    policy.require(request.auth, "view", inspection)  # type: ignore[attr-defined]
    return {
        **inspection_out(inspection),
        "inspectors": inspection.inspectors,
        "summary": inspection.summary,
        "scores": [
            {
                "criterion": score.criterion_id,
                "value": score.value,
                "note": score.note,
                "not_applicable": score.not_applicable,
                "not_applicable_reason": score.not_applicable_reason,
            }
            for score in inspection.scores.all()
        ],
        "statements": [{"source": item.source, "text": item.text} for item in inspection.statements.all()],
        "actions": [
            {
                "id": action.pk,
                "description": action.description,
                "due_date": action.due_date,
                "status": action.status,
            }
            for action in inspection.actions.all()
        ],
    }
