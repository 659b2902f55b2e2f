"""/api/v1/monitoring: published figures only, filters, pages, fixed query counts, CSV exports."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.demo import load_demo
from integrationsnetz.monitoring.importing import observations_import
from integrationsnetz.monitoring.models import Indicator, Observation
from integrationsnetz.monitoring.tests.factories import IndicatorFactory, ObservationFactory

API = "/api/v1/monitoring"


@pytest.fixture
def demo(db: Any) -> None:
    core_demo_load()
    load_demo()
    state = Region.objects.get(key="14")
    hidden = IndicatorFactory(slug="hidden", published=False, owner_region=state)
    ObservationFactory(indicator=hidden, region=state)


def test_indicators_are_published_only(client: Any, demo: None, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):
        body = client.get(f"{API}/indicators").json()
    slugs = [item["slug"] for item in body["items"]]
    assert slugs == [
        "auslaender-nordsachsen",
        "einwohner",
        "kaib-anzahl",
        "nims-mitglieder",
        "nims-teilnehmende",
    ]
    foreigners = body["items"][0]
    assert foreigners["owner_region"] == "14730"
    assert [c["slug"] for c in foreigners["categories"]] == ["asyl-duldung", "aufenthaltstitel", "eu-buerger"]
    assert client.get(f"{API}/indicators/auslaender-nordsachsen").json()["unit"] == "Personen"
    assert client.get(f"{API}/indicators/hidden").status_code == 404
    page = client.get(f"{API}/indicators?page=2&page_size=2").json()
    assert ([i["slug"] for i in page["items"]], page["pages"]) == (["kaib-anzahl", "nims-mitglieder"], 3)


def test_observations_with_filters_and_pages(
    client: Any, demo: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(2):
        body = client.get(f"{API}/observations?page_size=100").json()
    assert body["total"] == 39 + 6 + 4  # the table, the network figures, the inhabitants
    assert "hidden" not in {item["indicator"] for item in body["items"]}
    june = client.get(
        f"{API}/observations?indicator=auslaender-nordsachsen&region=14730&category=eu-buerger"
        "&period_from=2022-06-01&period_to=2022-06-30"
    ).json()
    assert [(i["period_label"], i["value"], i["category"]) for i in june["items"]] == [
        ("Juni 2022", 5046.0, "eu-buerger")
    ]
    assert client.get(f"{API}/observations?region=14").json()["total"] == 6
    assert client.get(f"{API}/observations?region=14&subregions=true").json()["total"] == 49
    totals = client.get(f"{API}/observations?indicator=kaib-anzahl&category=total").json()
    assert [i["value"] for i in totals["items"]] == [19.0]
    second = client.get(f"{API}/observations?indicator=auslaender-nordsachsen&page=2&page_size=10").json()
    assert (len(second["items"]), second["page"], second["pages"]) == (10, 2, 4)
    assert client.get(f"{API}/observations?period_from=kein-datum").status_code == 422
    assert client.get(f"{API}/observations?indicator=hidden").json()["total"] == 0


def test_series_with_derived_figures(client: Any, demo: None, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(5):
        body = client.get(f"{API}/series?indicator=auslaender-nordsachsen&region=14730").json()
    june = body["points"][-1]
    assert june["label"] == "Juni 2022"
    assert june["values"] == {"asyl-duldung": 1322.0, "aufenthaltstitel": 5497.0, "eu-buerger": 5046.0}
    assert june["total"] == 11865.0
    assert june["shares"]["eu-buerger"] == 42.5
    assert june["change_previous"] == {"absolute": 2521.0, "percent": 27.0, "against": "Februar 2022"}
    assert june["change_year"]["against"] == "Mitte 2021"
    assert june["per_thousand"] == 59.9
    assert client.get(f"{API}/series?indicator=hidden&region=14").status_code == 404
    assert client.get(f"{API}/series?indicator=auslaender-nordsachsen&region=00000").status_code == 404
    assert client.get(f"{API}/series?indicator=auslaender-nordsachsen").status_code == 422


def test_csv_exports_read_back_by_the_importer(client: Any, demo: None) -> None:
    wide = client.get(f"{API}/series.csv?indicator=auslaender-nordsachsen&region=14730")
    assert wide["Content-Type"].startswith("text/csv")
    assert wide.content.decode("utf-8-sig").splitlines()[0].endswith("Februar 2022;Juni 2022")
    long = client.get(f"{API}/observations.csv?indicator=auslaender-nordsachsen")
    assert (
        long.content.decode("utf-8-sig").splitlines()[0]
        == "indicator;region;category;period;value;source;remark"
    )
    assert "hidden" not in client.get(f"{API}/observations.csv").content.decode("utf-8-sig")
    before = sorted(
        Observation.objects.filter(indicator__slug="auslaender-nordsachsen").values_list(
            "category__slug", "period_start", "value"
        )
    )
    Observation.objects.filter(indicator__slug="auslaender-nordsachsen").delete()
    indicator = Indicator.objects.get(slug="auslaender-nordsachsen")
    plan = observations_import("o.csv", long.content, shape="long")
    assert plan.errors == []
    after = sorted(
        Observation.objects.filter(indicator=indicator).values_list("category__slug", "period_start", "value")
    )
    assert after == before
    assert client.get(f"{API}/series.csv?indicator=hidden&region=14").status_code == 404
