"""Figures as embeddable blocks: newsletters (app ``news``), info pages and PDFs put one in their content.

A block is a chart as inline SVG (presentation attributes only, no scripts or stylesheets), or for
e-mails as the address of a hosted PNG of the same window of periods, with its data table; render it with the template ``monitoring/blocks/figures.html``. Only published figures
ever become a block.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _

from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.charts import CHART_KINDS, chart_svg_markup, series_chart_data
from integrationsnetz.monitoring.models import Indicator
from integrationsnetz.monitoring.selectors import series_for, series_window


@dataclass(frozen=True)
class FiguresBlock:
    title: str
    region_name: str
    source: str
    svg: str  # an <svg> element, safe to put inline: no scripts, no <style>, ids prefixed per block
    image_url: str  # absolute path of the same chart as PNG (for e-mails: clients rarely show inline SVG)
    columns: list[str]  # period, the categories, total
    rows: list[list[str]]  # values formatted in the active language
    url: str  # absolute path of the region's dashboard


def value_text(value: Decimal | None) -> str:
    """A value as the active language writes it ("11.865" in German, "11,865" in English)."""
    return "" if value is None else str(floatformat(value, "-2g"))


def figures_block(
    *, indicator_slug: str, region_key: str, periods: int = 8, chart: str = "line"
) -> FiguresBlock | None:
    """The last ``periods`` periods of a published indicator in a region; None without such figures."""
    if chart not in CHART_KINDS:
        raise ValueError(f"Unknown chart kind {chart!r}; one of {', '.join(CHART_KINDS)}")
    indicator = Indicator.objects.filter(slug=indicator_slug, published=True).first()
    region = Region.objects.filter(key=region_key).first()
    if indicator is None or region is None:
        return None
    series = series_for(indicator, region)
    if not series.points:
        return None
    series_window(series, periods=periods)
    data = series_chart_data(series)
    image_query = urlencode(
        {"chart": chart, "perioden": len(series.points), "bis": series.points[-1].period_start.isoformat()}
    )
    return FiguresBlock(
        title=data.title,
        region_name=region.name,
        source=data.source,
        svg=chart_svg_markup(data, kind=chart, id_prefix=f"figures-{indicator.slug}-{region.key}-{chart}-"),
        image_url=f"{reverse('monitoring:chart', args=[region.key, indicator.slug, 'png'])}?{image_query}",
        columns=[_("Period"), *(category.name for category in series.categories), _("Total")],
        rows=[
            [point.label, *(value_text(value) for value in point.category_values), value_text(point.total)]
            for point in series.points
        ],
        url=reverse("monitoring:dashboard", args=[region.key]),
    )
