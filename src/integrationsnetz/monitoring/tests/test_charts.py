"""Charts: valid SVG with the values, three kinds, safe to put inline (no styles, no scripts)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import pytest

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.charts import (
    CHART_KINDS,
    ChartData,
    chart_png,
    chart_svg,
    chart_svg_markup,
    comparison_chart_data,
    series_chart_data,
)
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.models import Indicator
from integrationsnetz.monitoring.selectors import comparison_for, series_for

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def series(db: Any) -> Any:
    core_demo_load()
    load_demo()
    return series_for(Indicator.objects.get(slug="auslaender-nordsachsen"), Region.objects.get(key="14730"))


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_every_kind_is_valid_svg_with_the_values(series: Any, kind: str) -> None:
    content = chart_svg(series_chart_data(series), kind=kind)
    root = ElementTree.fromstring(content)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    title, desc_element = list(root)[:2]
    assert (title.tag, desc_element.tag) == (f"{SVG}title", f"{SVG}desc")
    desc = desc_element.text or ""
    assert (
        "Juni 2022: In an asylum procedure or tolerated 1322; Holding a residence title 5497; EU citizens 5046; total 11865"
        in desc
    )
    # Inline-safe: no stylesheet, no script, no style attribute (a strict CSP would block them).
    assert not root.findall(f".//{SVG}style") and not root.findall(f".//{SVG}script")
    assert not [element for element in root.iter() if "style" in element.attrib]
    # Text stays text: the axis label and the legend can be read (and found in a PDF).
    texts = {element.text for element in root.iter(f"{SVG}text")}
    assert {"Personen", "Total", "EU citizens"} <= texts


def test_the_kinds_draw_differently(series: Any) -> None:
    data = series_chart_data(series)
    assert len({chart_svg(data, kind=kind) for kind in CHART_KINDS}) == 3
    with pytest.raises(ValueError, match="Unknown chart kind"):
        chart_svg(data, kind="pie")


def test_ids_are_prefixed_for_inline_use(series: Any) -> None:
    markup = chart_svg_markup(series_chart_data(series), kind="bar", id_prefix="block-1-")
    root = ElementTree.fromstring(markup)  # noqa: S314 - our own output
    ids = [element.attrib["id"] for element in root.iter() if "id" in element.attrib]
    assert ids and all(identifier.startswith("block-1-") for identifier in ids)
    references = [value for element in root.iter() for value in element.attrib.values() if "url(#" in value]
    assert references and all("url(#block-1-" in value for value in references)
    assert not markup.startswith("<?xml")


def test_inline_markup_keeps_its_prefixes_whatever_others_registered(series: Any) -> None:
    """WeasyPrint, once imported, registers "" in ElementTree's process-wide prefix map; charts made
    afterwards must still be <svg>, not <ns0:svg> (which browsers do not draw inline)."""
    ElementTree.register_namespace("", "")
    ElementTree.register_namespace("x", "http://www.w3.org/1999/xlink")
    markup = chart_svg_markup(series_chart_data(series), kind="line")
    assert markup.startswith("<svg ") and "<ns0:" not in markup and "ns1:" not in markup


def test_png(series: Any) -> None:
    assert chart_png(series_chart_data(series), kind="bar")[:8] == b"\x89PNG\r\n\x1a\n"


def test_comparison_chart(db: Any) -> None:
    core_demo_load()
    load_demo()
    regions = list(Region.objects.filter(key__in=["14730", "14522"]).order_by("key"))
    comparison = comparison_for(Indicator.objects.get(slug="einwohner"), regions)
    data = comparison_chart_data(comparison)
    assert [name for name, _values in data.lines] == ["Mittelsachsen", "Nordsachsen"]
    assert "Juni 2022: Mittelsachsen 299000; Nordsachsen 198000" in data.description
    ElementTree.fromstring(chart_svg(data, kind="bar"))  # noqa: S314 - our own output


def test_many_periods_keep_the_axis_readable() -> None:
    starts = [date(2000, 1, 1) + timedelta(days=30 * i) for i in range(100)]
    data = ChartData(
        title="t",
        unit="u",
        source="s",
        labels=[f"P{i}" for i in range(100)],
        starts=starts,
        lines=[("a", [Decimal(i) for i in range(100)])],
        total=None,
        description="",
    )
    root = ElementTree.fromstring(chart_svg(data))  # noqa: S314 - our own output
    labels = [element.text for element in root.iter(f"{SVG}text") if (element.text or "").startswith("P")]
    assert 10 <= len(labels) <= 25 and labels[0] == "P0"
