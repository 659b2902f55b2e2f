"""The traffic-light rating of an inspection: the one function every page, report and API uses.

An area's percentage is the weighted share of the points reached (score / highest score, weighted by
the criterion's weight); the catalogue version's thresholds turn it into green, yellow or red. A
criterion answered with one of its critical scores makes its area red whatever the percentage. The
overall light follows the thresholds on the percentage over all criteria, but is never green while
any area is red: one unacceptable area must stay visible in the summary.

A criterion marked "not applicable" (no children live at the site, so the playground does not apply)
counts nowhere, like an unanswered one: neither in the points reached nor in the points possible, and
it cannot be critical. An area (or inspection) whose criteria are all not applicable is shown as such
instead of "not rated".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from integrationsnetz.accommodation.models import Light

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Answer:
    """One criterion as answered; ``value`` None (not assessed) or ``not_applicable`` count nowhere."""

    area_id: int
    weight: int
    max_score: int
    value: int | None
    critical_scores: tuple[int, ...] = ()
    not_applicable: bool = False

    @property
    def counts(self) -> bool:
        return self.value is not None and not self.not_applicable

    @property
    def is_critical(self) -> bool:
        return self.counts and self.value in self.critical_scores


@dataclass(frozen=True)
class AreaRating:
    area_id: int
    percent: Decimal | None
    light: str
    critical: bool
    not_applicable: int = 0  # how many of the area's criteria were marked not applicable


@dataclass(frozen=True)
class Rating:
    areas: tuple[AreaRating, ...]
    percent: Decimal | None
    light: str

    def area(self, area_id: int) -> AreaRating:
        return next(area for area in self.areas if area.area_id == area_id)


def light_for(percent: Decimal | None, *, green_from: Decimal, yellow_from: Decimal) -> str:
    if percent is None:
        return Light.NONE
    if percent >= green_from:
        return Light.GREEN
    if percent >= yellow_from:
        return Light.YELLOW
    return Light.RED


def _percent(answers: Sequence[Answer]) -> Decimal | None:
    answered = [answer for answer in answers if answer.counts]
    possible = sum(answer.weight * answer.max_score for answer in answered)
    if not possible:
        return None
    reached = sum(answer.weight * min(answer.value or 0, answer.max_score) for answer in answered)
    return (Decimal(reached) * HUNDRED / Decimal(possible)).quantize(CENT, rounding=ROUND_HALF_UP)


def rate(
    *, answers: Iterable[Answer], area_ids: Sequence[int], green_from: Decimal, yellow_from: Decimal
) -> Rating:
    """Rate the answers of one inspection; ``area_ids`` gives the areas (and their order) to report."""
    answers = list(answers)
    areas = []
    for area_id in area_ids:
        in_area = [answer for answer in answers if answer.area_id == area_id]
        percent = _percent(in_area)
        critical = any(answer.is_critical for answer in in_area)
        light = Light.RED if critical else light_for(percent, green_from=green_from, yellow_from=yellow_from)
        not_applicable = sum(1 for answer in in_area if answer.not_applicable)
        if in_area and not_applicable == len(in_area):
            light = Light.NOT_APPLICABLE
        areas.append(
            AreaRating(
                area_id=area_id,
                percent=percent,
                light=light,
                critical=critical,
                not_applicable=not_applicable,
            )
        )
    percent = _percent(answers)
    light = light_for(percent, green_from=green_from, yellow_from=yellow_from)
    if answers and all(answer.not_applicable for answer in answers):
        light = Light.NOT_APPLICABLE
    if light == Light.GREEN and any(area.light == Light.RED for area in areas):
        light = Light.YELLOW
    return Rating(areas=tuple(areas), percent=percent, light=light)
