"""Reads of the figures shared by pages, exports and the API: series with their derived figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.models import Category, Indicator, Observation
from integrationsnetz.monitoring.periods import period_label_default

ONE_DECIMAL = Decimal("0.1")
# "The same period a year earlier" of a mid-year count (30 June) is a June count and vice versa;
# periods of another kind match when they start within this distance of the date a year earlier.
YEAR_EARLIER_TOLERANCE = timedelta(days=31)


def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class Change:
    absolute: Decimal
    percent: Decimal | None
    against: str  # the label of the period compared with


@dataclass
class SeriesPoint:
    period_start: date
    period_kind: str
    label: str
    values: dict[int | None, Decimal] = field(default_factory=dict)  # by category id; None = stored total
    total: Decimal | None = None
    shares: dict[int, Decimal | None] = field(default_factory=dict)  # per cent of the total
    change_previous: Change | None = None
    change_year: Change | None = None
    category_values: list[Decimal | None] = field(default_factory=list)  # in the order of the categories

    def value_of(self, category: Category) -> Decimal | None:
        return self.values.get(category.pk)


@dataclass
class Series:
    indicator: Indicator
    region: Region
    categories: list[Category]
    points: list[SeriesPoint]
    sources: list[str]


def _change(point: SeriesPoint, earlier: SeriesPoint | None) -> Change | None:
    if earlier is None or point.total is None or earlier.total is None:
        return None
    absolute = point.total - earlier.total
    return Change(absolute=absolute, percent=_percent(absolute, earlier.total), against=earlier.label)


def _year_earlier(point: SeriesPoint, points: list[SeriesPoint]) -> SeriesPoint | None:
    start = point.period_start
    try:
        target = start.replace(year=start.year - 1)
    except ValueError:  # 29 February
        target = start.replace(year=start.year - 1, day=28)
    exact = [p for p in points if p.period_start == target and p.period_kind == point.period_kind]
    if exact:
        return exact[0]
    near = [p for p in points if abs(p.period_start - target) <= YEAR_EARLIER_TOLERANCE and p is not point]
    return min(near, key=lambda p: abs(p.period_start - target)) if near else None


def series_build(
    indicator: Indicator, region: Region, observations: list[Observation], categories: list[Category]
) -> Series:
    """Derive totals, shares and changes from already loaded observations (no queries)."""
    wanted = {c.pk for c in categories}
    by_period: dict[tuple[date, str], SeriesPoint] = {}
    sources: list[str] = []
    for o in observations:
        if o.category_id is not None and o.category_id not in wanted:
            continue
        point = by_period.get((o.period_start, o.period_kind))
        if point is None:
            label = o.period_label or period_label_default(o.period_start, o.period_kind)
            point = by_period[(o.period_start, o.period_kind)] = SeriesPoint(
                o.period_start, o.period_kind, label
            )
        point.values[o.category_id] = o.value
        if o.source and o.source not in sources:
            sources.append(o.source)
    points = sorted(by_period.values(), key=lambda p: (p.period_start, p.period_kind))
    for point in points:
        parts = [point.values[c.pk] for c in categories if c.pk in point.values]
        # A stored total wins (the source may count people in no category); else the sum of the parts.
        point.total = point.values.get(None, sum(parts, Decimal(0)) if parts else None)
        point.shares = {
            c.pk: _percent(point.values[c.pk], point.total) for c in categories if c.pk in point.values
        }
        point.category_values = [point.values.get(c.pk) for c in categories]
    for index, point in enumerate(points):
        point.change_previous = _change(point, points[index - 1] if index else None)
        point.change_year = _change(point, _year_earlier(point, points))
    return Series(indicator=indicator, region=region, categories=categories, points=points, sources=sources)


def series_for(indicator: Indicator, region: Region, *, category_slugs: list[str] | None = None) -> Series:
    """One indicator in one region over time; two queries, however long the series."""
    categories = list(Category.objects.filter(indicator=indicator).order_by("position", "slug"))
    if category_slugs is not None:
        categories = [c for c in categories if c.slug in category_slugs]
    observations = list(
        Observation.objects.filter(indicator=indicator, region=region).order_by("period_start", "period_kind")
    )
    return series_build(indicator, region, observations, categories)


def indicators_published() -> QuerySet[Indicator]:
    return Indicator.objects.filter(published=True).select_related("owner_region").order_by("slug")


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    """Published indicators, plus those the user maintains (office: all)."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return Indicator.objects.select_related("owner_region").order_by("slug")
    condition = Q(published=True)
    for path in scopes.coordinated_paths:
        condition |= Q(owner_region__path__startswith=path)
    return Indicator.objects.filter(condition).select_related("owner_region").order_by("slug")


def observations_for_export(indicator: Indicator, region: Region | None = None) -> QuerySet[Observation]:
    queryset = Observation.objects.filter(indicator=indicator).select_related(
        "indicator", "region", "category"
    )
    if region is not None:
        queryset = queryset.filter(region=region)
    return queryset


def dashboard_series(region: Region) -> list[Series]:
    """Every published indicator with figures for this region; three queries, however many."""
    observations = list(
        Observation.objects.filter(region=region, indicator__published=True).order_by(
            "period_start", "period_kind"
        )
    )
    indicator_ids = {o.indicator_id for o in observations}
    indicators = list(Indicator.objects.filter(pk__in=indicator_ids).order_by("slug"))
    categories: dict[int, list[Category]] = {}
    for category in Category.objects.filter(indicator_id__in=indicator_ids).order_by("position", "slug"):
        categories.setdefault(category.indicator_id, []).append(category)
    by_indicator: dict[int, list[Observation]] = {}
    for o in observations:
        by_indicator.setdefault(o.indicator_id, []).append(o)
    return [
        series_build(indicator, region, by_indicator[indicator.pk], categories.get(indicator.pk, []))
        for indicator in indicators
    ]
