"""The Ehrenamtskarte check at its boundaries (age, duration, average hours) and the thresholds' source."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from integrationsnetz.volunteering import recognition
from integrationsnetz.volunteering.recognition import ehrenamtskarte_check, years_before

ON = date(2026, 6, 15)
WINDOW_START = years_before(ON, recognition.EHRENAMTSKARTE_MIN_YEARS_ACTIVE)
WEEKS = Decimal((ON - WINDOW_START).days) / 7


def weekly(hours: Decimal, first: date) -> list[tuple[date, Decimal]]:
    """The needed total spread as one entry on the first day of the window plus the first activity."""
    return [(first, Decimal(0)), (WINDOW_START + timedelta(days=1), hours * WEEKS)]


def test_thresholds_of_the_sixth_edition() -> None:
    assert recognition.EHRENAMTSKARTE_MIN_AGE_YEARS == 14
    assert recognition.EHRENAMTSKARTE_MIN_HOURS_PER_WEEK == 3
    assert recognition.EHRENAMTSKARTE_MIN_YEARS_ACTIVE == 2


def test_all_conditions_met_exactly_at_the_boundaries() -> None:
    check = ehrenamtskarte_check(
        birth_date=years_before(ON, 14), hours=weekly(Decimal(3), WINDOW_START), on=ON
    )
    assert check.age_ok and check.years_ok and check.hours_ok and check.fulfilled
    assert check.average_hours_per_week == Decimal("3.00")


def test_one_day_too_young() -> None:
    check = ehrenamtskarte_check(
        birth_date=years_before(ON, 14) + timedelta(days=1), hours=weekly(Decimal(3), WINDOW_START), on=ON
    )
    assert check.age_ok is False and not check.fulfilled


def test_one_day_too_short() -> None:
    check = ehrenamtskarte_check(
        birth_date=date(1990, 1, 1), hours=weekly(Decimal(3), WINDOW_START + timedelta(days=1)), on=ON
    )
    assert not check.years_ok and not check.fulfilled


def test_just_under_three_hours_a_week() -> None:
    hours = [(WINDOW_START, Decimal(0)), (ON, Decimal(3) * WEEKS - Decimal("0.01"))]
    check = ehrenamtskarte_check(birth_date=date(1990, 1, 1), hours=hours, on=ON)
    assert check.years_ok and not check.hours_ok and not check.fulfilled


def test_hours_before_the_window_or_after_the_day_do_not_count() -> None:
    hours = [(WINDOW_START, Decimal(1000)), (ON + timedelta(days=1), Decimal(1000))]
    check = ehrenamtskarte_check(birth_date=date(1990, 1, 1), hours=hours, on=ON)
    assert check.years_ok and not check.hours_ok


def test_without_birth_date_age_is_unknown() -> None:
    check = ehrenamtskarte_check(birth_date=None, hours=[], on=ON)
    assert check.age_ok is None and not check.fulfilled and check.active_since is None


def test_leap_day() -> None:
    assert years_before(date(2028, 2, 29), 2) == date(2026, 2, 28)
