"""XLSX of the matrix (one sheet per region) and XLIFF/CSV of translations: dry run, all or nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.guide import exchange, services
from integrationsnetz.guide.models import Responsibility, Translation
from integrationsnetz.guide.tests.conftest import Guide

pytestmark = pytest.mark.django_db


def workbook_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_export_has_one_sheet_per_region_and_reimports_unchanged(guide: Guide, actors: Any) -> None:
    data = exchange.matrix_export_xlsx([actors.nordsachsen, actors.eilenburg])
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["14730", "14730110"]
    rows = list(workbook["14730"].iter_rows(values_only=True))
    assert rows[0][:5] == ("id", "matter", "matter_name", "target_groups", "organisation")
    assert rows[1][1] == "arbeitserlaubnis" and rows[1][3] == "anerkannte-gefluechtete, asylsuchende"
    plan = exchange.matrix_plan(data, user=actors.owner)
    assert plan.errors == [] and plan.creates == 0 and plan.updates == 2 and plan.deletions == []


def test_import_creates_updates_deletes_in_one_go(guide: Guide, actors: Any) -> None:
    header = list(exchange.MATRIX_COLUMNS)
    data = workbook_bytes(
        {
            "14730": [
                header,
                [
                    guide.district_entry.pk,
                    "arbeitserlaubnis",
                    "",
                    "asylsuchende",
                    "abh-nordsachsen",
                    "",
                    "",
                    "",
                    "berät",
                    "",
                    "",
                    "2021-01-01",
                    "",
                ],
                [
                    "",
                    "integrationskurs",
                    "",
                    "",
                    "bamf",
                    "",
                    "",
                    "",
                    "responsible",
                    "nur Demo",
                    "§ 44 AufenthG",
                    "",
                    "31.12.2030",
                ],
            ]
        }
    )
    exchange.matrix_apply(data, user=actors.owner)
    guide.district_entry.refresh_from_db()
    assert guide.district_entry.role == "advises"
    assert [group.slug for group in guide.district_entry.target_groups.all()] == ["asylsuchende"]
    added = Responsibility.objects.get(region=actors.nordsachsen, matter=guide.course)
    assert added.valid_until and added.valid_until.year == 2030
    assert Responsibility.objects.filter(region=actors.eilenburg).count() == 1  # no sheet: untouched


def test_a_bad_row_saves_nothing(guide: Guide, actors: Any) -> None:
    header = list(exchange.MATRIX_COLUMNS)
    data = workbook_bytes(
        {
            "14730": [
                header,
                ["", "integrationskurs", "", "", "bamf", "", "", "", "responsible", "", "", "", ""],
                ["", "unbekannt", "", "niemand", "nirgends", "", "", "", "chef", "", "", "gestern", ""],
            ]
        }
    )
    plan = exchange.matrix_plan(data, user=actors.owner)
    columns = {error.column for error in plan.errors}
    assert {
        "14730: matter",
        "14730: organisation",
        "14730: role",
        "14730: target_groups",
        "14730: valid_from",
    } <= columns
    assert all(error.row == 3 for error in plan.errors)
    with pytest.raises(ImportFailed):
        exchange.matrix_apply(data, user=actors.owner)
    assert Responsibility.objects.filter(region=actors.nordsachsen).count() == 1


def test_outsider_cannot_import_into_another_region(guide: Guide, actors: Any) -> None:
    data = exchange.matrix_export_xlsx([actors.nordsachsen])
    plan = exchange.matrix_plan(data, user=actors.outsider)
    assert plan.errors and "may not edit" in plan.errors[0].message
    assert exchange.matrix_plan(b"not a workbook", user=actors.owner).errors


def test_import_page_dry_run_then_apply(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    login(actors.owner)
    url = reverse("guide:matrix_import")
    data = workbook_bytes({"14730": [list(exchange.MATRIX_COLUMNS)]})  # empty sheet: deletes the entry
    response = client.post(url, {"file": SimpleUploadedFile("m.xlsx", data)})
    assert response.status_code == 200 and b"1 deleted" in response.content
    assert Responsibility.objects.filter(region=actors.nordsachsen).exists()  # dry run: nothing yet
    token = response.context["token"]
    assert client.post(url, {"token": token}).status_code == 302
    assert not Responsibility.objects.filter(region=actors.nordsachsen).exists()


def test_outsider_gets_404_on_the_import_page_of_a_foreign_region(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    login(actors.editor)  # no coordinator role at all
    assert client.get(reverse("guide:matrix_import")).status_code == 404


def test_xliff_round_trip_with_status(guide: Guide, actors: Any) -> None:
    services.translator_grant(actor=actors.office, user=actors.editor, language="ar")
    exported = exchange.translations_export_xliff("ar").decode()
    assert 'target-language="ar"' in exported and 'state="needs-translation"' in exported
    filled = exported.replace(
        '<source>Arbeitserlaubnis</source><target state="needs-translation" />',
        '<source>Arbeitserlaubnis</source><target state="translated">تصريح العمل</target>',
    ).replace(
        '<source>Integrationskurs</source><target state="needs-translation" />',
        '<source>Integrationskurs (alt)</source><target state="translated">دورة الاندماج</target>',
    )
    plan = exchange.translations_plan("ar.xlf", filled.encode(), language="ar", user=actors.editor)
    assert plan.errors == [] and len(plan.items) == 2
    exchange.translations_apply("ar.xlf", filled.encode(), language="ar", user=actors.editor)
    rows = {row.text: row for row in Translation.objects.filter(language="ar")}
    assert rows["تصريح العمل"].status_for(guide.permit.name) == Translation.Status.CURRENT
    assert rows["دورة الاندماج"].status_for(guide.course.name) == Translation.Status.OUTDATED
    again = exchange.translations_export_xliff("ar").decode()
    assert 'state="needs-review-translation">دورة الاندماج' in again


def test_translation_import_refuses_bad_files_whole(guide: Guide, actors: Any) -> None:
    csv_text = f"id,source,target\nmatter:{guide.permit.pk}:name,Arbeitserlaubnis,Çalışma izni\nmatter:999999:name,x,y\n"
    plan = exchange.translations_plan("tr.csv", csv_text.encode(), language="tr", user=actors.office)
    assert len(plan.errors) == 1 and plan.errors[0].column == "3"
    with pytest.raises(ImportFailed):
        exchange.translations_apply("tr.csv", csv_text.encode(), language="tr", user=actors.office)
    assert not Translation.objects.exists()
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaa">]><x>&a;</x>'
    assert exchange.translations_plan("a.xlf", evil, language="tr", user=actors.office).errors
    wrong = exchange.translations_export_xliff("fa")
    assert (
        "not “tr”"
        in exchange.translations_plan("a.xlf", wrong, language="tr", user=actors.office).errors[0].message
    )


def test_only_translators_of_the_language_may_import(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    services.translator_grant(actor=actors.office, user=actors.editor, language="ar")
    login(actors.editor)
    assert client.get(reverse("guide:translations", kwargs={"lang": "ar"})).status_code == 200
    assert client.get(reverse("guide:translations", kwargs={"lang": "fa"})).status_code == 404
    url = reverse("guide:translations_import", kwargs={"lang": "fa"})
    upload = SimpleUploadedFile("fa.xlf", exchange.translations_export_xliff("fa"))
    assert client.post(url, {"file": upload}).status_code == 404
    edit = reverse(
        "guide:translation_edit",
        kwargs={"lang": "fa", "kind": "matter", "object_id": guide.permit.pk, "field": "name"},
    )
    assert client.post(edit, {"text": "x"}).status_code == 404
    assert not Translation.objects.exists()
    edit_ar = reverse(
        "guide:translation_edit",
        kwargs={"lang": "ar", "kind": "matter", "object_id": guide.permit.pk, "field": "name"},
    )
    assert client.post(edit_ar, {"text": "تصريح العمل"}).status_code == 302
    assert Translation.objects.get().translated_by == actors.editor


def test_a_retired_matter_keeps_its_entries_but_takes_no_new_ones(guide: Guide, actors: Any) -> None:
    guide.district_entry.matter.retired = True
    guide.district_entry.matter.save()
    exported = exchange.matrix_export_xlsx([actors.nordsachsen])
    assert exchange.matrix_plan(exported, user=actors.owner).errors == []  # the existing entry stays
    header = list(exchange.MATRIX_COLUMNS)
    new_row = [
        "",
        guide.district_entry.matter.slug,
        "",
        "",
        "bamf",
        "",
        "",
        "",
        "responsible",
        "",
        "",
        "",
        "",
    ]
    plan = exchange.matrix_plan(workbook_bytes({"14730": [header, new_row]}), user=actors.owner)
    assert [(error.row, error.column) for error in plan.errors] == [(2, "14730: matter")]
    assert "retired" in plan.errors[0].message
