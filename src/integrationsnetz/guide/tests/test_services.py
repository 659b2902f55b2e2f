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


# --- The office's writes: matters, languages, translators -------------------------------------------


def test_retiring_a_matter_takes_it_out_of_the_finder_and_new_entries(guide: Guide, actors: Any) -> None:
    from integrationsnetz.guide.forms import ResponsibilityForm

    services.matter_retire(actor=actors.office, matter=guide.course)
    assert guide.course not in [matter for matter, _name in selectors.finder_matters("de")]
    new_entry = ResponsibilityForm(region=actors.nordsachsen)
    assert guide.course not in new_entry.fields["matter"].queryset  # type: ignore[attr-defined]
    # The state-wide entry keeps its matter, and its edit form still offers it.
    existing = ResponsibilityForm(region=actors.state, current=guide.state_entry)
    assert guide.course in existing.fields["matter"].queryset  # type: ignore[attr-defined]
    entry = AuditLogEntry.objects.filter(object_type="guide.matter", action="update").get()
    assert entry.actor == actors.office and entry.changes["retired"] == ["False", "True"]
    services.matter_retire(actor=actors.office, matter=guide.course, retired=False)
    assert guide.course in [matter for matter, _name in selectors.finder_matters("de")]


def test_a_matter_in_use_is_not_deleted(guide: Guide, actors: Any) -> None:
    FormFactory(region=actors.nordsachsen, matters=[guide.permit])
    before = AuditLogEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.matter_delete(actor=actors.office, matter=guide.permit)
    assert "2 entries and 1 forms" in refused.value.messages[0]
    assert Responsibility.objects.filter(matter=guide.permit).count() == 2
    assert AuditLogEntry.objects.count() == before


def test_an_unused_matter_is_deleted_with_its_translations(guide: Guide, actors: Any) -> None:
    from integrationsnetz.guide.models import Matter

    unused = services.matter_save(
        actor=None,
        slug="wohnsitzauflage",
        name="Wohnsitzauflage",
        field_of_action=guide.permit.field_of_action,
    )
    services.translation_save(actor=None, obj=unused, field="name", language="ar", text="قيد الإقامة")
    services.matter_delete(actor=actors.office, matter=unused)
    assert not Matter.objects.filter(slug="wohnsitzauflage").exists()
    assert not Translation.objects.filter(kind="matter", object_id=unused.pk).exists()
    entry = AuditLogEntry.objects.get(object_type="guide.matter", action="delete")
    assert entry.actor == actors.office and entry.changes["name"] == ["Wohnsitzauflage", ""]


def test_adding_a_language_of_the_networks_list(guide: Guide, actors: Any) -> None:
    from integrationsnetz.core.tests.factories import LanguageFactory

    LanguageFactory(code="ps", name_de="Paschtu", name_en="Pashto", native_name="پښتو", direction="rtl")
    row = services.guide_language_add(actor=actors.office, code=" PS ")
    assert row.language.code == "ps" and row.active
    assert selectors.guide_language("ps") is not None and selectors.guide_language("ps").is_rtl  # type: ignore[union-attr]
    audit = AuditLogEntry.objects.get(object_type="guide.guidelanguage")
    assert audit.actor == actors.office and audit.changes == {"language": ["", "ps"]}


def test_a_language_only_django_knows_joins_the_networks_list(guide: Guide, actors: Any) -> None:
    from integrationsnetz.core.models import Language

    services.guide_language_add(actor=actors.office, code="ur")
    urdu = Language.objects.get(code="ur")
    assert urdu.direction == "rtl"  # Django knows Urdu is written right to left
    assert urdu.name_de == "Urdu" and urdu.native_name == "اردو"
    services.guide_language_add(actor=actors.office, code="ka", direction="ltr")
    assert Language.objects.get(code="ka").name_de == "Georgisch"


@pytest.mark.parametrize(
    ("code", "direction", "field"),
    [
        ("xx", "", "code"),  # not a language
        ("zh-hans", "", "code"),  # does not fit the guide's addresses
        ("ar", "", "code"),  # built in
        ("ps", "ltr", "direction"),  # the network's list says right to left
        ("ps", "up", "direction"),
    ],
)
def test_a_wrong_language_is_refused_and_nothing_written(
    guide: Guide, actors: Any, code: str, direction: str, field: str
) -> None:
    from integrationsnetz.core.models import Language
    from integrationsnetz.core.tests.factories import LanguageFactory
    from integrationsnetz.guide.models import GuideLanguage

    LanguageFactory(code="ps", name_de="Paschtu", name_en="Pashto", native_name="پښتو", direction="rtl")
    languages, audit = Language.objects.count(), AuditLogEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.guide_language_add(actor=actors.office, code=code, direction=direction)
    assert field in refused.value.message_dict
    assert not GuideLanguage.objects.exists()
    assert Language.objects.count() == languages and AuditLogEntry.objects.count() == audit


def test_deactivating_and_offering_a_language_again(guide: Guide, actors: Any, client: Any) -> None:
    row = services.guide_language_add(actor=actors.office, code="ur")
    assert client.get("/wegweiser/ur/").status_code == 200
    services.guide_language_deactivate(actor=actors.office, guide_language=row)
    assert selectors.guide_language("ur") is None
    assert "ur" not in {language.code for language in selectors.guide_languages()}
    assert client.get("/wegweiser/ur/").status_code == 404
    with pytest.raises(ValidationError):
        services.guide_language_add(actor=actors.office, code="ar")
    again = services.guide_language_add(actor=actors.office, code="ur")
    assert again.pk == row.pk and again.active
    with pytest.raises(ValidationError) as twice:
        services.guide_language_add(actor=actors.office, code="ur")
    assert "code" in twice.value.message_dict
    changes = [
        entry.changes.get("active")
        for entry in AuditLogEntry.objects.filter(
            object_type="guide.guidelanguage", action="update"
        ).order_by("pk")
    ]
    assert changes == [["True", "False"], ["False", "True"]]


def test_granting_and_revoking_the_translator_role(guide: Guide, actors: Any) -> None:
    for language in ("de", "xx"):
        with pytest.raises(ValidationError) as refused:
            services.translator_grant(actor=actors.office, user=actors.editor, language=language)
        assert "language" in refused.value.message_dict
    assert not Translator.objects.exists()
    translator = services.translator_grant(actor=actors.office, user=actors.editor, language="fa")
    assert services.translator_grant(actor=actors.office, user=actors.editor, language="fa") == translator
    assert AuditLogEntry.objects.filter(object_type="guide.translator", action="create").count() == 1
    services.translator_revoke(actor=actors.office, translator=translator)
    assert not Translator.objects.exists()
    revoked = AuditLogEntry.objects.get(object_type="guide.translator", action="delete")
    assert revoked.changes == {"user": [actors.editor.email, ""], "language": ["fa", ""]}
