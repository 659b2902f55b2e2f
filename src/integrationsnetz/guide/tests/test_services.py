"""Writes: audit log, translation status, editions and their PDF, form uploads, personal data."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.accounts.personal_data import export_all
from integrationsnetz.guide import selectors, services
from integrationsnetz.guide.models import Edition, FormFile, Responsibility, Translation, Translator
from integrationsnetz.guide.tests.conftest import Guide
from integrationsnetz.guide.tests.factories import FormFactory

pytestmark = pytest.mark.django_db


def test_every_change_is_audit_logged(guide: Guide, actors: Any) -> None:
    services.responsibility_save(
        actor=actors.owner,
        responsibility=guide.district_entry,
        matter=guide.permit,
        region=actors.nordsachsen,
        organisation=guide.office,
        role=Responsibility.Role.ADVISES,
    )
    entry = AuditLogEntry.objects.filter(object_type="guide.responsibility").first()
    assert entry is not None and entry.actor == actors.owner
    assert entry.changes["role"] == ["responsible", "advises"]
    assert list(entry.regions.all()) == [actors.nordsachsen]
    services.responsibility_delete(actor=actors.owner, responsibility=guide.district_entry)
    assert AuditLogEntry.objects.filter(object_type="guide.responsibility", action="delete").exists()


def test_unchanged_save_writes_no_audit_entry(guide: Guide) -> None:
    before = AuditLogEntry.objects.count()
    services.matter_save(
        actor=None,
        slug=guide.course.slug,
        name=guide.course.name,
        field_of_action=guide.course.field_of_action,
    )
    assert AuditLogEntry.objects.count() == before


def test_entry_rejects_a_contact_of_another_organisation(guide: Guide, actors: Any) -> None:
    with pytest.raises(ValidationError):
        services.responsibility_save(
            actor=None,
            matter=guide.permit,
            region=actors.nordsachsen,
            organisation=guide.bamf,
            contact=guide.contact,
        )


def test_translation_becomes_outdated_when_the_german_source_changes(guide: Guide) -> None:
    row = services.translation_save(
        actor=None, obj=guide.permit, field="name", language="ar", text="تصريح العمل"
    )
    assert row.status_for(guide.permit.name) == Translation.Status.CURRENT
    texts = selectors.translations_for("matter", [guide.permit.pk], "ar")
    assert (
        selectors.translation_status(guide.permit, texts) == Translation.Status.MISSING
    )  # description missing
    changed = services.matter_save(
        actor=None,
        slug=guide.permit.slug,
        name="Arbeitserlaubnis und Beschäftigungserlaubnis",
        field_of_action=guide.permit.field_of_action,
        description=guide.permit.description,
        what_to_bring=guide.permit.what_to_bring,
    )
    row.refresh_from_db()
    assert row.status_for(changed.name) == Translation.Status.OUTDATED
    shown = selectors.shown_text(changed.name, row, "ar")
    assert shown.text == "تصريح العمل" and shown.status == Translation.Status.OUTDATED and not shown.fallback
    services.translation_save(
        actor=None, obj=changed, field="name", language="ar", text="تصريح العمل والتوظيف"
    )
    row.refresh_from_db()
    assert row.status_for(changed.name) == Translation.Status.CURRENT


def test_german_is_not_translated(guide: Guide) -> None:
    with pytest.raises(ValidationError):
        services.translation_save(actor=None, obj=guide.permit, field="name", language="de", text="x")


def test_edition_is_frozen_and_its_pdf_has_every_matter_and_contact(
    guide: Guide, actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        edition = services.edition_publish(region=actors.nordsachsen, actor=actors.owner)
    edition.refresh_from_db()
    assert edition.number == 1 and edition.pdf_status == Edition.PdfStatus.READY
    with edition.pdf.open("rb") as handle:
        data = handle.read()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    matters = [matter["name"] for section in edition.data["sections"] for matter in section["matters"]]
    assert sorted(matters) == ["Arbeitserlaubnis", "Integrationskurs"]
    for matter in matters:
        assert matter in flat
    for contact in edition.data["contacts"]:
        assert contact["organisation"] in flat
        for person in contact["people"]:
            assert person in flat
    assert "Sachgebietsleitung" in flat
    # Later changes do not touch the frozen edition; a retried PDF task does nothing.
    services.responsibility_delete(actor=None, responsibility=guide.district_entry)
    edition.refresh_from_db()
    assert any(line["organisation"] == guide.office.name for line in edition.data["lines"])
    assert services.edition_pdf_make(edition_id=edition.pk) is False


def test_edition_numbers_count_up_and_compare(guide: Guide, actors: Any) -> None:
    first = services.edition_publish(region=actors.nordsachsen, actor=None)
    services.responsibility_save(
        actor=None, matter=guide.course, region=actors.nordsachsen, organisation=guide.office
    )
    second = services.edition_publish(region=actors.nordsachsen, actor=None)
    assert second.number == 2
    changes = selectors.edition_compare(first, second)
    kinds = {(change.matter, change.before is None, change.after is None) for change in changes}
    assert ("Integrationskurs", True, False) in kinds  # the district's new entry
    assert ("Integrationskurs", False, True) in kinds  # replaces the state-wide one
    assert selectors.edition_compare(second, second) == []


def pdf_upload(name: str = "antrag.pdf", content: bytes = b"%PDF-1.4\n%%EOF\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_form_upload_checks_type_and_size(guide: Guide, actors: Any, settings: Any) -> None:
    form: Any = FormFactory(region=actors.nordsachsen)
    result = services.form_file_upload(actor=actors.owner, form=form, language="ar", upload=pdf_upload())
    with result.file.file.open("rb") as handle:
        assert not result.replaced and handle.read().startswith(b"%PDF-")
    assert services.form_file_upload(
        actor=actors.owner, form=form, language="ar", upload=pdf_upload()
    ).replaced
    with pytest.raises(ValidationError, match="not a PDF"):
        services.form_file_upload(
            actor=actors.owner, form=form, language="en", upload=pdf_upload(content=b"MZ\x90\x00 not a pdf")
        )
    with pytest.raises(ValidationError, match="Only PDF"):
        services.form_file_upload(actor=actors.owner, form=form, language="en", upload=pdf_upload("x.exe"))
    with pytest.raises(ValidationError, match="larger"):
        big = b"%PDF-" + b"0" * (services.FORM_MAX_BYTES + 1)
        services.form_file_upload(
            actor=actors.owner, form=form, language="en", upload=pdf_upload(content=big)
        )
    assert FormFile.objects.filter(form=form).count() == 1


def test_personal_data_export_and_erasure(guide: Guide, actors: Any) -> None:
    services.translator_grant(actor=actors.office, user=actors.editor, language="ar")
    services.translation_save(
        actor=actors.editor, obj=guide.permit, field="name", language="ar", text="تصريح العمل"
    )
    exported = export_all(actors.editor)["guide"]
    assert exported["translator_languages"] == ["ar"]
    assert len(exported["translations"]) == 1
    from integrationsnetz.guide.personal_data import erase_guide

    erase_guide(actors.editor)
    assert not Translator.objects.filter(user=actors.editor).exists()
