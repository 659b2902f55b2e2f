"""Participant lists as CSV (semicolons and a BOM, as German Excel expects), XLSX and the check-in PDF."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from integrationsnetz.meetings.models import Meeting, Registration

# Spreadsheet programs run cells that start with these as formulas; a leading quote keeps them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def participant_rows(registrations: list[Registration]) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [
            _("Name"),
            _("Organisation"),
            _("E-mail"),
            _("Status"),
            _("Workshop"),
            _("Accessibility needs"),
            _("Checked in"),
        ]
    ]
    for registration in registrations:
        checked_in = (
            timezone.localtime(registration.checked_in_at).strftime("%Y-%m-%d %H:%M")
            if registration.checked_in_at
            else ""
        )
        rows.append(
            [
                _cell(registration.name),
                _cell(registration.organisation_name),
                _cell(registration.email),
                str(registration.get_status_display()),
                _cell(registration.workshop.title) if registration.workshop else "",
                _cell(registration.accessibility_needs),
                checked_in,
            ]
        )
    return rows


def rows_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def rows_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Participants"))[:31])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check_in_pdf(meeting: Meeting, registrations: list[Registration]) -> bytes:
    """A printable list to tick off at the door: registered people by name, with a signature column."""
    from weasyprint import HTML

    html = render_to_string(
        "meetings/check_in_pdf.html",
        {
            "meeting": meeting,
            "registrations": [r for r in registrations if r.status == Registration.Status.REGISTERED],
        },
    )
    return bytes(HTML(string=html).write_pdf())
