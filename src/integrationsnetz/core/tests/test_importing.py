"""Region import: parents may follow children; every problem listed; all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from integrationsnetz.core.importing import ImportFailed, region_rows_check, region_table_read, regions_apply
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def _rows(text):
    table = region_table_read("regionen.csv", text.encode())
    assert table.errors == []
    return table.rows


def test_children_before_parents_are_sorted_and_saved():
    RegionFactory(key="14", name="Freistaat Sachsen", kind="state")
    rows = _rows(
        "key;name;kind;parent\n"
        "14730110;Eilenburg;town;14730\n"
        "14730;Nordsachsen;district;14\n"
        "16;Thüringen;Bundesland;\n"
    )
    regions_apply(rows)
    eilenburg = Region.objects.get(key="14730110")
    assert eilenburg.path == "/14/14730/14730110/"
    assert eilenburg.depth == 2
    assert Region.objects.get(key="16").kind == Region.Kind.STATE


def test_every_problem_is_listed_and_nothing_saved():
    RegionFactory(key="14", name="Freistaat Sachsen", kind="state")
    rows = _rows(
        "key,name,kind,parent\n"
        "14730,Nordsachsen,district,14\n"
        "14730,Doppelt,district,14\n"
        "1,Ohne Art,planet,\n"
        "2,Waise,town,99\n"
        "3,Kreis A,district,4\n"
        "4,Kreis B,district,3\n"
        "5,,town,\n"
    )
    plan = region_rows_check(rows)
    assert [(e.row, e.column) for e in plan.errors] == [
        (3, "key"),
        (4, "kind"),
        (5, "parent"),
        (6, "parent"),
        (7, "parent"),
        (8, "name"),
    ]
    with pytest.raises(ImportFailed):
        regions_apply(rows)
    assert list(Region.objects.values_list("key", flat=True)) == ["14"]


def test_a_move_below_its_own_descendant_is_a_cycle():
    state = RegionFactory(key="14", name="Sachsen", kind="state")
    RegionFactory(key="14730", name="Nordsachsen", parent=state)
    plan = region_rows_check(_rows("key,name,kind,parent\n14,Sachsen,state,14730\n"))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "parent")]


def test_command_dry_run_and_errors(tmp_path):
    path = tmp_path / "regionen.csv"
    path.write_text(
        "key,name,kind,parent\n14,Sachsen,state,\n14522,Mittelsachsen,district,14\n", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("import_regions", str(path), "--dry-run", stdout=out)
    assert "2 new" in out.getvalue()
    assert not Region.objects.exists()
    call_command("import_regions", str(path), stdout=out)
    assert Region.objects.get(key="14522").path == "/14/14522/"
    path.write_text("key,name,kind,parent\n15,Sachsen-Anhalt,state,\n16,X,town,77\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 3, column parent"):
        call_command("import_regions", str(path), stdout=out)
    assert not Region.objects.filter(key="15").exists()
