"""Reading uploaded CSV/XLSX tables, and the import of regions (key, name, kind, parent) from them.

The reader is shared by every import (the directory's as well): it turns a file into rows of text
keyed by canonical column names and reports what is wrong with the file as a whole. Each import then
checks its rows and applies them whole or not at all.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from integrationsnetz.core.models import Region
from integrationsnetz.core.services import region_save

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` is the line in the file (1 = header, 0 = the file as a whole)."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Table:
    """Rows of text by canonical column name; ``row`` of each is its line number in the file."""

    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


class ImportFailed(Exception):
    """Raised by an apply step when rows are invalid; nothing was saved."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def normalise_header(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(text or "").strip().lower())


def _canonical_columns(
    headers: list[str], aliases: Mapping[str, str], prefixes: Mapping[str, str]
) -> list[str]:
    """Map each header onto a canonical column name ('' when unknown).

    ``prefixes`` maps e.g. ``external_id:`` onto itself so that ``external_id:xzufi`` keeps its scheme.
    """
    canonical = []
    for header in headers:
        key = normalise_header(header)
        name = aliases.get(key, "")
        if not name:
            for prefix, target in prefixes.items():
                if key.startswith(prefix) and len(key) > len(prefix):
                    name = target + key[len(prefix) :]
                    break
        canonical.append(name)
    return canonical


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        # openpyxl warns about styles and data validation it does not read; they do not matter here.
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    return rows


NumberedRows = list[tuple[int, list[str]]]  # (line in the file, cells), blank lines left out


def is_spreadsheet(file_name: str, data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


def read_rows(
    file_name: str, data: bytes, *, header_score: Callable[[list[str]], int] = len
) -> tuple[NumberedRows, list[RowError]]:
    """The non-blank lines of a CSV (UTF-8; comma, semicolon or tab) or XLSX upload, or what is wrong.

    A CSV file is split with the delimiter whose header row scores highest by ``header_score`` (by
    default: the most cells). Errors concern the file as a whole (row 0); rows come with their line
    number in the file, so messages about them point to the right line.
    """

    def fail(message: str) -> tuple[NumberedRows, list[RowError]]:
        return [], [RowError(row=0, column="", message=message)]

    if len(data) > MAX_FILE_BYTES:
        return fail(
            _("The file is too large (%(size)s MB); at most %(limit)s MB are accepted.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 1024 // 1024}
        )
    if not data.strip():
        return fail(_("The file is empty."))
    if is_spreadsheet(file_name, data):
        try:
            rows = _xlsx_rows(data)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
            return fail(_("The file is not a readable spreadsheet. Upload a CSV or an XLSX file."))
    else:
        if b"\x00" in data:
            return fail(_("The file is not a spreadsheet. Upload a CSV or an XLSX file."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return fail(
                _(
                    "The file is not encoded as UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”, "
                    "or upload it as XLSX."
                )
            )
        first_line = text.splitlines()[0] if text else ""
        delimiter = max(
            DELIMITERS, key=lambda d: header_score(next(csv.reader([first_line], delimiter=d), []))
        )
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    # Rows without any content (trailing lines of spreadsheets) are left out; line numbers stay right.
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        return fail(_("The file is empty."))
    if len(numbered) > MAX_ROWS + 1:  # the rows and a header
        return fail(
            _("The file has %(count)s rows; at most %(limit)s are accepted per import.")
            % {"count": len(numbered) - 1, "limit": MAX_ROWS}
        )
    return numbered, []


def read_table(
    file_name: str,
    data: bytes,
    *,
    aliases: Mapping[str, str],
    required: Iterable[str] = (),
    prefixes: Mapping[str, str] | None = None,
) -> Table:
    """Parse a CSV or XLSX upload (see :func:`read_rows`) into rows of canonical columns."""
    table = Table()

    def known(headers: list[str]) -> int:
        return sum(1 for header in headers if normalise_header(header) in aliases)

    numbered, table.errors = read_rows(file_name, data, header_score=known)
    if table.errors:
        return table
    if not is_spreadsheet(file_name, data) and not known(numbered[0][1]):
        table.errors.append(
            RowError(
                row=0,
                column="",
                message=_(
                    "No known column headers found in the first line. Separate the columns with commas or "
                    "semicolons and name them as described (for example: %(columns)s)."
                )
                % {"columns": ", ".join(required) or ", ".join(sorted(set(aliases.values()))[:5])},
            )
        )
        return table
    header_number, headers = numbered[0]
    columns = _canonical_columns(headers, aliases, prefixes or {})
    table.columns = [column for column in columns if column]
    for name in required:
        if name not in columns:
            table.errors.append(
                RowError(
                    row=header_number,
                    column=name,
                    message=_("The column “%(column)s” is missing.") % {"column": name},
                )
            )
    seen: set[str] = set()
    for header, column in zip(headers, columns, strict=True):
        if column and column in seen:
            table.errors.append(
                RowError(
                    row=header_number,
                    column=column,
                    message=_("The column “%(column)s” appears twice.") % {"column": header},
                )
            )
        seen.add(column)
    if table.errors:
        return table
    body = numbered[1:]
    if not body:
        table.errors.append(RowError(row=0, column="", message=_("The file has column headers but no rows.")))
        return table
    for number, cells in body:
        if len(cells) > len(headers) and any(cell.strip() for cell in cells[len(headers) :]):
            table.errors.append(
                RowError(
                    row=number,
                    column="",
                    message=_(
                        "The row has more cells than there are column headers; check the delimiter and "
                        "quotes."
                    ),
                )
            )
        row = {"row": str(number)}
        for column, cell in zip(columns, cells, strict=False):
            if column:
                row[column] = cell.strip()
        table.rows.append(row)
    return table


# --- Regions -----------------------------------------------------------------------------------------

REGION_ALIASES = {
    "key": "key",
    "ags": "key",
    "schlüssel": "key",
    "schluessel": "key",
    "regionalschlüssel": "key",
    "name": "name",
    "bezeichnung": "name",
    "kind": "kind",
    "art": "kind",
    "typ": "kind",
    "parent": "parent",
    "parent_key": "parent",
    "übergeordnet": "parent",
    "uebergeordnet": "parent",
    "eltern": "parent",
}
REGION_KIND_WORDS = {
    "land": Region.Kind.STATE,
    "bundesland": Region.Kind.STATE,
    "freistaat": Region.Kind.STATE,
    "landkreis": Region.Kind.DISTRICT,
    "kreis": Region.Kind.DISTRICT,
    "kreisfreie_stadt": Region.Kind.CITY,
    "gemeinde": Region.Kind.MUNICIPALITY,
    "stadt": Region.Kind.TOWN,
    "sozialraum": Region.Kind.SOCIAL_AREA,
}
KEY_PATTERN = re.compile(r"^[0-9A-Za-z._\-]{1,32}$")


@dataclass
class RegionPlan:
    """The checked rows in the order they can be saved (parents first) and every problem found."""

    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    creates: int = 0
    updates: int = 0


def _region_kind(text: str) -> str | None:
    value = normalise_header(text)
    if value in Region.Kind.values:
        return value
    if value in REGION_KIND_WORDS:
        return str(REGION_KIND_WORDS[value])
    for kind in Region.Kind:
        if normalise_header(str(kind.label)) == value:
            return str(kind.value)
    return None


def region_rows_check(rows: list[dict[str, str]]) -> RegionPlan:
    """Check rows of ``key, name, kind, parent``; sort them so that parents come before children."""
    plan = RegionPlan()
    by_key: dict[str, dict[str, str]] = {}
    for row in rows:
        number = int(row.get("row", 0))
        key = row.get("key", "").strip()
        name = row.get("name", "").strip()
        kind_text = row.get("kind", "").strip()
        if not key:
            plan.errors.append(RowError(number, "key", _("The key is missing.")))
        elif not KEY_PATTERN.match(key):
            plan.errors.append(
                RowError(
                    number, "key", _("“%(key)s” is not a valid key (digits and letters only).") % {"key": key}
                )
            )
        elif key in by_key:
            plan.errors.append(
                RowError(
                    number,
                    "key",
                    _("The key %(key)s appears twice (first in row %(row)s).")
                    % {"key": key, "row": by_key[key]["row"]},
                )
            )
        if not name:
            plan.errors.append(RowError(number, "name", _("The name is missing.")))
        elif len(name) > 200:
            plan.errors.append(RowError(number, "name", _("The name is longer than 200 characters.")))
        kind = _region_kind(kind_text)
        if kind is None:
            plan.errors.append(
                RowError(
                    number,
                    "kind",
                    _("“%(kind)s” is not a kind of region; use one of %(kinds)s.")
                    % {"kind": kind_text, "kinds": ", ".join(Region.Kind.values)},
                )
            )
        if key and key not in by_key:
            by_key[key] = {
                "row": str(number),
                "key": key,
                "name": name,
                "kind": kind or "",
                "parent": row.get("parent", "").strip(),
            }
    parent_keys = {row["parent"] for row in by_key.values() if row["parent"]}
    existing = {
        region.key: region
        for region in Region.objects.filter(key__in=parent_keys | set(by_key)).only("key", "path")
    }
    plan.updates = sum(1 for key in by_key if key in existing)
    plan.creates = len(by_key) - plan.updates
    for key, row in by_key.items():
        parent = row["parent"]
        number = int(row["row"])
        if not parent:
            continue
        if parent == key:
            plan.errors.append(RowError(number, "parent", _("A region cannot be its own parent.")))
            continue
        if parent not in by_key and parent not in existing:
            plan.errors.append(
                RowError(
                    number,
                    "parent",
                    _("The parent %(parent)s is neither in the file nor known.") % {"parent": parent},
                )
            )
            continue
        # Walk up through the file; leaving it, the known region must not lie below this one.
        seen = {key}
        current = parent
        while current in by_key:
            if current in seen:
                plan.errors.append(
                    RowError(
                        number,
                        "parent",
                        _("The parents of %(key)s form a cycle.") % {"key": key},
                    )
                )
                break
            seen.add(current)
            current = by_key[current]["parent"]
            if not current:
                break
        else:
            if current and current in existing and f"/{key}/" in existing[current].path:
                plan.errors.append(
                    RowError(
                        number,
                        "parent",
                        _("%(parent)s lies below %(key)s; the parents would form a cycle.")
                        % {"parent": parent, "key": key},
                    )
                )
    if plan.errors:
        plan.errors.sort(key=lambda error: (error.row, error.column))
        return plan
    # Parents first: a depth-first order over the rows, starting from those whose parent is known.
    ordered: list[dict[str, str]] = []
    placed: set[str] = set()

    def place(key: str) -> None:
        if key in placed:
            return
        parent = by_key[key]["parent"]
        if parent in by_key:
            place(parent)
        placed.add(key)
        ordered.append(by_key[key])

    for key in by_key:
        place(key)
    plan.rows = ordered
    return plan


def region_table_read(file_name: str, data: bytes) -> Table:
    return read_table(file_name, data, aliases=REGION_ALIASES, required=("key", "name", "kind"))


@transaction.atomic
def regions_apply(rows: list[dict[str, str]]) -> RegionPlan:
    """Check again and save every row, or none: any problem raises :class:`ImportFailed`."""
    plan = region_rows_check(rows)
    if plan.errors:
        raise ImportFailed(plan.errors)
    saved: dict[str, Region] = {}
    for row in plan.rows:
        parent_key = row["parent"]
        parent = saved.get(parent_key) or (Region.objects.get(key=parent_key) if parent_key else None)
        saved[row["key"]] = region_save(key=row["key"], name=row["name"], kind=row["kind"], parent=parent)
    return plan
