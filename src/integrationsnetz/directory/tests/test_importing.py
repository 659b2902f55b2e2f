"""Organisation import: every problem listed with row and column; applied whole or not at all."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from integrationsnetz.accounts.models import AuditLogEntry, Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.core.tests.factories import FieldOfActionFactory, LanguageFactory
from integrationsnetz.directory import importing
from integrationsnetz.directory.models import ExternalIdentifier, ImportBatch, Organisation

pytestmark = pytest.mark.django_db

HEADER = "name,kind,region,email,latitude,longitude,fields_of_action,languages\n"


def _csv(rows, header=HEADER):
    return (header + "".join(rows)).encode()


def _problems(data, user, name="import.csv"):
    table = importing.organisation_table_read(name, data)
    if table.errors:
        return [(e.row, e.column) for e in table.errors]
    return [(e.row, e.column) for e in importing.organisation_rows_check(table.rows, user=user).errors]


def test_german_headers_semicolons_and_decimal_commas(actors):
    FieldOfActionFactory(slug="sprache")
    LanguageFactory(code="ar")
    data = (
        "Name;Art;AGS;E-Mail;Breitengrad;Längengrad;Handlungsfelder;Sprachen;gemeinnützig;external_id:xzufi\n"
        "Sprachpaten Eilenburg;Verein;14730110;info@example.org;51,4596;12,6337;sprache;AR;ja;L1\n"
    ).encode("utf-8-sig")
    table = importing.organisation_table_read("daten.csv", data)
    assert table.errors == []
    result = importing.organisations_import(table.rows, actor=actors.office)
    assert result == {"created": 1, "updated": 0}
    organisation = Organisation.objects.get(name="Sprachpaten Eilenburg")
    assert str(organisation.latitude) == "51.459600"
    assert organisation.kind == "association"
    assert organisation.confirmed_at is not None
    assert [f.slug for f in organisation.fields_of_action.all()] == ["sprache"]
    assert organisation.external_identifiers.get().scheme == "xzufi"
    assert AuditLogEntry.objects.filter(object_id=str(organisation.pk), action="create").exists()


def test_every_row_problem_is_listed_with_row_and_column(actors):
    data = _csv(
        [
            "Gut e. V.,association,14730,a@example.org,,,,\n",
            "Ohne Region,association,99999,,,,,\n",
            "Falsche Art,kirche,14730,,,,,\n",
            "Falsche Mail,association,14730,kein-mail,,,,\n",
            "Gut e. V.,association,14730,,,,,\n",
            "Koordinaten,association,14730,,95.1,12.3,,\n",
            "Nur Breite,association,14730,,51.1,,,\n",
            "Unbekanntes Feld,association,14730,,,,gibtsnicht,xx\n",
            ",association,14730,,,,,\n",
        ]
    )
    assert _problems(data, actors.office) == [
        (3, "region"),
        (4, "kind"),
        (5, "email"),
        (6, "name"),
        (7, "latitude"),
        (8, "longitude"),
        (9, "fields_of_action"),
        (9, "languages"),
        (10, "name"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("leer.csv", b"", "empty"),
        ("nur-kopf.csv", HEADER.encode(), "no rows"),
        ("latin1.csv", "name,kind,region\nBürger,association,14730\n".encode("latin-1"), "UTF-8"),
        ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"),
        ("kaputt.xlsx", b"PK\x03\x04garbage", "not a readable spreadsheet"),
        ("falsch.csv", b"foo|bar|baz\n1|2|3\n", "No known column headers"),
        ("fehlt.csv", b"name,kind\nA,association\n", "missing"),
        ("gross.csv", b"name,kind,region\n" + b"x" * (6 * 1024 * 1024), "too large"),
    ],
)
def test_broken_files_get_a_clear_message(actors, name, data, expected):
    table = importing.organisation_table_read(name, data)
    assert table.errors and expected in table.errors[0].message


def test_99_good_rows_and_one_bad_row_save_nothing(actors):
    rows = [f"Verein Nummer {number},association,14730110,,,,,\n" for number in range(99)]
    rows.insert(57, "Kaputt,association,00000,,,,,\n")
    table = importing.organisation_table_read("viele.csv", _csv(rows))
    before = Organisation.objects.count()
    with pytest.raises(ImportFailed) as failure:
        importing.organisations_import(table.rows, actor=actors.office)
    assert [(e.row, e.column) for e in failure.value.errors] == [(59, "region")]
    assert Organisation.objects.count() == before
    assert not AuditLogEntry.objects.exists()


def test_xlsx_upload_and_update_by_slug_and_external_id(actors):
    ExternalIdentifier.objects.create(
        organisation=actors.other_organisation, scheme="xzufi", identifier="X-9"
    )
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.append(["slug", "name", "kind", "region", "external_id:xzufi", "description"])
    sheet.append([actors.organisation.slug, "Neuer Name", "initiative", "14730110", None, "Neu"])
    sheet.append([None, "Helferkreis Freiberg", "association", "14522", "X-9", None])
    sheet.append([None, "Ganz neu", "company", 14730, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = importing.organisation_table_read("liste.xlsx", buffer.getvalue())
    assert table.errors == []
    result = importing.organisations_import(table.rows, actor=actors.office)
    assert result == {"created": 1, "updated": 2}
    actors.organisation.refresh_from_db()
    assert (actors.organisation.name, actors.organisation.kind) == ("Neuer Name", "initiative")
    actors.other_organisation.refresh_from_db()
    assert actors.other_organisation.name == "Helferkreis Freiberg"
    assert Organisation.objects.get(name="Ganz neu").region == actors.nordsachsen


def test_coordinator_imports_only_into_their_regions(actors):
    data = _csv(["In Eilenburg,association,14730110,,,,,\n", "In Freiberg,association,14522,,,,,\n"])
    assert _problems(data, actors.owner) == [(3, "region")]
    update = f"slug,name,kind,region\n{actors.other_organisation.slug},Umbenannt,association,14730\n".encode()
    assert (2, "slug") in _problems(update, actors.owner)


def test_batch_is_applied_by_its_owner_once(actors, as_batch_owner):
    client, batch = as_batch_owner
    url = reverse("directory:import_batch", args=[batch.pk])
    page = client.get(url).content.decode()
    assert "Nothing is saved yet" in page
    assert client.post(url).status_code == 302
    assert Organisation.objects.filter(name="Aus der Datei").count() == 1
    assert client.post(url).status_code == 302  # a second click applies nothing
    assert Organisation.objects.filter(name="Aus der Datei").count() == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED


@pytest.fixture
def as_batch_owner(actors, client, login):
    client = login(actors.office)
    upload = io.BytesIO(b"name,kind,region\nAus der Datei,association,14730\n")
    upload.name = "liste.csv"
    response = client.post(reverse("directory:import_upload"), {"file": upload})
    assert response.status_code == 302
    return client, ImportBatch.objects.get()


@pytest.mark.parametrize("who", ["outsider", "other_editor", "editor", "anonymous"])
def test_import_pages_refuse_others_and_change_nothing(actors, login, client, who):
    batch = importing.import_batch_create(
        owner=actors.office, file_name="x.csv", data=b"name,kind,region\nGeheim,association,14730\n"
    )
    client.logout()
    if who == "other_editor":
        user = UserFactory(email="other-editor@example.org")
        MembershipFactory(user=user, role=Role.ORGANISATION_EDITOR, organisation=actors.other_organisation)
        login(user)
    elif who != "anonymous":
        login(getattr(actors, who))
    upload = io.BytesIO(b"name,kind,region\nAnders,association,14522\n")
    upload.name = "liste.csv"
    count = ImportBatch.objects.count()
    for response in (
        client.post(reverse("directory:import_batch", args=[batch.pk])),
        client.get(reverse("directory:import_batch", args=[batch.pk])),
    ):
        if who == "anonymous":
            assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
        else:
            assert response.status_code == 404
    response = client.post(reverse("directory:import_upload"), {"file": upload})
    if who == "outsider":
        # A coordinator may import (into their own regions) but never apply someone else's batch.
        assert response.status_code == 302
        count += 1
    elif who == "anonymous":
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    else:
        assert response.status_code == 404
    assert ImportBatch.objects.count() == count
    assert not Organisation.objects.filter(name__in=["Geheim", "Anders"]).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING


def test_dry_run_page_lists_problems(actors, client, login):
    login(actors.office)
    upload = io.BytesIO(b"name,kind,region\nA,association,14730\nB,falsch,14730\n")
    upload.name = "liste.csv"
    response = client.post(reverse("directory:import_upload"), {"file": upload}, follow=True)
    html = response.content.decode()
    assert "1 problem" in html and "falsch" in html
    assert "Apply the import" not in html


def test_management_command(actors, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(b"name,kind,region\nPer Befehl,association,14730\n")
    out = io.StringIO()
    call_command("import_organisations", str(path), "--dry-run", stdout=out)
    assert "1 new" in out.getvalue()
    assert not Organisation.objects.filter(name="Per Befehl").exists()
    call_command("import_organisations", str(path), stdout=out)
    assert Organisation.objects.filter(name="Per Befehl").exists()
    path.write_bytes(b"name,kind,region\nKaputt,association,0\n")
    with pytest.raises(CommandError, match="row 2, column region"):
        call_command("import_organisations", str(path), stdout=out)
