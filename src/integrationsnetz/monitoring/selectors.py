"""Reads of the figures shared by pages, exports and the API: series with their derived figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.models import Category, Indicator, Observation
from integrationsnetz.monitoring.periods import period_label_default

ONE_DECIMAL = Decimal("0.1")
# "The same period a year earlier" of a mid-year count (30 June) is a June count and vice versa;
# periods of another kind match when they start within this distance of the date a year earlier.
YEAR_EARLIER_TOLERANCE = timedelta(days=31)
POPULATION_TOLERANCE = timedelta(days=366)


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
    per_thousand: Decimal | None = None  # the total per 1,000 inhabitants of the region
    population: Decimal | None = None  # the inhabitants it was computed with

    def value_of(self, category: Category) -> Decimal | None:
        return self.values.get(category.pk)


@dataclass
class Series:
    indicator: Indicator
    region: Region
    categories: list[Category]
    points: list[SeriesPoint]
    sources: list[str]

    @property
    def has_per_thousand(self) -> bool:
        return any(point.per_thousand is not None for point in self.points)


def _change(point: SeriesPoint, earlier: SeriesPoint | None) -> Change | None:
    if earlier is None or point.total is None or earlier.total is None:
        return None
    absolute = point.total - earlier.total
    return Change(absolute=absolute, percent=_percent(absolute, earlier.total), against=earlier.label)


def _year_earlier(
    point: SeriesPoint, points: list[SeriesPoint], by_period: dict[tuple[date, str], SeriesPoint]
) -> SeriesPoint | None:
    start = point.period_start
    try:
        target = start.replace(year=start.year - 1)
    except ValueError:  # 29 February
        target = start.replace(year=start.year - 1, day=28)
    exact = by_period.get((target, point.period_kind))
    if exact is not None:
        return exact
    near = [p for p in points if abs(p.period_start - target) <= YEAR_EARLIER_TOLERANCE and p is not point]
    return min(near, key=lambda p: abs(p.period_start - target)) if near else None


Population = list[tuple[date, Decimal]]  # (period start, inhabitants), ordered by start


def populations_of(region_ids: Iterable[int]) -> dict[int, Population]:
    """Inhabitants per region over time, from the published indicator that counts them; one query.

    A stored total wins; where the population is stored by category only, the parts are added up.
    """
    totals: dict[tuple[int, date], Decimal] = {}
    parts: dict[tuple[int, date], Decimal] = {}
    observations = Observation.objects.filter(
        indicator__counts_inhabitants=True, indicator__published=True, region_id__in=list(region_ids)
    ).values_list("region_id", "category_id", "period_start", "value")
    for region_id, category_id, start, value in observations:
        if category_id is None:
            totals[(region_id, start)] = value
        else:
            parts[(region_id, start)] = parts.get((region_id, start), Decimal(0)) + value
    merged = {**parts, **totals}
    populations: dict[int, Population] = {}
    for (region_id, start), value in sorted(merged.items()):
        populations.setdefault(region_id, []).append((start, value))
    return populations


def _per_thousand(
    total: Decimal | None, start: date, population: Population
) -> tuple[Decimal | None, Decimal | None]:
    """(total per 1,000 inhabitants, inhabitants used) with the population counted nearest in time.

    Inhabitants are counted once a year, most figures more often: a count up to a year away is taken,
    the earlier one when two are equally near.
    """
    if total is None:
        return None, None
    near = [(abs(start - counted), counted, value) for counted, value in population]
    near = [item for item in near if item[0] <= POPULATION_TOLERANCE and item[2]]
    if not near:
        return None, None
    _distance, _counted, inhabitants = min(near, key=lambda item: (item[0], item[1]))
    return (total * 1000 / inhabitants).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP), inhabitants


class ObservationRow(Protocol):
    """What a series needs of a value: a model instance or a lighter row of ``ROW_FIELDS``."""

    category_id: int | None
    period_start: date
    period_kind: str
    period_label: str
    value: Decimal
    source: str


# Charts of long series load thousands of values: plain rows cost a fraction of model instances.
ROW_FIELDS = (
    "indicator_id",
    "region_id",
    "category_id",
    "period_start",
    "period_kind",
    "period_label",
    "value",
    "source",
)


def series_build(
    indicator: Indicator,
    region: Region,
    observations: Sequence[ObservationRow],
    categories: list[Category],
    population: Population | None = None,
) -> Series:
    """Derive totals, shares, changes and rates from already loaded observations (no queries)."""
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
    category_ids = [c.pk for c in categories]
    for point in points:
        parts = [point.values[pk] for pk in category_ids if pk in point.values]
        # A stored total wins (the source may count people in no category); else the sum of the parts.
        point.total = point.values.get(None, sum(parts, Decimal(0)) if parts else None)
        point.shares = {
            pk: _percent(point.values[pk], point.total) for pk in category_ids if pk in point.values
        }
        point.category_values = [point.values.get(pk) for pk in category_ids]
    for index, point in enumerate(points):
        point.change_previous = _change(point, points[index - 1] if index else None)
        point.change_year = _change(point, _year_earlier(point, points, by_period))
        if population and not indicator.counts_inhabitants:
            point.per_thousand, point.population = _per_thousand(point.total, point.period_start, population)
    return Series(indicator=indicator, region=region, categories=categories, points=points, sources=sources)


def series_for(indicator: Indicator, region: Region, *, category_slugs: list[str] | None = None) -> Series:
    """One indicator in one region over time; three queries, however long the series."""
    categories = list(Category.objects.filter(indicator=indicator).order_by("position", "slug"))
    if category_slugs is not None:
        categories = [c for c in categories if c.slug in category_slugs]
    observations = list(
        Observation.objects.filter(indicator=indicator, region=region)
        .order_by("period_start", "period_kind")
        .values_list(*ROW_FIELDS, named=True)
    )
    population = populations_of([region.pk]).get(region.pk)
    return series_build(indicator, region, observations, categories, population)


def series_window(series: Series, *, periods: int | None = None, until: date | None = None) -> Series:
    """``series`` cut to its last ``periods`` periods up to the one starting on ``until`` (inclusive).

    A chart for a newsletter names its window this way, so the image stays what the issue showed when
    later periods arrive.
    """
    points = [point for point in series.points if until is None or point.period_start <= until]
    if periods is not None:
        points = points[-max(periods, 1) :]
    series.points = points
    return series


def series_fingerprint(indicator: Indicator, region: Region) -> str:
    """Changes whenever an observation of the series is added, changed or removed (one query)."""
    summary = Observation.objects.filter(indicator=indicator, region=region).aggregate(
        count=Count("id"), last=Max("updated_at")
    )
    last = summary["last"].isoformat() if summary["last"] else "-"
    return f"{summary['count']}-{last}"


def indicators_published() -> QuerySet[Indicator]:
    return Indicator.objects.filter(published=True).select_related("owner_region").order_by("slug")


def indicators_published_with_categories() -> QuerySet[Indicator]:
    """Published indicators with their region and categories (for the API); two queries per page."""
    return indicators_published().prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("position", "slug"))
    )


def observations_published(
    *,
    indicator_slug: str | None = None,
    region_key: str | None = None,
    subregions: bool = False,
    category_slug: str | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
) -> QuerySet[Observation]:
    """Values of published indicators only, filtered; one query (one more for a page's count).

    ``category_slug="total"`` selects the stored totals; with ``subregions`` a region's key also
    selects every region below it.
    """
    queryset = Observation.objects.filter(indicator__published=True).select_related(
        "indicator", "region", "category"
    )
    if indicator_slug:
        queryset = queryset.filter(indicator__slug=indicator_slug)
    if region_key:
        if subregions:
            # The path ends with the key and a slash; every region below starts with the same path.
            queryset = queryset.filter(
                Q(region__key=region_key) | Q(region__path__contains=f"/{region_key}/")
            )
        else:
            queryset = queryset.filter(region__key=region_key)
    if category_slug == "total":
        queryset = queryset.filter(category__isnull=True)
    elif category_slug:
        queryset = queryset.filter(category__slug=category_slug)
    if period_from:
        queryset = queryset.filter(period_start__gte=period_from)
    if period_to:
        queryset = queryset.filter(period_start__lte=period_to)
    return queryset.order_by(
        "indicator__slug", "region__path", "period_start", "period_kind", "category_id", "pk"
    )


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
    """Every published indicator with figures for this region; four queries, however many."""
    observations = list(
        Observation.objects.filter(region=region, indicator__published=True)
        .order_by("period_start", "period_kind")
        .values_list(*ROW_FIELDS, named=True)
    )
    indicator_ids = {o.indicator_id for o in observations}
    indicators = list(Indicator.objects.filter(pk__in=indicator_ids).order_by("slug"))
    categories: dict[int, list[Category]] = {}
    for category in Category.objects.filter(indicator_id__in=indicator_ids).order_by("position", "slug"):
        categories.setdefault(category.indicator_id, []).append(category)
    by_indicator: dict[int, list[Any]] = {}
    for o in observations:
        by_indicator.setdefault(o.indicator_id, []).append(o)
    population = populations_of([region.pk]).get(region.pk) if observations else None
    return [
        series_build(
            indicator, region, by_indicator[indicator.pk], categories.get(indicator.pk, []), population
        )
        for indicator in indicators
    ]


@dataclass
class ComparisonPeriod:
    start: date
    kind: str
    label: str


@dataclass
class ComparisonRow:
    region: Region
    totals: list[Decimal | None]  # in the order of the comparison's periods
    per_thousand: list[Decimal | None]


@dataclass
class Comparison:
    """One indicator's totals in several regions, on the periods any of them has."""

    indicator: Indicator
    periods: list[ComparisonPeriod]
    rows: list[ComparisonRow]
    sources: list[str]

    @property
    def has_per_thousand(self) -> bool:
        return any(value is not None for row in self.rows for value in row.per_thousand)


def comparison_for(indicator: Indicator, regions: list[Region]) -> Comparison:
    """Totals (and rates per 1,000 inhabitants) of several regions side by side; three queries."""
    categories = list(Category.objects.filter(indicator=indicator).order_by("position", "slug"))
    by_region: dict[int, list[Any]] = {region.pk: [] for region in regions}
    for o in (
        Observation.objects.filter(indicator=indicator, region__in=regions)
        .order_by("period_start", "period_kind")
        .values_list(*ROW_FIELDS, named=True)
    ):
        by_region[o.region_id].append(o)
    populations = populations_of(by_region)
    all_series = [
        series_build(indicator, region, by_region[region.pk], categories, populations.get(region.pk))
        for region in regions
    ]
    periods: dict[tuple[date, str], ComparisonPeriod] = {}
    sources: list[str] = []
    for series in all_series:
        for point in series.points:
            periods.setdefault(
                (point.period_start, point.period_kind),
                ComparisonPeriod(point.period_start, point.period_kind, point.label),
            )
        sources.extend(source for source in series.sources if source not in sources)
    ordered = [periods[key] for key in sorted(periods)]
    rows = []
    for series in all_series:
        points = {(point.period_start, point.period_kind): point for point in series.points}
        found = [points.get((period.start, period.kind)) for period in ordered]
        rows.append(
            ComparisonRow(
                region=series.region,
                totals=[point.total if point else None for point in found],
                per_thousand=[point.per_thousand if point else None for point in found],
            )
        )
    return Comparison(indicator=indicator, periods=ordered, rows=rows, sources=sources)


def regions_with_published_figures() -> QuerySet[Region]:
    """The regions whose dashboard shows something, for the overview; one query."""
    return Region.objects.filter(observations__indicator__published=True).distinct().order_by("path")


def regions_with_figures(indicator: Indicator) -> QuerySet[Region]:
    """The regions that have values of this indicator, for the comparison's choice; one query."""
    return Region.objects.filter(observations__indicator=indicator).distinct().order_by("path")


@dataclass(frozen=True)
class IndicatorFigures:
    """An indicator with what it has: the regions and periods with values, and its latest period."""

    indicator: Indicator
    region_count: int
    period_count: int
    last_period: str  # the label of the latest period; "" without values


def _with_figures(queryset: QuerySet[Indicator]) -> list[IndicatorFigures]:
    latest = Observation.objects.filter(indicator=OuterRef("pk")).order_by("-period_start", "period_kind")
    rows = queryset.select_related("owner_region").annotate(
        region_count=Count("observations__region", distinct=True),
        # A period is a start day and a kind; two kinds rarely start on the same day in one indicator.
        period_count=Count("observations__period_start", distinct=True),
        last_period_start=Max("observations__period_start"),
        last_period_kind=Subquery(latest.values("period_kind")[:1]),
        last_period_label=Subquery(latest.values("period_label")[:1]),
    )
    return [
        IndicatorFigures(
            indicator=row,
            region_count=row.region_count,
            period_count=row.period_count,
            last_period=(
                row.last_period_label or period_label_default(row.last_period_start, row.last_period_kind)
            )
            if row.last_period_start is not None
            else "",
        )
        for row in rows
    ]


def indicators_managed_by(user: Any) -> list[IndicatorFigures]:
    """The indicators a user maintains (office: all), published or not, with their figures; one query."""
    scopes = scopes_of(user)
    queryset = Indicator.objects.order_by("slug")
    if not scopes.is_office:
        condition = Q(pk__in=[])
        for path in scopes.coordinated_paths:
            condition |= Q(owner_region__path__startswith=path)
        queryset = queryset.filter(condition)
    return _with_figures(queryset)


def indicator_figures(indicator: Indicator) -> IndicatorFigures:
    """One indicator's regions and periods with values, for the publication's confirmation; one query."""
    return _with_figures(Indicator.objects.filter(pk=indicator.pk))[0]


def indicator_counting_inhabitants() -> Indicator | None:
    """The one indicator whose totals are the inhabitants (the denominator of figures per 1,000)."""
    return Indicator.objects.filter(counts_inhabitants=True).first()
