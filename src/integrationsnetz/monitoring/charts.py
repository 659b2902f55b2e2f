"""Charts of a series, drawn on the server with matplotlib (Agg, ``Figure`` directly: pyplot keeps
global state and is not thread-safe). The SVG carries its values in ``<title>``/``<desc>`` so that
screen readers and tests can read them; pages show a data table beside every chart as well."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from integrationsnetz.monitoring.periods import number_format
from integrationsnetz.monitoring.selectors import Series


def chart_title(series: Series) -> str:
    return _("%(indicator)s – %(region)s") % {
        "indicator": series.indicator.name,
        "region": series.region.name,
    }


def chart_description(series: Series) -> str:
    """The values as text: "Juni 2022: EU citizens 5046, …; total 11865"."""
    parts = []
    for point in series.points:
        values = [
            f"{category.name} {number_format(point.values[category.pk])}"
            for category in series.categories
            if category.pk in point.values
        ]
        total = (
            _("total %(value)s") % {"value": number_format(point.total)} if point.total is not None else ""
        )
        parts.append(f"{point.label}: " + "; ".join([*values, total] if total else values))
    return ". ".join(parts)


def chart_figure(series: Series) -> Figure:
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    x = [date2num(point.period_start) for point in series.points]
    stacked = [
        category
        for category in series.categories
        if all(category.pk in point.values for point in series.points) and series.points
    ]
    if stacked and len(series.points) > 1:
        axes.stackplot(
            x,
            [[float(point.values[c.pk]) for point in series.points] for c in stacked],
            labels=[c.name for c in stacked],
            alpha=0.85,
        )
    totals = [(xi, float(p.total)) for xi, p in zip(x, series.points, strict=True) if p.total is not None]
    if totals:
        axes.plot(
            [t[0] for t in totals],
            [t[1] for t in totals],
            color="black",
            marker="o",
            linewidth=1.5,
            label=_("Total"),
        )
    axes.set_title(chart_title(series))
    axes.set_xlabel(_("Period"))
    axes.set_ylabel(series.indicator.unit or _("Value"))
    axes.set_xticks(x, [point.label for point in series.points], rotation=45, ha="right", fontsize=8)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    if totals or stacked:
        axes.legend(loc="upper left", fontsize=8)
    sources = "; ".join(series.sources) or series.indicator.source
    if sources:
        figure.text(0.01, 0.01, _("Source: %(source)s") % {"source": sources}, fontsize=7)
    figure.subplots_adjust(bottom=0.28)
    return figure


def chart_svg(series: Series) -> bytes:
    figure = chart_figure(series)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    accessible = (
        f'<title id="chart-title">{escape(chart_title(series))}</title>'
        f'<desc id="chart-desc">{escape(chart_description(series))}</desc>'
    )
    # Title and description go first inside the root element, as SVG requires for accessible names.
    svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m[1] + accessible, svg, count=1)
    return svg.encode("utf-8")


def chart_png(series: Series) -> bytes:
    figure = chart_figure(series)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
