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


def test_dashboard_shows_rates_and_chart_kinds(client: Any, demo: None) -> None:
    html = client.get(reverse("monitoring:dashboard", args=["14730"]) + "?chart=bar").content.decode()
    assert '<th scope="col">Per 1,000 inhabitants</th>' in html
    june = html.split('<th scope="row">Juni 2022</th>')[1].split("</tr>")[0]
    assert "<td>59.9</td>" in june  # 11865 / 198000 inhabitants * 1000
    assert _chart("14730", "auslaender-nordsachsen", "svg") + "?chart=bar" in html
    assert 'href="?chart=bar" aria-current="true"' in html
    bar = client.get(_chart("14730", "auslaender-nordsachsen", "svg") + "?chart=bar").content
    area = client.get(_chart("14730", "auslaender-nordsachsen", "svg") + "?chart=nonsense").content
    assert bar != area == client.get(_chart("14730", "auslaender-nordsachsen", "svg")).content


def test_long_shape_download(client: Any, demo: None) -> None:
    content = client.get(_chart("14730", "auslaender-nordsachsen", "csv") + "?shape=long").content
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == "indicator;region;category;period;value;source;remark"
    assert "auslaender-nordsachsen;14730;eu-buerger;Juni 2022;5046;" in "\n".join(lines)
    assert len(lines) == 1 + 39
    xlsx = client.get(_chart("14730", "auslaender-nordsachsen", "xlsx") + "?shape=long").content
    assert load_workbook(io.BytesIO(xlsx)).worksheets[0].max_row == 1 + 39


def test_comparison_page(client: Any, demo: None, django_assert_max_num_queries: Any) -> None:
    query = "?indicator=einwohner&region=14730&region=14522"
    with django_assert_max_num_queries(8):
        response = client.get(reverse("monitoring:comparison") + query)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert '<th scope="col">Mittelsachsen</th><th scope="col">Nordsachsen</th>' in html
    june = html.split('<th scope="row">Juni 2022</th>')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in june.split("<td>")[1:]] == ["299,000", "198,000"]
    assert reverse("monitoring:comparison_file", args=["svg"]) + query.replace("&", "&amp;") in html
    svg = client.get(reverse("monitoring:comparison_file", args=["svg"]) + query)
    root = ElementTree.fromstring(svg.content)  # noqa: S314 - our own output
    assert "Juni 2022: Mittelsachsen 299000; Nordsachsen 198000" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    csv = client.get(reverse("monitoring:comparison_file", args=["csv"]) + query).content.decode("utf-8-sig")
    assert csv.splitlines()[1:] == ["14522;Mittelsachsen;300000;299000", "14730;Nordsachsen;197000;198000"]
    xlsx = client.get(reverse("monitoring:comparison_file", args=["xlsx"]) + query).content
    assert load_workbook(io.BytesIO(xlsx)).worksheets[0].cell(2, 2).value == "Mittelsachsen"
    png = client.get(reverse("monitoring:comparison_file", args=["png"]) + query + "&chart=bar").content
    assert png[:4] == b"\x89PNG"


def test_comparison_per_thousand(client: Any, demo: None) -> None:
    query = "?indicator=auslaender-nordsachsen&region=14730&measure=per_thousand"
    html = client.get(reverse("monitoring:comparison") + query).content.decode()
    june = html.split('<th scope="row">Juni 2022</th>')[1].split("</tr>")[0]
    assert "<td>59.9</td>" in june
    csv = client.get(reverse("monitoring:comparison_file", args=["csv"]) + query).content.decode("utf-8-sig")
    assert csv.splitlines()[1].endswith(";47.2;59.9")


def test_comparison_refuses_bad_input(client: Any, demo: None, actors: Any) -> None:
    html = client.get(reverse("monitoring:comparison") + "?indicator=einwohner&region=99999").content.decode()
    assert 'id="id_region_error"' in html
    assert client.get(reverse("monitoring:comparison") + "?indicator=unknown").status_code == 404
    IndicatorFactory(slug="secret", published=False, owner_region=actors.nordsachsen)
    assert client.get(reverse("monitoring:comparison") + "?indicator=secret").status_code == 404
    assert (
        client.get(reverse("monitoring:comparison_file", args=["svg"]) + "?indicator=secret").status_code
        == 404
    )
    assert client.get(reverse("monitoring:comparison_file", args=["pdf"])).status_code == 404


def test_dashboard_in_german(client: Any, demo: None, settings: Any) -> None:
    settings.LANGUAGE_CODE = "de"
    html = client.get(reverse("monitoring:dashboard", args=["14730"])).content.decode()
    assert "Zahlen für Nordsachsen" in html
    assert "11.865" in html and "Je 1.000 Einwohner:innen" in html


def test_admin_lists_for_the_office(client: Any, demo: None, actors: Any, login: Any) -> None:
    actors.office.is_staff = True  # the admin's own gate; the policy decides the rest
    actors.office.save()
    login(actors.office)
    for model in ("indicator", "observation", "observationupload"):
        assert client.get(f"/admin/monitoring/{model}/").status_code == 200
    indicator = Indicator.objects.get(slug="einwohner")
    response = client.get(f"/admin/monitoring/indicator/{indicator.pk}/change/")
    assert response.status_code == 200


def test_chart_download_query_count_is_fixed(
    client: Any, demo: None, django_assert_max_num_queries: Any
) -> None:
    for file_format in ("svg", "csv"):
        with django_assert_max_num_queries(6):
            assert client.get(_chart("14730", "auslaender-nordsachsen", file_format)).status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(reverse("monitoring:comparison_file", args=["svg"]) + "?indicator=einwohner")
    assert response.status_code == 200


def test_overview_lists_regions_with_published_figures(
    client: Any, demo: None, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        html = client.get(reverse("monitoring:overview")).content.decode()
    assert html.count("<h1") == 1
    for key in ("14", "14730", "14522"):
        assert f'href="/zahlen/{key}/"' in html
    assert 'href="/zahlen/hochladen/"' not in html
    login(actors.owner)
    assert 'href="/zahlen/hochladen/"' in client.get(reverse("monitoring:overview")).content.decode()


def test_a_chart_window_names_its_last_period_and_count(client: Any, demo: None) -> None:
    """Newsletters link a chart by window, so the image stays what the issue showed."""
    url = _chart("14730", "auslaender-nordsachsen", "svg")
    desc = _svg_description(client.get(url + "?perioden=2&bis=2021-06-30"))
    assert "Mitte 2021" in desc and "Mitte 2020" in desc
    assert "Mitte 2019" not in desc and "Juni 2022" not in desc
    whole = _svg_description(client.get(url))
    assert "Mitte 2011" in whole and "Juni 2022" in whole


def _svg_description(response: Any) -> str:
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    return desc.text or ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("perioden=0", "“perioden” must be a whole number from 1 to 1000."),
        ("perioden=zwei", "“perioden” must be a whole number from 1 to 1000."),
        ("bis=Juni", "“bis” must be a date like 2022-06-01."),
    ],
)
def test_a_bad_chart_window_is_refused_with_a_message(
    client: Any, demo: None, query: str, message: str
) -> None:
    response = client.get(
        _chart("14730", "auslaender-nordsachsen", "png") + "?" + query, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.content.decode() == message


def test_a_window_before_the_first_period_is_404(client: Any, demo: None) -> None:
    assert client.get(_chart("14730", "auslaender-nordsachsen", "png") + "?bis=2000-01-01").status_code == 404


def test_published_charts_are_rendered_once_and_cacheable(
    client: Any, demo: None, django_assert_max_num_queries: Any
) -> None:
    url = _chart("14730", "auslaender-nordsachsen", "png") + "?perioden=3&bis=2022-06-01"
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "max-age=3600" in first["Cache-Control"]
    with django_assert_max_num_queries(4):  # region, indicator, fingerprint (+ session): no series read
        again = client.get(url)
    assert again.content == first.content


def test_a_changed_value_renders_the_chart_anew(client: Any, demo: None) -> None:
    url = _chart("14730", "auslaender-nordsachsen", "svg") + "?perioden=1"
    assert "11865" in _svg_description(client.get(url))
    from integrationsnetz.monitoring.models import Observation

    june = Observation.objects.filter(
        indicator__slug="auslaender-nordsachsen", region__key="14730", period_label="Juni 2022"
    ).order_by("category__position")[0]
    june.value += 1
    june.save()
    assert "11866" in _svg_description(client.get(url))


def test_unpublished_charts_are_not_cacheable(client: Any, actors: Any, login: Any) -> None:
    hidden = IndicatorFactory(slug="unpublished-figures", published=False, owner_region=actors.nordsachsen)
    ObservationFactory(indicator=hidden, region=actors.nordsachsen)
    login(actors.owner)
    response = client.get(_chart("14730", "unpublished-figures", "png"))
    assert response.status_code == 200 and "public" not in response.get("Cache-Control", "")
