"""The upload page: dry run with every problem by line, then apply whole or nothing, scoped by policy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.monitoring.models import Observation, ObservationRevision, ObservationUpload
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory

WIDE = "Gruppe;Mitte 2011;Juni 2022\nasyl;292;1322\neu;857;5046\n"
UPLOAD = "/zahlen/hochladen/"


@pytest.fixture
def indicator(actors: Any) -> Any:
    indicator = IndicatorFactory(slug="auslaender", owner_region=actors.nordsachsen)
    CategoryFactory(indicator=indicator, slug="asyl", position=1)
    CategoryFactory(indicator=indicator, slug="eu", position=2)
    return indicator


def _post(client: Any, content: str, **fields: str) -> Any:
    data: dict[str, Any] = {
        "shape": "wide",
        "indicator": "auslaender",
        "region": "14730",
        "source": "Amt",
        **fields,
    }
    data["file"] = SimpleUploadedFile("zahlen.csv", content.encode(), content_type="text/csv")
    return client.post(UPLOAD, data)


def _values() -> list[tuple[Any, ...]]:
    return list(
        Observation.objects.order_by("pk").values_list(
            "region__key", "category__slug", "period_start", "value"
        )
    )


def test_only_coordinators_and_the_office_reach_the_page(client: Any, actors: Any, login: Any) -> None:
    assert client.get(UPLOAD).status_code == 302  # to the login
    login(actors.editor)
    assert client.get(UPLOAD).status_code == 404
    for user in (actors.owner, actors.office):
        login(user)
        page = client.get(UPLOAD)
        assert page.status_code == 200 and page.content.decode().count("<h1") == 1


def test_dry_run_then_apply_whole(client: Any, actors: Any, login: Any, indicator: Any) -> None:
    login(actors.owner)
    response = _post(client, WIDE)
    upload = ObservationUpload.objects.get()
    assert response.url == reverse("monitoring:upload_detail", args=[upload.pk])
    page = client.get(response.url).content.decode()
    assert "All 4 values are fine: 4 new, 0 changed and 0 unchanged. Nothing is saved yet." in page
    assert not Observation.objects.exists()
    client.post(response.url)
    upload.refresh_from_db()
    assert upload.status == ObservationUpload.Status.APPLIED
    assert _values() == [
        ("14730", "asyl", date(2011, 6, 30), Decimal("292")),
        ("14730", "asyl", date(2022, 6, 1), Decimal("1322")),
        ("14730", "eu", date(2011, 6, 30), Decimal("857")),
        ("14730", "eu", date(2022, 6, 1), Decimal("5046")),
    ]
    assert set(Observation.objects.values_list("source", flat=True)) == {"Amt"}
    entry = AuditLogEntry.objects.get(
        action=AuditLogEntry.Action.IMPORT, object_type="monitoring.observationupload"
    )
    assert entry.actor == actors.owner and entry.changes["result"][1]["created"] == 4
    assert list(entry.regions.values_list("key", flat=True)) == ["14730"]
    # Applying again changes nothing.
    page = client.post(response.url, follow=True).content.decode()
    assert "This upload was applied already." in page
    assert Observation.objects.count() == 4


def test_every_problem_with_its_line_and_nothing_stored(
    client: Any, actors: Any, login: Any, indicator: Any
) -> None:
    login(actors.owner)
    broken = "Gruppe;Mitte 2011;Mitte 2011;Sommer\nasyl;zwei;1;2\nunbekannt;1;2;3\n"
    page = client.get(_post(client, broken).url).content.decode()
    assert "The check found 4 problems. Nothing was saved" in page
    for text in (
        "“Sommer” is not a period",
        "appears twice",
        "“zwei” is not a number.",
        "Unknown category “unbekannt”",
    ):
        assert text in page
    problems = ObservationUpload.objects.get().errors
    assert [(problem["row"], problem["column"]) for problem in problems] == [
        (1, "3"),
        (1, "4"),
        (2, "2"),
        (3, "1"),
    ]
    assert "Apply the upload" not in page
    assert not Observation.objects.exists()


def test_changed_values_keep_the_earlier_one(client: Any, actors: Any, login: Any, indicator: Any) -> None:
    login(actors.owner)
    client.post(_post(client, WIDE).url)
    client.post(_post(client, WIDE.replace("5046", "5050")).url)
    assert ObservationRevision.objects.get().previous_value == Decimal("5046")
    assert Observation.objects.get(category__slug="eu", period_start=date(2022, 6, 1)).value == Decimal(
        "5050"
    )


def test_coordinators_upload_only_for_their_regions(
    client: Any, actors: Any, login: Any, indicator: Any
) -> None:
    login(actors.owner)
    # Another district is not among the choices of the form.
    page = _post(client, WIDE, region="14522").content.decode()
    assert 'id="id_region_error"' in page and 'aria-invalid="true"' in page
    # In the long shape each row is checked: the whole file is refused.
    long = "indicator;region;category;period;value\nauslaender;14730;eu;2021;1\nauslaender;14522;eu;2021;2\n"
    page = client.get(_post(client, long, shape="long", indicator="", region="").url).content.decode()
    assert "You may not change figures of the region “Mittelsachsen”." in page
    assert not Observation.objects.exists()
    # The office uploads for the whole state.
    login(actors.office)
    client.post(_post(client, long, shape="long", indicator="", region="").url)
    assert Observation.objects.count() == 2


def test_outsiders_cannot_see_or_apply_an_upload(
    client: Any, actors: Any, login: Any, indicator: Any
) -> None:
    login(actors.owner)
    detail = _post(client, WIDE).url
    for user in (actors.outsider, actors.office):
        login(user)
        assert client.get(detail).status_code == 404
        assert client.post(detail).status_code == 404
    assert ObservationUpload.objects.get().status == ObservationUpload.Status.PENDING
    assert not Observation.objects.exists()


def test_apply_checks_again(client: Any, actors: Any, login: Any, indicator: Any) -> None:
    login(actors.owner)
    detail = _post(client, WIDE).url
    indicator.categories.filter(slug="eu").delete()  # the figures changed since the check
    page = client.post(detail, follow=True).content.decode()
    assert "Nothing was saved: the figures changed since the check." in page
    assert "Unknown category “eu”" in page
    assert not Observation.objects.exists()


def test_wide_shape_needs_indicator_and_region(client: Any, actors: Any, login: Any, indicator: Any) -> None:
    login(actors.owner)
    page = _post(client, WIDE, indicator="", region="").content.decode()
    assert page.count("The wide shape needs this: the file does not say it.") == 2
    assert not ObservationUpload.objects.exists()


@pytest.mark.parametrize("shape", ["wide", "long"])
def test_a_dashboard_download_uploads_back_unchanged(
    client: Any, actors: Any, login: Any, indicator: Any, shape: str
) -> None:
    login(actors.owner)
    client.post(_post(client, WIDE).url)
    before = _values()
    xlsx = client.get(f"/zahlen/14730/auslaender.xlsx?shape={shape}").content
    Observation.objects.all().delete()
    data: dict[str, Any] = {"shape": shape, "indicator": "auslaender", "region": "14730", "source": "Amt"}
    data["file"] = SimpleUploadedFile("export.xlsx", xlsx)
    detail = client.post(UPLOAD, data).url
    assert "values are fine" in client.get(detail).content.decode()
    client.post(detail)
    assert sorted(_values(), key=str) == sorted(before, key=str)
