"""The reasons of a proposal as sentences in the reader's language ("speaks Arabic, 4 km, free Tuesdays")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext, gettext_lazy, ngettext

from integrationsnetz.core.models import Language
from integrationsnetz.volunteering.models import Activity, LanguageLevel
from integrationsnetz.volunteering.slots import WEEKDAYS_PLURAL

# The hard rules of matching.hard_rule_violations, as a reader names them.
RULE_NAMES = {
    "language": gettext_lazy("language"),
    "qualification": gettext_lazy("certificate of conduct"),
    "availability": gettext_lazy("time"),
    "distance": gettext_lazy("distance"),
    "capacity": gettext_lazy("number of matches"),
}


def rules_text(rules: Iterable[str]) -> str:
    return ", ".join(str(RULE_NAMES.get(rule, rule)) for rule in rules)


def language_names(codes: Iterable[str]) -> dict[str, str]:
    """ISO code -> name in the active language (one query)."""
    return {language.code: language.name for language in Language.objects.filter(code__in=set(codes))}


def reason_text(reason: Mapping[str, Any], names: Mapping[str, str]) -> str:
    code = reason.get("code")
    if code == "speaks":
        return gettext("speaks %(language)s (%(level)s)") % {
            "language": names.get(reason["language"], reason["language"]),
            "level": LanguageLevel(reason["level"]).label,
        }
    if code == "distance":
        return ngettext("%(km)d km away", "%(km)d km away", reason["km"]) % {"km": reason["km"]}
    if code == "free_on":
        days = [str(WEEKDAYS_PLURAL[day]) for day in reason["weekdays"]]
        return gettext("free %(days)s") % {"days": ", ".join(days)}
    if code == "activity":
        return gettext("offers %(activity)s") % {"activity": Activity(reason["activity"]).label}
    if code == "free_capacity":
        return gettext("has no other match at the moment")
    if code == "certificate":
        return gettext("extended certificate of conduct seen and valid")
    if code == "breaks":
        return gettext("no longer fits the changed need (%(rules)s)") % {"rules": rules_text(reason["rules"])}
    return str(code)


def reasons_text(reasons: Iterable[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> list[str]:
    reasons = list(reasons)
    if names is None:
        names = language_names(r["language"] for r in reasons if r.get("code") == "speaks")
    return [reason_text(reason, names) for reason in reasons]
