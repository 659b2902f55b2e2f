"""The public dashboard and the chart downloads."""

from __future__ import annotations

import io
from typing import Any
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.models import Indicator
from integrationsnetz.monitoring.tests.factories import IndicatorFactory, ObservationFactory

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def demo(db: Any) -> None:
    core_demo_load()
    load_demo()


def _chart(key: str, slug: str, file_format: str) -> str:
    return reverse("monitoring:chart", args=[key, slug, file_format])


def test_dashboard_has_a_chart_and_a_table_per_indicator(
    client: Any, demo: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        response = client.get(reverse("monitoring:dashboard", args=["14730"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<caption id="table-auslaender-nordsachsen">' in html and '<th scope="row">Juni 2022</th>' in html
    assert "11865" in html.replace(",", "").replace(".", "")
    # The June 2022 row carries each category's value under its column, then the total.
    june = html.split('<th scope="row">Juni 2022</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in june.split("<td>")[1:]]
    assert [cell.replace(",", "").replace(".", "") for cell in cells[:4]] == ["1322", "5497", "5046", "11865"]
    assert _chart("14730", "auslaender-nordsachsen", "svg") in html
    for file_format in ("csv", "xlsx", "png"):
        assert _chart("14730", "auslaender-nordsachsen", file_format) in html


def test_state_dashboard_query_count_does_not_grow(
    client: Any, demo: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        response = client.get(reverse("monitoring:dashboard", args=["14"]))
    html = response.content.decode()
    assert (
        html.count("<table>") == html.count("<caption") == 3
    )  # NIMS members, meeting participants, commissioners


def test_svg_is_valid_xml_and_carries_the_values(client: Any, demo: None) -> None:
    response = client.get(_chart("14730", "auslaender-nordsachsen", "svg"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and "Nordsachsen" in (title.text or "")
    assert desc is not None
    assert (
        "Juni 2022: In an asylum procedure or tolerated 1322; Holding a residence title 5497; EU citizens 5046; total 11865"
        in (desc.text or "")
    )
    assert "Mitte 2011" in (desc.text or "")


def test_png_csv_and_xlsx_downloads(client: Any, demo: None) -> None:
    png = client.get(_chart("14730", "auslaender-nordsachsen", "png"))
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    csv = client.get(_chart("14730", "auslaender-nordsachsen", "csv")).content.decode("utf-8-sig")
    assert "Juni 2022" in csv and "5497" in csv
    xlsx = client.get(_chart("14730", "auslaender-nordsachsen", "xlsx")).content
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert sheet.cell(1, 14).value == "Juni 2022"


def test_unpublished_indicators_are_hidden_from_the_public(client: Any, actors: Any, login: Any) -> None:
    hidden = IndicatorFactory(slug="unpublished-figures", published=False, owner_region=actors.nordsachsen)
    ObservationFactory(indicator=hidden, region=actors.nordsachsen)
    page = client.get(reverse("monitoring:dashboard", args=["14730"]))
    assert page.status_code == 200
    assert "unpublished-figures" not in page.content.decode()
    assert hidden.name_de not in page.content.decode()
    for file_format in ("svg", "png", "csv", "xlsx"):
        assert client.get(_chart("14730", "unpublished-figures", file_format)).status_code == 404
    login(actors.outsider)
    assert client.get(_chart("14730", "unpublished-figures", "svg")).status_code == 404
    login(actors.owner)
    assert client.get(_chart("14730", "unpublished-figures", "svg")).status_code == 200
    assert Indicator.objects.get(slug="unpublished-figures").published is False


def test_unknown_region_format_or_empty_series_is_404(client: Any, demo: None) -> None:
    assert client.get(reverse("monitoring:dashboard", args=["00000"])).status_code == 404
    assert client.get(_chart("14730", "auslaender-nordsachsen", "pdf")).status_code == 404
    assert client.get(_chart("14522", "auslaender-nordsachsen", "svg")).status_code == 404


def test_pages_are_read_only(client: Any, demo: None) -> None:
    assert client.post(reverse("monitoring:dashboard", args=["14730"])).status_code == 405
