"""The monitoring part of /api/v1 (a django-ninja router that api/v1.py mounts at /monitoring).

Open reads of published figures only: a token does not show unpublished ones (maintainers see those
on the web pages). Lists are paged, every query count is fixed, and CSV exports give the same shapes
as the web downloads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from integrationsnetz.api.auth import READ_ERRORS
from integrationsnetz.api.schemas import MAX_PAGE, MAX_PAGE_SIZE
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.importing import export_csv, export_rows
from integrationsnetz.monitoring.models import Indicator, Observation
from integrationsnetz.monitoring.selectors import (
    Change,
    indicators_published_with_categories,
    observations_published,
    series_for,
)

router = Router(tags=["monitoring"])
# A CSV export holds at most this many values; larger sets are fetched in pages or by indicator.
MAX_EXPORT_ROWS = 100_000
CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "CSV (UTF-8 with BOM, separated by semicolons)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


class CategoryOut(Schema):
    slug: str
    name_de: str
    name_en: str
    position: int


class IndicatorOut(Schema):
    slug: str
    name_de: str
    name_en: str
    unit: str
    source: str
    notes: str
    owner_region: str = Field(description="Official key of the region whose coordinators maintain it.")
    counts_inhabitants: bool = Field(description="This indicator's totals are the population for rates.")
    categories: list[CategoryOut]


class IndicatorPage(Schema):
    items: list[IndicatorOut]
    total: int
    page: int
    page_size: int
    pages: int


class ObservationOut(Schema):
    indicator: str
    region: str
    category: str | None = Field(None, description="Category slug; null for the total.")
    period_start: date
    period_kind: str
    period_label: str
    value: float
    source: str
    remark: str
    updated_at: datetime


class ObservationPage(Schema):
    items: list[ObservationOut]
    total: int
    page: int
    page_size: int
    pages: int


class ChangeOut(Schema):
    absolute: float
    percent: float | None
    against: str = Field(description="Label of the period compared with.")


class SeriesPointOut(Schema):
    period_start: date
    period_kind: str
    label: str
    values: dict[str, float] = Field(description="Values by category slug.")
    total: float | None
    shares: dict[str, float | None] = Field(description="Per cent of the total by category slug.")
    change_previous: ChangeOut | None
    change_year: ChangeOut | None
    per_thousand: float | None = Field(description="The total per 1,000 inhabitants of the region.")


class SeriesOut(Schema):
    indicator: str
    region: str
    region_name: str
    unit: str
    categories: list[CategoryOut]
    sources: list[str]
    points: list[SeriesPointOut]


class IndicatorQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class ObservationFilters(Schema):
    indicator: str | None = Field(None, max_length=80, description="Indicator slug.")
    region: str | None = Field(None, max_length=32, description="Official key of the region (AGS).")
    subregions: bool = Field(False, description="Include the regions within the region.")
    category: str | None = Field(
        None, max_length=80, description="Category slug; 'total' for the stored totals only."
    )
    period_from: date | None = Field(None, description="Periods starting on or after this day.")
    period_to: date | None = Field(None, description="Periods starting on or before this day.")


class ObservationQuery(ObservationFilters):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


class SeriesQuery(Schema):
    indicator: str = Field(max_length=80, description="Indicator slug.")
    region: str = Field(max_length=32, description="Official key of the region (AGS).")


class SeriesCsvQuery(SeriesQuery):
    shape: Literal["wide", "long"] = "wide"


def _pages(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "slug": indicator.slug,
        "name_de": indicator.name_de,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "source": indicator.source,
        "notes": indicator.notes,
        "owner_region": indicator.owner_region.key,
        "counts_inhabitants": indicator.counts_inhabitants,
        "categories": list(indicator.categories.all()),
    }


def _observation_out(observation: Observation) -> dict[str, Any]:
    return {
        "indicator": observation.indicator.slug,
        "region": observation.region.key,
        "category": observation.category.slug if observation.category else None,
        "period_start": observation.period_start,
        "period_kind": observation.period_kind,
        "period_label": observation.period_label,
        "value": float(observation.value),
        "source": observation.source,
        "remark": observation.remark,
        "updated_at": observation.updated_at,
    }


def _change_out(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "absolute": float(change.absolute),
        "percent": float(change.percent) if change.percent is not None else None,
        "against": change.against,
    }


def _filtered(filters: ObservationFilters) -> Any:
    return observations_published(
        indicator_slug=filters.indicator,
        region_key=filters.region,
        subregions=filters.subregions,
        category_slug=filters.category,
        period_from=filters.period_from,
        period_to=filters.period_to,
    )


@router.get("/indicators", response={200: IndicatorPage, **READ_ERRORS})
def indicator_list(request: HttpRequest, filters: Query[IndicatorQuery]) -> dict[str, Any]:
    queryset = indicators_published_with_categories()
    total = queryset.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "items": [_indicator_out(i) for i in queryset[start : start + filters.page_size]],
        "total": total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": _pages(total, filters.page_size),
    }


@router.get("/indicators/{slug}", response={200: IndicatorOut, **READ_ERRORS})
def indicator_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    indicator = indicators_published_with_categories().filter(slug=slug).first()
    if indicator is None:
        raise Http404
    return _indicator_out(indicator)


@router.get("/observations", response={200: ObservationPage, **READ_ERRORS})
def observation_list(request: HttpRequest, filters: Query[ObservationQuery]) -> dict[str, Any]:
    queryset = _filtered(filters)
    total = queryset.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "items": [_observation_out(o) for o in queryset[start : start + filters.page_size]],
        "total": total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": _pages(total, filters.page_size),
    }


@router.get("/observations.csv", response={200: None, **READ_ERRORS}, openapi_extra=CSV_RESPONSE)
def observation_csv(request: HttpRequest, filters: Query[ObservationFilters]) -> HttpResponse:
    """The filtered values in the long shape (one row per value), as the importer reads it back."""
    rows = export_rows(_filtered(filters)[:MAX_EXPORT_ROWS], shape="long")
    response = HttpResponse(export_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="observations.csv"'
    return response


def _series(filters: SeriesQuery) -> Any:
    indicator = Indicator.objects.filter(slug=filters.indicator, published=True).first()
    region = Region.objects.filter(key=filters.region).first()
    if indicator is None or region is None:
        raise Http404
    return series_for(indicator, region)


@router.get("/series", response={200: SeriesOut, **READ_ERRORS})
def series_detail(request: HttpRequest, filters: Query[SeriesQuery]) -> dict[str, Any]:
    """One indicator in one region over time, with totals, shares, changes and rates."""
    series = _series(filters)
    slugs = {category.pk: category.slug for category in series.categories}
    return {
        "indicator": series.indicator.slug,
        "region": series.region.key,
        "region_name": series.region.name,
        "unit": series.indicator.unit,
        "categories": series.categories,
        "sources": series.sources,
        "points": [
            {
                "period_start": point.period_start,
                "period_kind": point.period_kind,
                "label": point.label,
                "values": {slugs[pk]: float(v) for pk, v in point.values.items() if pk in slugs},
                "total": float(point.total) if point.total is not None else None,
                "shares": {slugs[pk]: float(v) if v is not None else None for pk, v in point.shares.items()},
                "change_previous": _change_out(point.change_previous),
                "change_year": _change_out(point.change_year),
                "per_thousand": float(point.per_thousand) if point.per_thousand is not None else None,
            }
            for point in series.points
        ],
    }


@router.get("/series.csv", response={200: None, **READ_ERRORS}, openapi_extra=CSV_RESPONSE)
def series_csv(request: HttpRequest, filters: Query[SeriesCsvQuery]) -> HttpResponse:
    """One indicator in one region: wide (one column per period, like the source tables) or long."""
    series = _series(filters)
    observations = observations_published(indicator_slug=series.indicator.slug, region_key=series.region.key)
    rows = export_rows(observations, shape=filters.shape)
    response = HttpResponse(export_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{series.indicator.slug}-{series.region.key}.csv"'
    )
    return response
