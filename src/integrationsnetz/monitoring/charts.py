"""Charts of figures, drawn on the server with matplotlib (Agg, ``Figure`` directly: pyplot keeps
global state and is not thread-safe).

Every SVG carries its values in ``<title>``/``<desc>`` so that screen readers and tests can read them
(pages show a data table beside every chart as well). Styles are written as presentation attributes,
with no ``<style>`` element and no scripts, so the same markup can be put inline into a page under a
strict Content-Security-Policy, into an e-mail or into a PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from integrationsnetz.monitoring.periods import number_format
from integrationsnetz.monitoring.selectors import Comparison, Series

CHART_KINDS = ("line", "area", "bar")
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Text stays text (readable in PDFs, by screen readers and search); ids do not depend on the process.
SVG_PARAMS: Any = {"svg.fonttype": "none", "svg.hashsalt": "integrationsnetz"}
# More period labels than this on the x axis overlap; then only every n-th is written.
MAX_X_LABELS = 16
# Markers show single values on short series; on long ones they hide the line and cost most of the
# drawing time (each is an element of its own).
MAX_MARKED_POINTS = 40


@dataclass(frozen=True)
class ChartData:
    """What a chart shows, independent of where the figures come from (one region or a comparison)."""

    title: str
    unit: str
    source: str
    labels: list[str]
    starts: list[date]
    lines: list[tuple[str, list[Decimal | None]]]
    total: list[Decimal | None] | None
    description: str


def _describe(
    labels: list[str], lines: list[tuple[str, list[Decimal | None]]], total: list[Decimal | None] | None
) -> str:
    """The values as text: "Juni 2022: EU citizens 5046, …; total 11865"."""
    parts = []
    for index, label in enumerate(labels):
        values = []
        for name, line in lines:
            value = line[index]
            if value is not None:
                values.append(f"{name} {number_format(value)}")
        overall = total[index] if total is not None else None
        if overall is not None:
            values.append(_("total %(value)s") % {"value": number_format(overall)})
        parts.append(f"{label}: " + "; ".join(values))
    return ". ".join(parts)


def chart_title(series: Series) -> str:
    return _("%(indicator)s – %(region)s") % {
        "indicator": series.indicator.name,
        "region": series.region.name,
    }


def series_chart_data(series: Series) -> ChartData:
    labels = [point.label for point in series.points]
    lines = [
        (category.name, [point.values.get(category.pk) for point in series.points])
        for category in series.categories
    ]
    # With no categories the total is the only line; with categories it is drawn on top of them.
    total = [point.total for point in series.points]
    return ChartData(
        title=chart_title(series),
        unit=series.indicator.unit,
        source="; ".join(series.sources) or series.indicator.source,
        labels=labels,
        starts=[point.period_start for point in series.points],
        lines=lines,
        total=total,
        description=_describe(labels, lines, total),
    )


def comparison_chart_data(comparison: Comparison, *, per_thousand: bool = False) -> ChartData:
    labels = [period.label for period in comparison.periods]
    lines = [(row.region.name, row.per_thousand if per_thousand else row.totals) for row in comparison.rows]
    title = _("%(indicator)s: comparison of regions") % {"indicator": comparison.indicator.name}
    return ChartData(
        title=title,
        unit=_("per 1,000 inhabitants") if per_thousand else comparison.indicator.unit,
        source="; ".join(comparison.sources) or comparison.indicator.source,
        labels=labels,
        starts=[period.start for period in comparison.periods],
        lines=lines,
        total=None,
        description=_describe(labels, lines, None),
    )


def _floats(values: list[Decimal | None]) -> list[float]:
    return [float(v) if v is not None else float("nan") for v in values]


def chart_figure(data: ChartData, *, kind: str = "line") -> Figure:
    if kind not in CHART_KINDS:
        raise ValueError(f"Unknown chart kind {kind!r}")
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    # Bars stand at equal distances; lines and areas on the time axis, so that gaps show as gaps.
    x = list(range(len(data.labels))) if kind == "bar" else [date2num(start) for start in data.starts]
    complete = [(name, values) for name, values in data.lines if all(v is not None for v in values)]
    if kind == "area" and complete and len(x) > 1:
        axes.stackplot(
            x, [_floats(values) for _, values in complete], labels=[name for name, _ in complete], alpha=0.85
        )
    elif kind == "bar" and data.lines:
        bottom = [0.0] * len(x)
        stacked = data.total is not None
        width = 0.8 if stacked else 0.8 / len(data.lines)
        for number, (name, values) in enumerate(data.lines):
            heights = [float(v) if v is not None else 0.0 for v in values]
            if stacked:
                axes.bar(x, heights, width, bottom=bottom, label=name)
                bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
            else:
                offset = (number - (len(data.lines) - 1) / 2) * width
                axes.bar([xi + offset for xi in x], heights, width, label=name)
    elif kind == "line":
        marker = "o" if len(x) <= MAX_MARKED_POINTS else None
        for name, values in data.lines:
            axes.plot(x, _floats(values), marker=marker, markersize=3, linewidth=1.2, label=name)
    if data.total is not None and any(v is not None for v in data.total):
        points = [(xi, float(v)) for xi, v in zip(x, data.total, strict=True) if v is not None]
        axes.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color="black",
            marker="o" if len(points) <= MAX_MARKED_POINTS else None,
            linewidth=1.5,
            label=_("Total"),
        )
    axes.set_title(data.title)
    axes.set_xlabel(_("Period"))
    axes.set_ylabel(data.unit or _("Value"))
    step = max(1, -(-len(x) // MAX_X_LABELS))
    axes.set_xticks(x[::step], data.labels[::step], rotation=45, ha="right", fontsize=8)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="upper left", fontsize=8)
    if data.source:
        figure.text(0.01, 0.01, _("Source: %(source)s") % {"source": data.source}, fontsize=7)
    figure.subplots_adjust(bottom=0.28)
    return figure


def _presentation_attributes(root: ElementTree.Element, id_prefix: str) -> None:
    """Move ``style`` declarations into attributes, drop ``<style>`` and metadata, prefix every id."""
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}style", f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}script"):
                parent.remove(child)
    # The removed stylesheet said this for every element; the root passes it down by inheritance.
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    href = f"{{{XLINK_NS}}}href"
    for element in root.iter():
        style = element.attrib.pop("style", "")
        for declaration in style.split(";"):
            name, _sep, value = declaration.partition(":")
            if name.strip() and value.strip():
                element.set(name.strip(), value.strip())
        if id_prefix:
            if "id" in element.attrib:
                element.set("id", id_prefix + element.attrib["id"])
            for attribute in ("clip-path", "mask", "filter"):
                if element.get(attribute, "").startswith("url(#"):
                    element.set(
                        attribute, element.get(attribute, "").replace("url(#", f"url(#{id_prefix}", 1)
                    )
            for attribute in (href, "href"):
                if element.get(attribute, "").startswith("#"):
                    element.set(attribute, "#" + id_prefix + element.get(attribute, "")[1:])


def chart_svg_markup(data: ChartData, *, kind: str = "line", id_prefix: str = "") -> str:
    """The chart as an ``<svg>`` element (no XML declaration): for files and for inline use.

    ``id_prefix`` keeps the ids of several charts on one page (or in one e-mail) apart.
    """
    figure = chart_figure(data, kind=kind)
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_PARAMS):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    root = ElementTree.fromstring(buffer.getvalue())  # noqa: S314 - matplotlib's own output
    _presentation_attributes(root, id_prefix)
    title = ElementTree.Element(f"{{{SVG_NS}}}title", {"id": f"{id_prefix}chart-title"})
    title.text = data.title
    desc = ElementTree.Element(f"{{{SVG_NS}}}desc", {"id": f"{id_prefix}chart-desc"})
    desc.text = data.description
    # Title and description go first inside the root element, as SVG requires for accessible names.
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{id_prefix}chart-title {id_prefix}chart-desc")
    # The prefixes live in ElementTree's process-wide registry, which others change too (WeasyPrint
    # registers "" for no namespace when imported): set them right before writing, or the markup
    # would come out as <ns0:svg>, which no browser shows inline.
    ElementTree.register_namespace("", SVG_NS)
    ElementTree.register_namespace("xlink", XLINK_NS)
    return ElementTree.tostring(root, encoding="unicode")


def chart_svg(data: ChartData, *, kind: str = "line") -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + chart_svg_markup(data, kind=kind)).encode("utf-8")


def chart_png(data: ChartData, *, kind: str = "line") -> bytes:
    figure = chart_figure(data, kind=kind)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
