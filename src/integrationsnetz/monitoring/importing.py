"""Import and export of observations as CSV/XLSX, in the two shapes offices use.

- long: one row per value (indicator, region, category, period, value, source, remark);
- wide: the first column names the category, every further column is a period ("Mitte 2011", ...),
  like the tables printed in newsletters.

Reading checks everything first and reports every problem with its line and column (a dry run stops
there); applying stores all values in one transaction or none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from integrationsnetz.core import policy
from integrationsnetz.core.importing import RowError, read_rows, read_table
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.models import Category, Indicator, Observation
from integrationsnetz.monitoring.periods import (
    number_format,
    number_parse,
    period_label_default,
    period_parse,
)
from integrationsnetz.monitoring.selectors import Comparison
from integrationsnetz.monitoring.services import ObservationInput, ObservationSaveResult, observations_save

SHAPES = ("long", "wide")
LONG_ALIASES = {
    "indicator": "indicator",
    "indikator": "indicator",
    "region": "region",
    "region_key": "region",
    "ags": "region",
    "schlüssel": "region",
    "category": "category",
    "kategorie": "category",
    "gruppe": "category",
    "period": "period",
    "zeitraum": "period",
    "periode": "period",
    "stichtag": "period",
    "value": "value",
    "wert": "value",
    "anzahl": "value",
    "source": "source",
    "quelle": "source",
    "remark": "remark",
    "bemerkung": "remark",
    "anmerkung": "remark",
}
LONG_COLUMNS = ("indicator", "region", "category", "period", "value", "source", "remark")
# A category cell with one of these words (or empty) holds the total over all categories.
TOTAL_WORDS = {"", "gesamt", "insgesamt", "summe", "total"}


@dataclass
class ObservationPlan:
    """What a file would store, and every problem found in it."""

    values: list[ObservationInput] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    result: ObservationSaveResult | None = None


class _Lookups:
    """Categories, regions and indicators by the names a file may use, loaded once per import."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._categories: dict[int, dict[str, Category]] = {}
        self._allowed: dict[int, bool] = {}

    def categories(self, indicator: Indicator) -> dict[str, Category]:
        if indicator.pk not in self._categories:
            names: dict[str, Category] = {}
            for category in Category.objects.filter(indicator=indicator):
                for name in (category.slug, category.name_de, category.name_en):
                    if name:
                        names.setdefault(name.strip().lower(), category)
            self._categories[indicator.pk] = names
        return self._categories[indicator.pk]

    def may_write(self, region: Region) -> bool:
        """Without a user (management command, demo loader) the caller is trusted."""
        if self.user is None:
            return True
        if region.pk not in self._allowed:
            self._allowed[region.pk] = policy.can(self.user, "import_observations", region)
        return self._allowed[region.pk]


def _category(
    text: str, indicator: Indicator, lookups: _Lookups, line: int, column: str, errors: list[RowError]
) -> tuple[bool, Category | None]:
    """(found, category); a total is (True, None)."""
    name = text.strip().lower()
    if name in TOTAL_WORDS:
        return True, None
    category = lookups.categories(indicator).get(name)
    if category is None:
        errors.append(
            RowError(
                row=line,
                column=column,
                message=_("Unknown category “%(category)s” for the indicator “%(indicator)s”.")
                % {"category": text.strip(), "indicator": indicator.slug},
            )
        )
        return False, None
    return True, category


def _value(text: str, line: int, column: str, errors: list[RowError]) -> Any:
    value = number_parse(text)
    if value is None:
        errors.append(
            RowError(
                row=line,
                column=column,
                message=_("“%(value)s” is not a number.") % {"value": text.strip()},
            )
        )
    return value


def _check_duplicates(plan: ObservationPlan) -> None:
    seen: dict[tuple[Any, ...], ObservationInput] = {}
    for item in plan.values:
        earlier = seen.get(item.key)
        if earlier is not None:
            plan.errors.append(
                RowError(
                    row=item.line,
                    column=item.column,
                    message=_("The period “%(period)s” appears twice (first in line %(line)s).")
                    % {"period": item.period_label, "line": earlier.line},
                )
            )
        else:
            seen[item.key] = item


def _refuse_region(region: Region, line: int, column: str, errors: list[RowError]) -> None:
    errors.append(
        RowError(
            row=line,
            column=column,
            message=_("You may not change figures of the region “%(region)s”.") % {"region": region.name},
        )
    )


def _read_wide(
    file_name: str, data: bytes, *, indicator: Indicator, region: Region, source: str, lookups: _Lookups
) -> ObservationPlan:
    plan = ObservationPlan()
    rows, plan.errors = read_rows(file_name, data)  # headers are periods: the most cells wins
    if plan.errors:
        return plan
    header_line, headers = rows[0]
    if not lookups.may_write(region):
        _refuse_region(region, header_line, "", plan.errors)
        return plan
    periods: dict[int, tuple[date, str, str]] = {}
    seen_periods: dict[tuple[date, str], str] = {}
    for index, header in enumerate(headers[1:], start=2):
        label = header.strip()
        if not label:
            continue
        parsed = period_parse(label)
        if parsed is None:
            plan.errors.append(
                RowError(
                    row=header_line,
                    column=str(index),
                    message=_(
                        "“%(period)s” is not a period (examples: 2021, Mitte 2011, Juni 2022, 06/2022)."
                    )
                    % {"period": label},
                )
            )
            continue
        if parsed in seen_periods:
            plan.errors.append(
                RowError(
                    row=header_line,
                    column=str(index),
                    message=_("The period “%(period)s” appears twice (first as “%(first)s”).")
                    % {"period": label, "first": seen_periods[parsed]},
                )
            )
            continue
        seen_periods[parsed] = label
        periods[index] = (parsed[0], parsed[1], label)
    if len(rows) == 1:
        plan.errors.append(RowError(row=0, column="", message=_("The file has column headers but no rows.")))
    for line, cells in rows[1:]:
        found, category = _category(cells[0] if cells else "", indicator, lookups, line, "1", plan.errors)
        for index, cell in enumerate(cells[1:], start=2):
            if not cell.strip():
                continue
            if index not in periods:
                if index > len(headers) or not headers[index - 1].strip():
                    plan.errors.append(
                        RowError(row=line, column=str(index), message=_("This value has no period above it."))
                    )
                continue
            value = _value(cell, line, str(index), plan.errors)
            if value is None or not found:
                continue
            start, kind, label = periods[index]
            plan.values.append(
                ObservationInput(
                    indicator=indicator,
                    region=region,
                    category=category,
                    period_start=start,
                    period_kind=kind,
                    period_label=label,
                    value=value,
                    source=source,
                    line=line,
                    column=str(index),
                )
            )
    _check_duplicates(plan)
    return plan


def _read_long(
    file_name: str,
    data: bytes,
    *,
    indicator: Indicator | None,
    region: Region | None,
    source: str,
    lookups: _Lookups,
) -> ObservationPlan:
    plan = ObservationPlan()
    required = ["period", "value"]
    if indicator is None:
        required.append("indicator")
    if region is None:
        required.append("region")
    table = read_table(file_name, data, aliases=LONG_ALIASES, required=required)
    plan.errors = list(table.errors)
    if plan.errors:
        return plan
    region_keys = {row.get("region", "") for row in table.rows} - {""}
    regions = {r.key: r for r in Region.objects.filter(key__in=region_keys)}
    slugs = {row.get("indicator", "") for row in table.rows} - {""}
    indicators = {i.slug: i for i in Indicator.objects.filter(slug__in=slugs)}
    refused: set[int] = set()
    for row in table.rows:
        line = int(row["row"])
        row_region = region
        if key := row.get("region", ""):
            row_region = regions.get(key)
            if row_region is None:
                plan.errors.append(
                    RowError(
                        row=line, column="region", message=_("Unknown region key “%(key)s”.") % {"key": key}
                    )
                )
        elif row_region is None:
            plan.errors.append(RowError(row=line, column="region", message=_("The region is missing.")))
        row_indicator = indicator
        if slug := row.get("indicator", ""):
            row_indicator = indicators.get(slug)
            if row_indicator is None:
                plan.errors.append(
                    RowError(
                        row=line,
                        column="indicator",
                        message=_("Unknown indicator “%(indicator)s”.") % {"indicator": slug},
                    )
                )
        elif row_indicator is None:
            plan.errors.append(RowError(row=line, column="indicator", message=_("The indicator is missing.")))
        if row_region is not None and not lookups.may_write(row_region):
            if row_region.pk not in refused:
                _refuse_region(row_region, line, "region", plan.errors)
            refused.add(row_region.pk)
            row_region = None
        found, category = (False, None)
        if row_indicator is not None:
            found, category = _category(
                row.get("category", ""), row_indicator, lookups, line, "category", plan.errors
            )
        label = row.get("period", "")
        parsed = period_parse(label)
        if parsed is None:
            plan.errors.append(
                RowError(
                    row=line,
                    column="period",
                    message=_(
                        "“%(period)s” is not a period (examples: 2021, Mitte 2011, Juni 2022, 06/2022)."
                    )
                    % {"period": label},
                )
            )
        value = _value(row.get("value", ""), line, "value", plan.errors)
        if row_region is None or row_indicator is None or not found or parsed is None or value is None:
            continue
        plan.values.append(
            ObservationInput(
                indicator=row_indicator,
                region=row_region,
                category=category,
                period_start=parsed[0],
                period_kind=parsed[1],
                period_label=label.strip(),
                value=value,
                source=row.get("source", "") or source,
                remark=row.get("remark", ""),
                line=line,
                column="period",
            )
        )
    _check_duplicates(plan)
    return plan


def observations_read(
    file_name: str,
    data: bytes,
    *,
    shape: str,
    indicator: Indicator | None = None,
    region: Region | None = None,
    source: str = "",
    user: Any = None,
) -> ObservationPlan:
    """Check a file and report every problem; stores nothing (the dry run)."""
    lookups = _Lookups(user)
    if shape == "wide":
        if indicator is None or region is None:
            raise ValueError("The wide shape needs an indicator and a region.")
        plan = _read_wide(file_name, data, indicator=indicator, region=region, source=source, lookups=lookups)
    elif shape == "long":
        plan = _read_long(file_name, data, indicator=indicator, region=region, source=source, lookups=lookups)
    else:
        raise ValueError(f"Unknown shape {shape!r}")
    plan.errors.sort(key=lambda error: (error.row, error.column))
    return plan


def observations_import(
    file_name: str,
    data: bytes,
    *,
    shape: str,
    indicator: Indicator | None = None,
    region: Region | None = None,
    source: str = "",
    user: Any = None,
    dry_run: bool = False,
) -> ObservationPlan:
    """Read a file and, when it has no problem and this is no dry run, store all of it in one transaction."""
    plan = observations_read(
        file_name, data, shape=shape, indicator=indicator, region=region, source=source, user=user
    )
    if plan.errors or dry_run:
        return plan
    with transaction.atomic():
        plan.result = observations_save(values=plan.values, user=user)
    return plan


# --- Export ------------------------------------------------------------------------------------------


def _label(observation: Observation) -> str:
    return observation.period_label or period_label_default(observation.period_start, observation.period_kind)


def export_rows(observations: Iterable[Observation], *, shape: str) -> list[list[Any]]:
    """Rows (header first) of the given observations; ``select_related`` indicator, region, category."""
    observations = sorted(
        observations,
        key=lambda o: (
            o.indicator.slug,
            o.region.key,
            o.period_start,
            o.period_kind,
            o.category.position if o.category else -1,
        ),
    )
    if shape == "long":
        rows: list[list[Any]] = [list(LONG_COLUMNS)]
        for o in observations:
            rows.append(
                [
                    o.indicator.slug,
                    o.region.key,
                    o.category.slug if o.category else "",
                    _label(o),
                    number_format(o.value),
                    o.source,
                    o.remark,
                ]
            )
        return rows
    periods: dict[tuple[date, str], str] = {}
    lines: dict[tuple[int, str], dict[tuple[date, str], str]] = {}
    for o in observations:
        period = (o.period_start, o.period_kind)
        periods.setdefault(period, _label(o))
        line_key = (o.category.position if o.category else -1, o.category.slug if o.category else "")
        lines.setdefault(line_key, {})[period] = number_format(o.value)
    ordered = sorted(periods)
    rows = [[_("category"), *(periods[p] for p in ordered)]]
    for line_key in sorted(lines):
        rows.append([line_key[1] or "total", *(lines[line_key].get(p, "") for p in ordered)])
    return rows


def export_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def comparison_export_rows(comparison: Comparison, *, per_thousand: bool = False) -> list[list[Any]]:
    """A comparison as a wide table: one row per region (key and name), one column per period."""
    rows: list[list[Any]] = [[_("region"), _("name"), *(period.label for period in comparison.periods)]]
    for row in comparison.rows:
        values = row.per_thousand if per_thousand else row.totals
        rows.append(
            [row.region.key, row.region.name, *(number_format(v) if v is not None else "" for v in values)]
        )
    return rows
