"""The rating rules: thresholds, weights, critical criteria; and over random scores with hypothesis."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from integrationsnetz.accommodation.models import Light
from integrationsnetz.accommodation.rating import Answer, light_for, rate

GREEN = Decimal("75")
YELLOW = Decimal("50")


def one_area(values: list[int | None], *, max_score: int = 4, critical: tuple[int, ...] = ()) -> str:
    answers = [
        Answer(area_id=1, weight=1, max_score=max_score, value=value, critical_scores=critical)
        for value in values
    ]
    return rate(answers=answers, area_ids=[1], green_from=GREEN, yellow_from=YELLOW).area(1).light


def test_thresholds_are_inclusive() -> None:
    # 3 of 4 points = 75 %: exactly the green threshold.
    assert one_area([3]) == Light.GREEN
    # 2 of 4 = 50 %: exactly the yellow threshold.
    assert one_area([2]) == Light.YELLOW
    # 149 of 200 = 74.5 %: just below green.
    assert light_for(Decimal("74.99"), green_from=GREEN, yellow_from=YELLOW) == Light.YELLOW
    assert light_for(Decimal("49.99"), green_from=GREEN, yellow_from=YELLOW) == Light.RED
    assert one_area([1]) == Light.RED
    assert one_area([4, 4, 4, 3]) == Light.GREEN  # 93.75 %


def test_weights_count_and_unanswered_criteria_count_nowhere() -> None:
    answers = [
        Answer(area_id=1, weight=3, max_score=4, value=4),
        Answer(area_id=1, weight=1, max_score=4, value=0),
        Answer(area_id=1, weight=5, max_score=4, value=None),
    ]
    rating = rate(answers=answers, area_ids=[1], green_from=GREEN, yellow_from=YELLOW)
    assert rating.area(1).percent == Decimal("75.00")
    assert rating.area(1).light == Light.GREEN


def test_an_area_without_answers_is_not_rated() -> None:
    rating = rate(answers=[], area_ids=[1], green_from=GREEN, yellow_from=YELLOW)
    assert rating.area(1).light == Light.NONE
    assert rating.light == Light.NONE
    assert rating.percent is None


def test_a_critical_answer_forces_red_for_its_area_only() -> None:
    answers = [
        Answer(area_id=1, weight=1, max_score=4, value=4),
        Answer(area_id=1, weight=1, max_score=4, value=4),
        Answer(area_id=1, weight=1, max_score=4, value=0, critical_scores=(0,)),
        Answer(area_id=2, weight=10, max_score=4, value=4),
    ]
    rating = rate(answers=answers, area_ids=[1, 2], green_from=GREEN, yellow_from=YELLOW)
    assert rating.area(1).percent == Decimal("66.67")
    assert rating.area(1).light == Light.RED
    assert rating.area(1).critical
    assert rating.area(2).light == Light.GREEN
    # Overall 92.31 % would be green, but a red area keeps the overall light at yellow.
    assert rating.percent == Decimal("92.31")
    assert rating.light == Light.YELLOW


def test_a_critical_score_that_was_not_given_changes_nothing() -> None:
    assert one_area([1, 4], critical=(0,)) == Light.YELLOW


answer_strategy = st.builds(
    Answer,
    area_id=st.integers(1, 3),
    weight=st.integers(1, 5),
    max_score=st.just(4),
    value=st.one_of(st.none(), st.integers(0, 4)),
    critical_scores=st.sampled_from([(), (0,), (0, 1)]),
)
thresholds = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(lambda pair: sorted(pair))


@given(answers=st.lists(answer_strategy, max_size=30), limits=thresholds)
def test_rating_rules_hold_for_random_scores(answers: list[Answer], limits: list[int]) -> None:
    yellow_from, green_from = (Decimal(limit) for limit in limits)
    rating = rate(answers=answers, area_ids=[1, 2, 3], green_from=green_from, yellow_from=yellow_from)
    for area in rating.areas:
        in_area = [answer for answer in answers if answer.area_id == area.area_id]
        answered = [answer for answer in in_area if answer.value is not None]
        assert area.critical == any(answer.is_critical for answer in in_area)
        if area.critical:
            assert area.light == Light.RED
        elif not answered:
            assert area.light == Light.NONE and area.percent is None
        else:
            assert area.percent is not None and Decimal(0) <= area.percent <= Decimal(100)
            expected = (
                Light.GREEN
                if area.percent >= green_from
                else Light.YELLOW
                if area.percent >= yellow_from
                else Light.RED
            )
            assert area.light == expected
    if rating.light == Light.GREEN:
        assert all(area.light != Light.RED for area in rating.areas)
    if any(answer.value is not None for answer in answers):
        assert rating.light != Light.NONE


@given(values=st.lists(st.integers(0, 4), min_size=1, max_size=10), extra=st.integers(0, 4))
def test_a_better_score_never_gives_a_worse_light(values: list[int], extra: int) -> None:
    order: list[str] = [Light.RED, Light.YELLOW, Light.GREEN]
    worse = one_area([*values, min(extra, 3)])
    better = one_area([*values, min(extra, 3) + 1])
    assert order.index(better) >= order.index(worse)
