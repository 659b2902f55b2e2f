"""Weekly time slots (weekday x part of day) as bits of one integer, so that overlap is one AND."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

PARTS_OF_DAY: tuple[StrPromise, ...] = (_("morning"), _("afternoon"), _("evening"))
WEEKDAYS: tuple[StrPromise, ...] = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
# Plural forms for reasons such as "free Tuesdays".
WEEKDAYS_PLURAL: tuple[StrPromise, ...] = (
    _("Mondays"),
    _("Tuesdays"),
    _("Wednesdays"),
    _("Thursdays"),
    _("Fridays"),
    _("Saturdays"),
    _("Sundays"),
)
SLOT_COUNT = len(WEEKDAYS) * len(PARTS_OF_DAY)
ALL_SLOTS = (1 << SLOT_COUNT) - 1


def slot_bit(weekday: int, part: int) -> int:
    """The bit of ``weekday`` (0 = Monday) and ``part`` (0 morning, 1 afternoon, 2 evening)."""
    return 1 << (weekday * len(PARTS_OF_DAY) + part)


def slots_from(pairs: Iterable[tuple[int, int]]) -> int:
    mask = 0
    for weekday, part in pairs:
        mask |= slot_bit(weekday, part)
    return mask


def slots_on(day: date, parts: Iterable[int]) -> int:
    """The slots of one date (a one-off need) in the given parts of the day."""
    return slots_from((day.weekday(), part) for part in parts)


def parts_of(mask: int) -> list[int]:
    """The parts of the day (0 morning, 1 afternoon, 2 evening) that ``mask`` uses on any weekday."""
    return [
        part
        for part in range(len(PARTS_OF_DAY))
        if any(mask & slot_bit(day, part) for day in range(len(WEEKDAYS)))
    ]


def weekdays_of(mask: int) -> list[int]:
    """The weekdays (0 = Monday) on which ``mask`` has at least one slot."""
    per_day = (1 << len(PARTS_OF_DAY)) - 1
    return [day for day in range(len(WEEKDAYS)) if (mask >> (day * len(PARTS_OF_DAY))) & per_day]


def slot_choices() -> list[tuple[str, str]]:
    """Form choices ``("<weekday>-<part>", "Monday morning")`` for every slot."""
    return [
        (f"{day}-{part}", f"{WEEKDAYS[day]} {PARTS_OF_DAY[part]}")
        for day in range(len(WEEKDAYS))
        for part in range(len(PARTS_OF_DAY))
    ]


def slots_from_choices(values: Iterable[str]) -> int:
    return slots_from((int(v.split("-")[0]), int(v.split("-")[1])) for v in values)


def choices_from_slots(mask: int) -> list[str]:
    return [
        f"{day}-{part}"
        for day in range(len(WEEKDAYS))
        for part in range(len(PARTS_OF_DAY))
        if mask & slot_bit(day, part)
    ]
