"""Embeddable blocks for newsletters, info pages and PDFs."""

from __future__ import annotations

import io
from typing import Any
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader
from weasyprint import HTML

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.monitoring.blocks import FiguresBlock, figures_block
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.models import Indicator


@pytest.fixture
def demo(db: Any) -> None:
    core_demo_load()
    load_demo()


def test_block_of_the_last_periods(demo: None, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(5):
        block = figures_block(indicator_slug="auslaender-nordsachsen", region_key="14730", periods=3)
    assert isinstance(block, FiguresBlock)
    assert block.title == "Foreign residents of the district – Nordsachsen"
    assert block.region_name == "Nordsachsen"
    assert block.source == "Landratsamt Nordsachsen, Newsletter Integration (Juni 2022)"
    assert block.columns == [
        "Period",
        "In an asylum procedure or tolerated",
        "Holding a residence title",
        "EU citizens",
        "Total",
    ]
    assert block.rows == [
        ["Mitte 2021", "1,240", "3,092", "4,557", "8,889"],
        ["Februar 2022", "1,339", "3,320", "4,685", "9,344"],
        ["Juni 2022", "1,322", "5,497", "5,046", "11,865"],
    ]
    assert block.url == "/zahlen/14730/"
    root = ElementTree.fromstring(block.svg)  # noqa: S314 - our own output
    assert "Juni 2022" in "".join(root.itertext()) and "Mitte 2019" not in "".join(root.itertext())
    assert "<script" not in block.svg and "style=" not in block.svg


def test_block_in_german(demo: None) -> None:
    with translation.override("de"):
        block = figures_block(indicator_slug="auslaender-nordsachsen", region_key="14730", chart="bar")
    assert block is not None
    assert block.rows[-1] == ["Juni 2022", "1.322", "5.497", "5.046", "11.865"]
    assert block.columns[0] == "Zeitraum" and block.columns[-1] == "Gesamt"
    assert len(block.rows) == 8


def test_no_block_without_published_figures(demo: None) -> None:
    assert figures_block(indicator_slug="auslaender-nordsachsen", region_key="14522") is None
    assert figures_block(indicator_slug="unknown", region_key="14730") is None
    assert figures_block(indicator_slug="auslaender-nordsachsen", region_key="00000") is None
    Indicator.objects.filter(slug="auslaender-nordsachsen").update(published=False)
    assert figures_block(indicator_slug="auslaender-nordsachsen", region_key="14730") is None
    with pytest.raises(ValueError, match="Unknown chart kind"):
        figures_block(indicator_slug="einwohner", region_key="14730", chart="pie")


def test_the_same_chart_renders_in_a_pdf(demo: None) -> None:
    block = figures_block(indicator_slug="auslaender-nordsachsen", region_key="14730", periods=4)
    html = render_to_string(
        "monitoring/blocks/figures.html", {"figures": block, "base_url": "https://example.org"}
    )
    assert 'href="https://example.org/zahlen/14730/"' in html
    pdf = HTML(string=f"<html><body>{html}</body></html>").write_pdf()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # From the chart (only the chart writes the unit and the source line) and from the table.
    assert "Personen" in text
    assert "Source: Landratsamt Nordsachsen" in text
    assert "11,865" in text and "Juni 2022" in text
