"""The importer: both shapes, every problem with its line, nothing stored on error, round trips."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from integrationsnetz.monitoring.importing import export_csv, export_rows, export_xlsx, observations_import
from integrationsnetz.monitoring.models import Observation, ObservationRevision, PeriodKind
from integrationsnetz.monitoring.periods import number_format, number_parse, period_parse
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory

WIDE = (
    "Gruppe;Mitte 2011;Februar 2022;Juni 2022\n"
    "asyl;292;1339;1322\n"
    "Aufenthaltstitel;1449;3320;5.497\n"
    "EU;857;4685;5046\n"
)


@pytest.fixture
def indicator(actors: Any) -> Any:
    indicator = IndicatorFactory(slug="auslaender", owner_region=actors.nordsachsen)
    CategoryFactory(indicator=indicator, slug="asyl", name_de="Asylverfahren oder Duldung", position=1)
    CategoryFactory(indicator=indicator, slug="titel", name_de="Aufenthaltstitel", position=2)
    CategoryFactory(indicator=indicator, slug="eu", name_de="EU-Bürger", name_en="EU", position=3)
    return indicator


def _snapshot() -> list[tuple[Any, ...]]:
    return list(
        Observation.objects.order_by("pk").values_list("region_id", "category_id", "period_start", "value")
    )


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Mitte 2011", (date(2011, 6, 30), PeriodKind.DATE)),
        ("Februar 2022", (date(2022, 2, 1), PeriodKind.MONTH)),
        ("Juni 2022", (date(2022, 6, 1), PeriodKind.MONTH)),
        ("2021", (date(2021, 1, 1), PeriodKind.YEAR)),
        ("1. Halbjahr 2021", (date(2021, 1, 1), PeriodKind.HALF_YEAR)),
        ("2. Halbjahr 2021", (date(2021, 7, 1), PeriodKind.HALF_YEAR)),
        ("2021-06-30", (date(2021, 6, 30), PeriodKind.DATE)),
        ("06/2022", (date(2022, 6, 1), PeriodKind.MONTH)),
        ("Sommer 2022", None),
        ("13/2022", None),
    ],
)
def test_period_labels(label: str, expected: Any) -> None:
    assert period_parse(label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11.865", Decimal("11865")),
        ("1.234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("1,5", Decimal("1.5")),
        ("1.234.567", Decimal("1234567")),
        ("12a", None),
        ("1,2,3", None),
        ("", None),
    ],
)
def test_numbers_in_german_formats(text: str, expected: Any) -> None:
    assert number_parse(text) == expected


def test_wide_import_stores_every_value(actors: Any, indicator: Any) -> None:
    plan = observations_import(
        "table.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen
    )
    assert plan.errors == []
    assert plan.result is not None and plan.result.created == 9
    june = Observation.objects.get(category__slug="titel", period_start=date(2022, 6, 1))
    assert june.value == Decimal("5497")
    assert june.period_label == "Juni 2022"
    assert june.period_kind == PeriodKind.MONTH


def test_dry_run_stores_nothing(actors: Any, indicator: Any) -> None:
    plan = observations_import(
        "table.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen, dry_run=True
    )
    assert plan.errors == [] and len(plan.values) == 9 and plan.result is None
    assert not Observation.objects.exists()


def test_wide_import_reports_every_problem_and_stores_nothing(actors: Any, indicator: Any) -> None:
    observations_import(
        "table.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen
    )
    before = _snapshot()
    bad = "Gruppe;Mitte 2011;Sommer 2012;Juni 2022;06/2022\nasyl;1;2;3;4\nUnbekannt;1;2;3;4\nEU;x;2;9;4\n"
    plan = observations_import(
        "bad.csv", bad.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen
    )
    problems = {(error.row, error.column) for error in plan.errors}
    assert (1, "3") in problems  # "Sommer 2012" is no period
    assert (1, "5") in problems  # 06/2022 is Juni 2022 again
    assert (3, "1") in problems  # unknown category
    assert (4, "2") in problems  # "x" is no number
    assert len(plan.errors) == 4
    assert plan.result is None
    assert _snapshot() == before


def test_long_import_reports_unknown_region_with_line(actors: Any, indicator: Any) -> None:
    data = (
        "indicator,region,category,period,value,source,remark\n"
        "auslaender,14730,asyl,Juni 2022,1322,LRA,\n"
        "auslaender,99999,asyl,Juni 2022,1,LRA,\n"
        "auslaender,14730,asyl,06/2022,1,LRA,\n"
        'auslaender,14730,eu,Juni 2022,"1.234,5",LRA,vorläufig\n'
    )
    plan = observations_import("long.csv", data.encode(), shape="long")
    assert [(error.row, error.column) for error in plan.errors] == [(3, "region"), (4, "period")]
    assert not Observation.objects.exists()
    plan = observations_import(
        "long.csv", "\n".join(data.splitlines()[:2] + data.splitlines()[4:]).encode(), shape="long"
    )
    assert plan.errors == []
    eu = Observation.objects.get(category__slug="eu")
    assert eu.value == Decimal("1234.5") and eu.remark == "vorläufig" and eu.source == "LRA"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), ("Gruppe;2021\nasyl;1\n".encode("latin-1").replace(b"Gruppe", b"Gr\xfcppe"), "UTF-8")],
)
def test_unreadable_files_are_refused(actors: Any, indicator: Any, data: bytes, message: str) -> None:
    plan = observations_import("x.csv", data, shape="wide", indicator=indicator, region=actors.nordsachsen)
    assert len(plan.errors) == 1 and message in plan.errors[0].message
    assert not Observation.objects.exists()


def test_changed_value_keeps_a_revision(actors: Any, indicator: Any) -> None:
    observations_import("t.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen)
    changed = WIDE.replace("5.497", "5.500")
    plan = observations_import(
        "t.csv",
        changed.encode(),
        shape="wide",
        indicator=indicator,
        region=actors.nordsachsen,
        user=actors.owner,
    )
    assert plan.result is not None and (plan.result.updated, plan.result.unchanged) == (1, 8)
    revision = ObservationRevision.objects.get()
    assert revision.previous_value == Decimal("5497")
    assert revision.changed_by == actors.owner
    assert revision.observation.value == Decimal("5500")


def test_users_may_only_import_into_their_regions(actors: Any, indicator: Any) -> None:
    for user in (actors.outsider, actors.editor):
        plan = observations_import(
            "t.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen, user=user
        )
        assert plan.errors and plan.result is None
    assert not Observation.objects.exists()
    for user in (actors.owner, actors.office):
        plan = observations_import(
            "t.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen, user=user
        )
        assert plan.errors == []
    long = "indicator,region,category,period,value\nauslaender,14522,eu,2021,3\n"
    plan = observations_import("l.csv", long.encode(), shape="long", user=actors.owner)
    assert [(error.row, error.column) for error in plan.errors] == [(2, "region")]


@pytest.mark.parametrize("shape", ["wide", "long"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_data(
    actors: Any, indicator: Any, shape: str, file_format: str
) -> None:
    observations_import("t.csv", WIDE.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen)
    total = "Gruppe;Mitte 2011;2021;1. Halbjahr 2021\ninsgesamt;2598;1,5;7\n"
    observations_import("t.csv", total.encode(), shape="wide", indicator=indicator, region=actors.nordsachsen)

    def data() -> list[tuple[Any, ...]]:
        return sorted(
            Observation.objects.values_list(
                "indicator__slug",
                "region__key",
                "category__slug",
                "period_start",
                "period_kind",
                "period_label",
                "value",
            ),
            key=str,
        )

    before = data()
    rows = export_rows(Observation.objects.select_related("indicator", "region", "category"), shape=shape)
    content = export_csv(rows) if file_format == "csv" else export_xlsx(rows)
    Observation.objects.all().delete()
    plan = observations_import(
        f"export.{file_format}", content, shape=shape, indicator=indicator, region=actors.nordsachsen
    )
    assert plan.errors == []
    assert data() == before
    assert len(before) == 12


def test_command_imports_and_reports(actors: Any, indicator: Any, tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(WIDE, encoding="utf-8")
    out = StringIO()
    call_command(
        "import_observations",
        str(path),
        "--indicator",
        "auslaender",
        "--region",
        "14730",
        "--dry-run",
        stdout=out,
    )
    assert "9 values" in out.getvalue()
    assert not Observation.objects.exists()
    call_command(
        "import_observations", str(path), "--indicator", "auslaender", "--region", "14730", stdout=out
    )
    assert Observation.objects.count() == 9
    path.write_text(WIDE.replace("292", "zwei"), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_observations", str(path), "--indicator", "auslaender", "--region", "14730", stderr=err
        )
    assert "line 2, column 2" in err.getvalue()
    assert Observation.objects.get(period_start=date(2011, 6, 30), category__slug="asyl").value == 292


@given(st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False, allow_infinity=False))
def test_numbers_read_back_as_written(value: Decimal) -> None:
    assert number_parse(number_format(value)) == value


@given(st.integers(min_value=0, max_value=10**9))
def test_german_thousands_read_as_such(value: int) -> None:
    assert number_parse(f"{value:,}".replace(",", ".")) == value
