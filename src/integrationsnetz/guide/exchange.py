"""Files in and out of the guide: the matrix as XLSX (one sheet per region) and translations as XLIFF 1.2/CSV.

Reading checks everything first and reports each problem with its place in the file (a dry run stops
there); applying writes through the services in one transaction, so a file is taken whole or not at all.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.etree import ElementTree

from django.db import transaction
from django.utils.translation import gettext as _

from integrationsnetz.accounts.models import User
from integrationsnetz.core import policy
from integrationsnetz.core.importing import MAX_FILE_BYTES, MAX_ROWS, ImportFailed, RowError, normalise_header
from integrationsnetz.core.models import Region, TargetGroup
from integrationsnetz.directory.models import ContactPerson, Organisation, Service
from integrationsnetz.guide import services
from integrationsnetz.guide.models import InfoPage, Matter, Responsibility, Translation, source_hash
from integrationsnetz.guide.selectors import GROUPS_PREFETCH, group_list, translation_overview

# --- The matrix as XLSX ------------------------------------------------------------------------------

MATRIX_COLUMNS = (
    "id",
    "matter",
    "matter_name",
    "target_groups",
    "organisation",
    "organisation_name",
    "service",
    "contact",
    "role",
    "conditions",
    "legal_basis",
    "valid_from",
    "valid_until",
)
MATRIX_REQUIRED = ("matter", "organisation", "role")
ROLE_WORDS = {
    "zuständig": Responsibility.Role.RESPONSIBLE,
    "zustaendig": Responsibility.Role.RESPONSIBLE,
    "berät": Responsibility.Role.ADVISES,
    "beraet": Responsibility.Role.ADVISES,
    "unterstützt": Responsibility.Role.SUPPORTS,
    "unterstuetzt": Responsibility.Role.SUPPORTS,
}


def matrix_export_xlsx(regions: Iterable[Region]) -> bytes:
    """One sheet per region (titled with its official key), one row per entry made for that region."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for region in regions:
        sheet = workbook.create_sheet(title=region.key[:31])
        sheet.append(list(MATRIX_COLUMNS))
        entries = (
            Responsibility.objects.filter(region=region)
            .select_related("matter", "organisation", "service", "contact")
            .prefetch_related(GROUPS_PREFETCH)
            .order_by("matter__position", "matter__name", "role", "pk")
        )
        for entry in entries:
            sheet.append(
                [
                    entry.pk,
                    entry.matter.slug,
                    entry.matter.name,
                    ", ".join(sorted(group.slug for group in group_list(entry))),
                    entry.organisation.slug,
                    entry.organisation.name,
                    entry.service.name if entry.service else "",
                    entry.contact.name if entry.contact else "",
                    entry.role,
                    entry.conditions,
                    entry.legal_basis,
                    entry.valid_from,
                    entry.valid_until,
                ]
            )
    if not workbook.worksheets:
        workbook.create_sheet(title="leer").append(list(MATRIX_COLUMNS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class EntryInput:
    region: Region
    responsibility: Responsibility | None
    values: dict[str, Any]


@dataclass
class MatrixPlan:
    """What a matrix file would change, and every problem found in it."""

    entries: list[EntryInput] = field(default_factory=list)
    deletions: list[Responsibility] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    @property
    def creates(self) -> int:
        return sum(1 for entry in self.entries if entry.responsibility is None)

    @property
    def updates(self) -> int:
        return len(self.entries) - self.creates


def _read_sheets(data: bytes) -> dict[str, list[list[str]]] | None:
    from openpyxl import load_workbook

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # styles and validations openpyxl does not read
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return {
                    sheet.title: [[text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
                    for sheet in workbook.worksheets
                }
            finally:
                workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
        return None


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(text)


def matrix_plan(data: bytes, *, user: Any) -> MatrixPlan:
    """Check a matrix workbook; each sheet replaces the entries of the region it is titled with."""
    plan = MatrixPlan()

    def error(sheet: str, row: int, column: str, message: str) -> None:
        plan.errors.append(
            RowError(row=row, column=f"{sheet}: {column}" if column else sheet, message=message)
        )

    if len(data) > MAX_FILE_BYTES:
        error(
            "", 0, "", _("The file is larger than %(limit)s MB.") % {"limit": MAX_FILE_BYTES // 1024 // 1024}
        )
        return plan
    sheets = _read_sheets(data) if data[:4] == b"PK\x03\x04" else None
    if sheets is None:
        error("", 0, "", _("The file is not a readable XLSX workbook."))
        return plan
    regions = {region.key: region for region in Region.objects.filter(key__in=list(sheets))}
    matters = {matter.slug: matter for matter in Matter.objects.all()}
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    slugs = {cells[4] for rows in sheets.values() for cells in rows[1:] if len(cells) > 4}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    service_names = {
        (s.organisation_id, s.name): s for s in Service.objects.filter(organisation__slug__in=slugs)
    }
    contact_names = {
        (c.organisation_id, c.name): c for c in ContactPerson.objects.filter(organisation__slug__in=slugs)
    }
    for title, raw_rows in sheets.items():
        region = regions.get(title)
        if region is None:
            error(
                title,
                0,
                "",
                _("The sheet “%(sheet)s” is not named after a known region key.") % {"sheet": title},
            )
            continue
        if not policy.can(user, "guide_edit", region):
            error(title, 0, "", _("You may not edit the matrix of %(region)s.") % {"region": region.name})
            continue
        rows = [(number, row) for number, row in enumerate(raw_rows, start=1) if any(cell for cell in row)]
        if not rows:
            error(title, 0, "", _("The sheet is empty."))
            continue
        header = [normalise_header(cell) for cell in rows[0][1]]
        missing = [column for column in MATRIX_REQUIRED if column not in header]
        if missing:
            error(title, rows[0][0], "", _("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
            continue
        if len(rows) - 1 > MAX_ROWS:
            error(title, 0, "", _("At most %(limit)s rows are accepted per sheet.") % {"limit": MAX_ROWS})
            continue
        plan.regions.append(region)
        existing = {entry.pk: entry for entry in Responsibility.objects.filter(region=region)}
        kept: set[int] = set()
        for number, cells in rows[1:]:
            row = dict(zip(header, cells, strict=False))
            values: dict[str, Any] = {}
            entry: Responsibility | None = None
            if row.get("id"):
                entry = existing.get(int(row["id"])) if row["id"].isdigit() else None
                if entry is None or entry.pk in kept:
                    error(
                        title,
                        number,
                        "id",
                        _("No entry %(id)s of this region (or it appears twice).") % {"id": row["id"]},
                    )
                    continue
                kept.add(entry.pk)
            matter = matters.get(row.get("matter", ""))
            if matter is None:
                error(
                    title,
                    number,
                    "matter",
                    _("“%(value)s” is not a known matter.") % {"value": row.get("matter", "")},
                )
            elif matter.retired and (entry is None or entry.matter_id != matter.pk):
                error(
                    title,
                    number,
                    "matter",
                    _("The matter “%(value)s” is retired; new entries cannot use it.")
                    % {"value": matter.slug},
                )
            organisation = organisations.get(row.get("organisation", ""))
            if organisation is None:
                error(
                    title,
                    number,
                    "organisation",
                    _("“%(value)s” is not a known organisation (use its slug from the directory).")
                    % {"value": row.get("organisation", "")},
                )
            role_text = normalise_header(row.get("role", ""))
            role = role_text if role_text in Responsibility.Role.values else ROLE_WORDS.get(role_text)
            if role is None:
                error(
                    title,
                    number,
                    "role",
                    _("“%(value)s” is not a role; use responsible, advises or supports.")
                    % {"value": row.get("role", "")},
                )
            target_groups = []
            for slug in (part.strip() for part in row.get("target_groups", "").split(",")):
                if not slug:
                    continue
                if slug not in groups:
                    error(
                        title,
                        number,
                        "target_groups",
                        _("“%(value)s” is not a known target group.") % {"value": slug},
                    )
                else:
                    target_groups.append(groups[slug])
            dates: dict[str, date | None] = {}
            for column in ("valid_from", "valid_until"):
                try:
                    dates[column] = _date(row.get(column, ""))
                except ValueError:
                    error(
                        title,
                        number,
                        column,
                        _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": row.get(column)},
                    )
            start, end = dates.get("valid_from"), dates.get("valid_until")
            if start is not None and end is not None and end < start:
                error(title, number, "valid_until", _("The end of validity lies before its start."))
            service = contact = None
            if organisation is not None and row.get("service"):
                service = service_names.get((organisation.pk, row["service"]))
                if service is None:
                    error(
                        title,
                        number,
                        "service",
                        _("The organisation has no service “%(value)s”.") % {"value": row["service"]},
                    )
            if organisation is not None and row.get("contact"):
                contact = contact_names.get((organisation.pk, row["contact"]))
                if contact is None:
                    error(
                        title,
                        number,
                        "contact",
                        _("The organisation has no contact person “%(value)s”.") % {"value": row["contact"]},
                    )
            values = {
                "matter": matter,
                "organisation": organisation,
                "role": role,
                "target_groups": target_groups,
                "service": service,
                "contact": contact,
                "conditions": row.get("conditions", ""),
                "legal_basis": row.get("legal_basis", "")[:200],
                **dates,
            }
            plan.entries.append(EntryInput(region, entry, values))
        plan.deletions += [entry for pk, entry in existing.items() if pk not in kept]
    return plan


@transaction.atomic
def matrix_apply(data: bytes, *, user: User) -> MatrixPlan:
    """Check again and write everything, or nothing: any problem raises :class:`ImportFailed`."""
    plan = matrix_plan(data, user=user)
    if plan.errors:
        raise ImportFailed(plan.errors)
    for entry in plan.deletions:
        services.responsibility_delete(actor=user, responsibility=entry)
    for item in plan.entries:
        services.responsibility_save(
            actor=user, region=item.region, responsibility=item.responsibility, **item.values
        )
    return plan


# --- Translations as XLIFF 1.2 or CSV ----------------------------------------------------------------

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
UNIT_ID = re.compile(r"^(matter|info_page):(\d+):([a-z_]+)$")
XLIFF_STATES: dict[str, str] = {
    Translation.Status.MISSING: "needs-translation",
    Translation.Status.OUTDATED: "needs-review-translation",
    Translation.Status.CURRENT: "translated",
}


def translations_export_xliff(language: str) -> bytes:
    """Every translatable text with its German source and the current translation (if any)."""
    ElementTree.register_namespace("", XLIFF_NS)
    root = ElementTree.Element(f"{{{XLIFF_NS}}}xliff", {"version": "1.2"})
    file_element = ElementTree.SubElement(
        root,
        f"{{{XLIFF_NS}}}file",
        {
            "original": "integrationsnetz-guide",
            "source-language": "de",
            "target-language": language,
            "datatype": "plaintext",
        },
    )
    body = ElementTree.SubElement(file_element, f"{{{XLIFF_NS}}}body")
    for row in translation_overview(language):
        unit = ElementTree.SubElement(
            body, f"{{{XLIFF_NS}}}trans-unit", {"id": f"{row.kind}:{row.obj.pk}:{row.field}"}
        )
        ElementTree.SubElement(unit, f"{{{XLIFF_NS}}}source").text = row.source
        target = ElementTree.SubElement(unit, f"{{{XLIFF_NS}}}target", {"state": XLIFF_STATES[row.status]})
        target.text = row.translation.text if row.translation else ""
        ElementTree.SubElement(unit, f"{{{XLIFF_NS}}}note").text = str(row.obj)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8")


def translations_export_csv(language: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "status", "source", "target"])
    for row in translation_overview(language):
        writer.writerow(
            [
                f"{row.kind}:{row.obj.pk}:{row.field}",
                row.status,
                row.source,
                row.translation.text if row.translation else "",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass
class TranslationInput:
    obj: Matter | InfoPage
    field: str
    source: str
    text: str
    line: str


@dataclass
class TranslationPlan:
    items: list[TranslationInput] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unchanged: int = 0
    language: str = ""


def _xliff_units(data: bytes, plan: TranslationPlan) -> list[tuple[str, str, str, str]] | None:
    """(id, source, target, place) of every trans-unit; None (with an error) when the file is not XLIFF."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        plan.errors.append(RowError(0, "", _("The file must not contain a DOCTYPE or entities.")))
        return None
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 - no DTD allowed (checked above); expat limits expansion
    except ElementTree.ParseError as problem:
        plan.errors.append(
            RowError(0, "", _("The file is not valid XML: %(problem)s") % {"problem": problem})
        )
        return None
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("version") != "1.2":
        plan.errors.append(RowError(0, "", _("The file is not XLIFF 1.2.")))
        return None
    units = []
    for file_element in root.iter(f"{{{XLIFF_NS}}}file"):
        target_language = file_element.get("target-language", "")
        if target_language != plan.language:
            plan.errors.append(
                RowError(
                    0,
                    "target-language",
                    _("The file is for the language “%(found)s”, not “%(expected)s”.")
                    % {"found": target_language, "expected": plan.language},
                )
            )
            return None
        for unit in file_element.iter(f"{{{XLIFF_NS}}}trans-unit"):
            source = unit.find(f"{{{XLIFF_NS}}}source")
            target = unit.find(f"{{{XLIFF_NS}}}target")
            units.append(
                (
                    unit.get("id", ""),
                    "".join(source.itertext()) if source is not None else "",
                    "".join(target.itertext()) if target is not None else "",
                    unit.get("id", ""),
                )
            )
    return units


def _csv_units(data: bytes, plan: TranslationPlan) -> list[tuple[str, str, str, str]] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        plan.errors.append(RowError(0, "", _("The file is not encoded as UTF-8.")))
        return None
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows or not {"id", "source", "target"} <= set(rows[0]):
        plan.errors.append(RowError(1, "", _("The CSV file needs the columns id, source and target.")))
        return None
    return [
        (row["id"] or "", row["source"] or "", row["target"] or "", str(number))
        for number, row in enumerate(rows, start=2)
    ]


def translations_plan(file_name: str, data: bytes, *, language: str, user: Any) -> TranslationPlan:
    """Check a translation file: known ids, a target per unit; empty targets are skipped."""
    plan = TranslationPlan(language=language)
    if len(data) > MAX_FILE_BYTES:
        plan.errors.append(
            RowError(
                0, "", _("The file is larger than %(limit)s MB.") % {"limit": MAX_FILE_BYTES // 1024 // 1024}
            )
        )
        return plan
    if not policy.can(user, "edit", Translation(language=language)):
        plan.errors.append(RowError(0, "", _("You may not translate into this language.")))
        return plan
    is_csv = file_name.lower().endswith(".csv")
    units = _csv_units(data, plan) if is_csv else _xliff_units(data, plan)
    if units is None:
        return plan
    objects: dict[str, dict[int, Matter | InfoPage]] = {
        Translation.Kind.MATTER: {matter.pk: matter for matter in Matter.objects.all()},
        Translation.Kind.INFO_PAGE: {page.pk: page for page in InfoPage.objects.all()},
    }
    existing = {
        (row.kind, row.object_id, row.field): row for row in Translation.objects.filter(language=language)
    }
    for unit_id, source, target, place in units:
        match = UNIT_ID.match(unit_id)
        obj = objects[match[1]].get(int(match[2])) if match else None
        if match is None or obj is None or match[3] not in obj.TRANSLATED_FIELDS:
            plan.errors.append(
                RowError(0, place, _("“%(id)s” names no translatable text.") % {"id": unit_id})
            )
            continue
        target = target.strip()
        if not target:
            continue
        row = existing.get((match[1], obj.pk, match[3]))
        if row is not None and row.text == target and row.source_hash == source_hash(source):
            plan.unchanged += 1
            continue
        plan.items.append(TranslationInput(obj, match[3], source, target, place))
    return plan


@transaction.atomic
def translations_apply(file_name: str, data: bytes, *, language: str, user: User) -> TranslationPlan:
    plan = translations_plan(file_name, data, language=language, user=user)
    if plan.errors:
        raise ImportFailed(plan.errors)
    for item in plan.items:
        services.translation_save(
            actor=user, obj=item.obj, field=item.field, language=language, text=item.text, source=item.source
        )
    return plan
