"""Reading the period labels offices use ("Mitte 2011", "Februar 2022", "1. Halbjahr 2021", "06/2022")."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from integrationsnetz.monitoring.models import PeriodKind

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "january": 1,
    "februar": 2,
    "february": 2,
    "märz": 3,
    "maerz": 3,
    "march": 3,
    "april": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "juli": 7,
    "july": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "october": 10,
    "november": 11,
    "dezember": 12,
    "december": 12,
}
MONTH_NAMES_DE = {number: name.capitalize() for name, number in MONTHS.items() if name.isascii()}
MONTH_NAMES_DE[3] = "März"
MONTH_NAMES_DE.update({5: "Mai", 6: "Juni", 7: "Juli", 10: "Oktober", 12: "Dezember"})

_YEAR = r"((?:19|20)\d{2})"


def period_parse(label: str) -> tuple[date, str] | None:
    """(start, kind) for a label, or None when it is not a period this importer knows."""
    text = re.sub(r"\s+", " ", str(label or "").strip().lower())
    if not text:
        return None
    if match := re.fullmatch(_YEAR, text):
        return date(int(match[1]), 1, 1), PeriodKind.YEAR
    # "Mitte 2011": a stock counted at mid-year, i.e. on 30 June.
    if match := re.fullmatch(r"(?:mitte|mid) " + _YEAR, text):
        return date(int(match[1]), 6, 30), PeriodKind.DATE
    if match := re.fullmatch(r"([12])\.? ?(?:halbjahr|hj\.?) " + _YEAR, text) or re.fullmatch(
        r"h([12]) " + _YEAR, text
    ):
        return date(int(match[2]), 1 if match[1] == "1" else 7, 1), PeriodKind.HALF_YEAR
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: 00:00:00)?", text):
            return date(int(match[1]), int(match[2]), int(match[3])), PeriodKind.DATE
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            return date(int(match[3]), int(match[2]), int(match[1])), PeriodKind.DATE
        if match := re.fullmatch(r"(\d{1,2})/(\d{4})", text) or re.fullmatch(r"(\d{1,2})\.(\d{4})", text):
            return date(int(match[2]), int(match[1]), 1), PeriodKind.MONTH
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
            return date(int(match[1]), int(match[2]), 1), PeriodKind.MONTH
    except ValueError:
        return None
    if (match := re.fullmatch(r"(?:mitte |ende |anfang )?([a-zä]+)\.? " + _YEAR, text)) and match[
        1
    ] in MONTHS:
        return date(int(match[2]), MONTHS[match[1]], 1), PeriodKind.MONTH
    return None


def period_label_default(start: date, kind: str) -> str:
    """A label that :func:`period_parse` reads back as the same period."""
    if kind == PeriodKind.YEAR:
        return str(start.year)
    if kind == PeriodKind.HALF_YEAR:
        return f"{1 if start.month < 7 else 2}. Halbjahr {start.year}"
    if kind == PeriodKind.MONTH:
        return f"{MONTH_NAMES_DE[start.month]} {start.year}"
    return start.isoformat()


def number_parse(text: str) -> Decimal | None:
    """A number as offices write it: "11.865" and "1.234,5" (German) as well as "1234.5"."""
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", str(text or "")).removesuffix("%")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        # The later separator is the decimal one: "1.234,5" (German) or "1,234.5" (English).
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        if cleaned.count(",") > 1:
            return None
        cleaned = cleaned.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", cleaned):
        # A dot followed by groups of three digits is a German thousands separator ("11.865").
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def number_format(value: Decimal) -> str:
    """Plain digits with a point for decimals, read back unchanged by :func:`number_parse`."""
    text = f"{value.normalize():f}"
    return text
