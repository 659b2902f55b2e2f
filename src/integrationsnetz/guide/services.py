"""Every write to the guide: views, the API, imports, the admin's actions and the demo call these."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory.models import ContactPerson, Organisation, Service
from integrationsnetz.guide.models import (
    Edition,
    Form,
    FormFile,
    GuideLanguage,
    InfoPage,
    Matter,
    Responsibility,
    Translation,
    Translator,
    source_hash,
)

FORM_MAX_BYTES = 10 * 1024 * 1024
# What the forms library accepts: the type is read from the file's first bytes, not from its name.
FORM_SIGNATURES = {".pdf": b"%PDF-"}


def _record(
    *, actor: User | None, action: str, obj: Any, before: dict[str, Any], regions: Iterable[Region] = ()
) -> None:
    changes = diff(before, snapshot(obj))
    if changes or action != AuditLogEntry.Action.UPDATE:
        audit_log_record(actor=actor, action=action, obj=obj, changes=changes, regions=regions)


# --- Matters ---------------------------------------------------------------------------------------


@transaction.atomic
def matter_save(
    *,
    actor: User | None,
    slug: str,
    name: str,
    field_of_action: FieldOfAction,
    description: str = "",
    what_to_bring: str = "",
    leika_key: str = "",
    position: int = 0,
) -> Matter:
    """Create or change a matter by its slug."""
    matter = Matter.objects.select_for_update().filter(slug=slug).first()
    before = snapshot(matter) if matter is not None else {}
    action = AuditLogEntry.Action.UPDATE if matter is not None else AuditLogEntry.Action.CREATE
    matter = matter or Matter(slug=slug)
    matter.name = name
    matter.description = description
    matter.what_to_bring = what_to_bring
    matter.leika_key = leika_key
    matter.field_of_action = field_of_action
    matter.position = position
    matter.full_clean()
    matter.save()
    _record(actor=actor, action=action, obj=matter, before=before)
    return matter


@transaction.atomic
def matter_retire(*, actor: User | None, matter: Matter, retired: bool = True) -> Matter:
    """Take a matter out of the finder and the choice for new entries (or offer it again)."""
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    before = snapshot(locked)
    locked.retired = retired
    locked.save(update_fields=["retired"])
    _record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=locked, before=before)
    return locked


@dataclass(frozen=True)
class MatterUse:
    entries: int
    forms: int

    @property
    def in_use(self) -> bool:
        return bool(self.entries or self.forms)


def matter_use(matter: Matter) -> MatterUse:
    """What still names the matter: entries of any region and forms of the library."""
    return MatterUse(
        entries=Responsibility.objects.filter(matter=matter).count(),
        forms=Form.objects.filter(matters=matter).count(),
    )


@transaction.atomic
def matter_delete(*, actor: User | None, matter: Matter) -> None:
    """Delete a matter nothing names any more, with its translations; one in use is refused (retire it)."""
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    use = matter_use(locked)
    if use.in_use:
        raise ValidationError(
            _(
                "“%(matter)s” is used by %(entries)s entries and %(forms)s forms, so it cannot be deleted. "
                "Retire it instead: it leaves the finder and the choice for new entries, and its entries stay."
            )
            % {"matter": locked.name, "entries": use.entries, "forms": use.forms},
            code="in_use",
        )
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=locked,
        changes={key: [value, ""] for key, value in snapshot(locked).items()},
    )
    Translation.objects.filter(kind=Translation.Kind.MATTER, object_id=locked.pk).delete()
    locked.delete()


# --- Responsibilities ------------------------------------------------------------------------------


@transaction.atomic
def responsibility_save(
    *,
    actor: User | None,
    matter: Matter,
    region: Region,
    organisation: Organisation,
    target_groups: Iterable[TargetGroup] = (),
    responsibility: Responsibility | None = None,
    role: str = Responsibility.Role.RESPONSIBLE,
    service: Service | None = None,
    contact: ContactPerson | None = None,
    conditions: str = "",
    legal_basis: str = "",
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Responsibility:
    """Create (``responsibility=None``) or change one entry of a region's matrix."""
    if responsibility is None:
        entry = Responsibility()
        before: dict[str, Any] = {}
        action = AuditLogEntry.Action.CREATE
    else:
        entry = Responsibility.objects.select_for_update().get(pk=responsibility.pk)
        before = snapshot(entry)
        action = AuditLogEntry.Action.UPDATE
    old_region = entry.region if entry.pk else None
    entry.matter = matter
    entry.region = region
    entry.organisation = organisation
    entry.role = role
    entry.service = service
    entry.contact = contact
    entry.conditions = conditions
    entry.legal_basis = legal_basis
    entry.valid_from = valid_from
    entry.valid_until = valid_until
    entry.full_clean()
    entry.save()
    entry.target_groups.set(list(target_groups))
    _record(
        actor=actor,
        action=action,
        obj=entry,
        before=before,
        regions=[region] + ([old_region] if old_region and old_region != region else []),
    )
    return entry


@transaction.atomic
def responsibility_delete(*, actor: User | None, responsibility: Responsibility) -> None:
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=responsibility,
        changes={key: [value, ""] for key, value in snapshot(responsibility).items()},
        regions=[responsibility.region],
    )
    responsibility.delete()


# --- Editions --------------------------------------------------------------------------------------


def _contact_label(contact: ContactPerson) -> str:
    """Name and direct details only with the person's consent; otherwise the function alone."""
    if contact.is_public:
        details = ", ".join(part for part in (contact.function, contact.email, contact.phone) if part)
        return f"{contact.name} ({details})" if details else contact.name
    return contact.function or _("contact person")


def _organisation_label(organisation: Organisation) -> str:
    return organisation.short_name or organisation.name


def edition_content(*, region: Region, on: date) -> dict[str, Any]:
    """The frozen content of an edition: everything its page and its PDF show, as plain JSON."""
    from integrationsnetz.guide.selectors import region_matrix

    matrix = region_matrix(region=region, on=on)
    lines = []
    sections = []
    for section in matrix.sections:
        matters = []
        for row in section.rows:
            cells = []
            for group, cell in zip(matrix.target_groups, row.cells, strict=True):
                cells.append(
                    [{"organisation": _organisation_label(e.organisation), "role": e.role} for e in cell]
                )
                for entry in cell:
                    lines.append(
                        {
                            "field": section.field_of_action.name_de,
                            "matter": row.matter.slug,
                            "matter_name": row.matter.name,
                            "leika_key": row.matter.leika_key,
                            "target_group": group.slug,
                            "target_group_name": group.name_de,
                            "role": entry.role,
                            "organisation": entry.organisation.name,
                            "service": entry.service.name if entry.service else "",
                            "contact": _contact_label(entry.contact) if entry.contact else "",
                            "conditions": entry.conditions,
                            "legal_basis": entry.legal_basis,
                            "valid_from": entry.valid_from.isoformat() if entry.valid_from else "",
                            "valid_until": entry.valid_until.isoformat() if entry.valid_until else "",
                            "region": entry.region.key,
                            "region_name": entry.region.name,
                        }
                    )
            matters.append(
                {
                    "slug": row.matter.slug,
                    "name": row.matter.name,
                    "leika_key": row.matter.leika_key,
                    "cells": cells,
                }
            )
        sections.append({"field": section.field_of_action.name_de, "matters": matters})
    return {
        "region": {"key": region.key, "name": region.name},
        "stand": on.isoformat(),
        "target_groups": [{"slug": group.slug, "name": group.name_de} for group in matrix.target_groups],
        "sections": sections,
        "lines": lines,
        "actors": [
            {"organisation": organisation.name, "matters": matters} for organisation, matters in matrix.actors
        ],
        "contacts": [
            {
                "organisation": organisation.name,
                "address": " ".join(
                    part
                    for part in (organisation.street, organisation.postal_code, organisation.city)
                    if part
                ),
                "phone": organisation.phone,
                "email": organisation.email,
                "website": organisation.website,
                "people": [_contact_label(contact) for contact in people],
            }
            for organisation, people in matrix.contacts
        ],
    }


@transaction.atomic
def edition_publish(*, region: Region, actor: User | None, stand: date | None = None) -> Edition:
    """Freeze the region's paper as it holds on ``stand`` (today) and make its PDF in the background."""
    stand = stand or timezone.localdate()
    # Lock the region's row so that two publishers cannot take the same number.
    Region.objects.select_for_update().filter(pk=region.pk).first()
    last = Edition.objects.filter(region=region).order_by("-number").values_list("number", flat=True).first()
    edition = Edition.objects.create(
        region=region,
        number=(last or 0) + 1,
        stand=stand,
        published_by=actor if actor is not None and actor.is_authenticated else None,
        data=edition_content(region=region, on=stand),
    )
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=edition,
        changes={"stand": ["", stand.isoformat()], "lines": ["", str(len(edition.data["lines"]))]},
        regions=[region],
    )
    from integrationsnetz.guide.tasks import edition_pdf_task

    edition_id = edition.pk
    transaction.on_commit(lambda: edition_pdf_task.delay(edition_id))
    return edition


def edition_pdf_make(*, edition_id: int) -> bool:
    """Render and store the PDF of an edition once; a retried task finds it done and does nothing."""
    from integrationsnetz.guide.paper import edition_pdf

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or edition.pdf_status == Edition.PdfStatus.READY:
        return False
    try:
        content = edition_pdf(edition)
    except Exception:
        # Shown on the editions page; the task's retries (OSError) may still succeed later.
        Edition.objects.filter(pk=edition_id).update(pdf_status=Edition.PdfStatus.FAILED)
        raise
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition_id)
        if locked.pdf_status == Edition.PdfStatus.READY:
            return False
        locked.pdf.save(
            f"schnittstellenpapier-{locked.region.key}-{locked.number}.pdf", ContentFile(content), save=False
        )
        locked.pdf_status = Edition.PdfStatus.READY
        locked.save(update_fields=["pdf", "pdf_status"])
    return True


# --- Info pages, forms, translations ---------------------------------------------------------------


@transaction.atomic
def info_page_save(
    *,
    actor: User | None,
    slug: str,
    region: Region,
    topic: str,
    title: str,
    body: str,
    published: bool = True,
    position: int = 0,
) -> InfoPage:
    """Create or change an info page by its slug (German text; translations keep their own rows)."""
    page = InfoPage.objects.select_for_update().filter(slug=slug).first()
    before = snapshot(page) if page is not None else {}
    action = AuditLogEntry.Action.UPDATE if page is not None else AuditLogEntry.Action.CREATE
    page = page or InfoPage(slug=slug)
    page.region = region
    page.topic = topic
    page.title = title
    page.body = body
    page.published = published
    page.position = position
    page.full_clean()
    page.save()
    _record(actor=actor, action=action, obj=page, before=before, regions=[region])
    return page


TRANSLATABLE: dict[str, type[Matter] | type[InfoPage]] = {
    Translation.Kind.MATTER: Matter,
    Translation.Kind.INFO_PAGE: InfoPage,
}


@transaction.atomic
def translation_save(
    *,
    actor: User | None,
    obj: Matter | InfoPage,
    field: str,
    language: str,
    text: str,
    source: str | None = None,
) -> Translation:
    """Store a translation of one field; it is "current" until the German source changes.

    ``source`` is the German text the translator worked from (from an exchange file); when it is not
    today's German text, the translation is stored but shows as outdated at once.
    """
    kind = Translation.Kind.MATTER if isinstance(obj, Matter) else Translation.Kind.INFO_PAGE
    if field not in obj.TRANSLATED_FIELDS:
        raise ValidationError({"field": _("This field is not translated.")})
    if language == "de":
        raise ValidationError({"language": _("German is the source language; edit the original instead.")})
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("The translation is empty.")})
    row = (
        Translation.objects.select_for_update()
        .filter(kind=kind, object_id=obj.pk, field=field, language=language)
        .first()
    )
    before = snapshot(row) if row is not None else {}
    action = AuditLogEntry.Action.UPDATE if row is not None else AuditLogEntry.Action.CREATE
    row = row or Translation(kind=kind, object_id=obj.pk, field=field, language=language)
    row.text = text
    row.source_hash = source_hash(getattr(obj, field) if source is None else source)
    row.translated_by = actor if actor is not None and actor.is_authenticated else None
    row.save()
    regions = [obj.region] if isinstance(obj, InfoPage) else []
    _record(actor=actor, action=action, obj=row, before=before, regions=regions)
    return row


def _translatable_languages() -> set[str]:
    from integrationsnetz.guide.selectors import translator_languages

    return set(translator_languages())


@transaction.atomic
def translator_grant(*, actor: User | None, user: User, language: str) -> Translator:
    """Let ``user`` translate the guide into ``language`` (an active language of the guide but German)."""
    if language not in _translatable_languages():
        raise ValidationError({"language": _("Choose one of the guide's languages other than German.")})
    if not user.is_active:
        raise ValidationError({"user": _("This account is deactivated.")})
    translator, created = Translator.objects.get_or_create(user=user, language=language)
    if created:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.CREATE,
            obj=translator,
            changes={"user": ["", user.email], "language": ["", language]},
        )
    return translator


@transaction.atomic
def translator_revoke(*, actor: User | None, translator: Translator) -> None:
    """Take the translator role for one language from a person; their translations stay."""
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=translator,
        changes={"user": [translator.user.email, ""], "language": [translator.language, ""]},
    )
    translator.delete()


def _vocabulary_language(*, actor: User | None, code: str, direction: str) -> Language:
    """The network's language for ``code``; a code only Django knows joins the list first."""
    from integrationsnetz.guide.selectors import django_language

    language = Language.objects.filter(code=code).first()
    if language is not None:
        if direction and direction != language.direction:
            raise ValidationError(
                {
                    "direction": _(
                        "The network's language list has %(language)s written %(direction)s. "
                        "Leave the direction as it is there, or correct the list first."
                    )
                    % {"language": language.name, "direction": language.get_direction_display()}
                }
            )
        return language
    info = django_language(code)
    if info is None:
        raise ValidationError(
            {
                "code": _("“%(code)s” is not a language code that Django knows (ISO 639-1, such as “ps”).")
                % {"code": code}
            }
        )
    with translation.override("de"):
        name_de = str(translation.get_language_info(code)["name_translated"])
    # The core vocabulary has no service of its own to add a language yet; this is its only writer
    # outside the core admin and the demo loader.
    language = Language.objects.create(
        code=code,
        name_de=name_de,
        name_en=info["name"],
        native_name=info["name_local"],
        direction=direction or (Language.Direction.RTL if info["bidi"] else Language.Direction.LTR),
    )
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=language,
        changes={"code": ["", code], "direction": ["", language.direction]},
    )
    return language


@transaction.atomic
def guide_language_add(
    *, actor: User | None, code: str, direction: str = "", position: int = 100
) -> GuideLanguage:
    """Offer the guide in one more language, or again in a deactivated one (its interface falls back
    to German). ``direction`` empty takes the writing direction from the network's list or Django."""
    from integrationsnetz.guide.selectors import BUILTIN_LANGUAGES

    code = code.strip().lower()
    # The code becomes part of the guide's addresses (/wegweiser/<code>/), see ``urls.LANG``.
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise ValidationError({"code": _("Enter a language code of two or three letters, such as “ps”.")})
    if code in {language.code for language in BUILTIN_LANGUAGES}:
        raise ValidationError({"code": _("The guide has this language built in.")})
    if direction and direction not in Language.Direction.values:
        raise ValidationError({"direction": _("Choose left to right or right to left.")})
    language = _vocabulary_language(actor=actor, code=code, direction=direction)
    row = GuideLanguage.objects.select_for_update().filter(language=language).first()
    if row is not None and row.active:
        raise ValidationError({"code": _("The guide offers this language already.")})
    if row is None:
        row = GuideLanguage.objects.create(language=language, position=position)
        audit_log_record(
            actor=actor, action=AuditLogEntry.Action.CREATE, obj=row, changes={"language": ["", code]}
        )
        return row
    before = snapshot(row)
    row.active = True
    row.save(update_fields=["active"])
    _record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=row, before=before)
    return row


@transaction.atomic
def guide_language_deactivate(*, actor: User | None, guide_language: GuideLanguage) -> GuideLanguage:
    """Stop offering an added language; its translations, form files and translators stay for a return."""
    row = GuideLanguage.objects.select_for_update().get(pk=guide_language.pk)
    before = snapshot(row)
    row.active = False
    row.save(update_fields=["active"])
    _record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=row, before=before)
    return row


@transaction.atomic
def form_save(
    *,
    actor: User | None,
    slug: str,
    region: Region,
    title: str,
    description: str = "",
    issuer: Organisation | None = None,
    matters: Iterable[Matter] = (),
) -> Form:
    """Create or change a document of the forms library by its slug."""
    form = Form.objects.select_for_update().filter(slug=slug).first()
    before = snapshot(form) if form is not None else {}
    action = AuditLogEntry.Action.UPDATE if form is not None else AuditLogEntry.Action.CREATE
    regions = [region] if form is None or form.region_id == region.pk else [form.region, region]
    form = form or Form(slug=slug)
    form.region = region
    form.title = title
    form.description = description
    form.issuer = issuer
    form.full_clean()
    form.save()
    form.matters.set(list(matters))
    _record(actor=actor, action=action, obj=form, before=before, regions=regions)
    return form


@transaction.atomic
def form_retire(*, actor: User | None, form: Form, retired: bool = True) -> Form:
    """Take a form off the public forms page and the finder (or show it again); its files stay."""
    locked = Form.objects.select_for_update().select_related("region").get(pk=form.pk)
    before = snapshot(locked)
    locked.retired = retired
    locked.save(update_fields=["retired"])
    _record(
        actor=actor, action=AuditLogEntry.Action.UPDATE, obj=locked, before=before, regions=[locked.region]
    )
    return locked


def form_use(form: Form) -> int:
    """How many language files the form still has: each is offered to newcomers."""
    return FormFile.objects.filter(form=form).count()


@transaction.atomic
def form_delete(*, actor: User | None, form: Form) -> None:
    """Delete a form without files; one with files is refused (remove them, or retire the form)."""
    locked = Form.objects.select_for_update().select_related("region").get(pk=form.pk)
    files = form_use(locked)
    if files:
        raise ValidationError(
            ngettext(
                "“%(form)s” still has %(files)s file, so it cannot be deleted. Remove the file first, or "
                "retire the form: it leaves the forms page and the finder, and its file stays.",
                "“%(form)s” still has %(files)s files, so it cannot be deleted. Remove the files first, or "
                "retire the form: it leaves the forms page and the finder, and its files stay.",
                files,
            )
            % {"form": locked.title, "files": files},
            code="in_use",
        )
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=locked,
        changes={key: [value, ""] for key, value in snapshot(locked).items()},
        regions=[locked.region],
    )
    locked.delete()


def form_file_check(upload: UploadedFile) -> None:
    """Refuse files that are too large or are not what their name says (a PDF must be a PDF)."""
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    signature = FORM_SIGNATURES.get(extension)
    if signature is None:
        raise ValidationError(_("Only PDF files are accepted."), code="type")
    if (upload.size or 0) > FORM_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": FORM_MAX_BYTES // 1024 // 1024},
            code="size",
        )
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        raise ValidationError(_("The file is not a PDF document."), code="type")


@dataclass(frozen=True)
class FormFileResult:
    file: FormFile
    replaced: bool


@transaction.atomic
def form_file_upload(
    *, actor: User | None, form: Form, language: str, upload: UploadedFile
) -> FormFileResult:
    """Store the version of a form in one language, replacing an earlier upload in that language."""
    form_file_check(upload)
    existing = FormFile.objects.select_for_update().filter(form=form, language=language).first()
    row = existing or FormFile(form=form, language=language)
    replaced = existing.file.name if existing is not None else ""
    row.file.save(f"{form.slug}-{language}.pdf", upload, save=False)
    row.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE if existing else AuditLogEntry.Action.CREATE,
        obj=row,
        changes={"file": [replaced, row.file.name]},
        regions=[form.region],
    )
    if replaced and replaced != row.file.name:
        # The earlier file goes only when the new one is committed, so a failed upload loses nothing.
        storage = row.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return FormFileResult(row, existing is not None)


@transaction.atomic
def form_file_remove(*, actor: User | None, form_file: FormFile) -> None:
    """Remove one language version of a form; the stored file goes only once the removal is committed."""
    locked = FormFile.objects.select_for_update().select_related("form__region").get(pk=form_file.pk)
    name = locked.file.name
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=locked,
        changes={"language": [locked.language, ""], "file": [name, ""]},
        regions=[locked.form.region],
    )
    storage = locked.file.storage
    locked.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
