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


def test_not_applicable_criteria_count_nowhere_and_are_never_critical() -> None:
    answers = [
        Answer(area_id=1, weight=1, max_score=4, value=4),
        # Marked not applicable: its weight and its critical score must not matter.
        Answer(area_id=1, weight=9, max_score=4, value=None, critical_scores=(0,), not_applicable=True),
        Answer(area_id=1, weight=9, max_score=4, value=0, critical_scores=(0,), not_applicable=True),
    ]
    rating = rate(answers=answers, area_ids=[1], green_from=GREEN, yellow_from=YELLOW)
    area = rating.area(1)
    assert (area.percent, area.light, area.critical, area.not_applicable) == (
        Decimal("100.00"),
        Light.GREEN,
        False,
        2,
    )
    assert (rating.percent, rating.light) == (Decimal("100.00"), Light.GREEN)


def test_an_area_whose_criteria_all_do_not_apply_is_shown_as_not_applicable() -> None:
    answers = [
        Answer(area_id=1, weight=1, max_score=4, value=2),
        Answer(area_id=2, weight=1, max_score=4, value=None, not_applicable=True),
        # An area with one criterion not applicable and one not yet scored is simply not rated.
        Answer(area_id=3, weight=1, max_score=4, value=None, not_applicable=True),
        Answer(area_id=3, weight=1, max_score=4, value=None),
    ]
    rating = rate(answers=answers, area_ids=[1, 2, 3], green_from=GREEN, yellow_from=YELLOW)
    assert [area.light for area in rating.areas] == [Light.YELLOW, Light.NOT_APPLICABLE, Light.NONE]
    assert rating.area(2).percent is None
    assert (rating.percent, rating.light) == (Decimal("50.00"), Light.YELLOW)
    nothing_applies = rate(answers=answers[1:2], area_ids=[2], green_from=GREEN, yellow_from=YELLOW)
    assert (nothing_applies.percent, nothing_applies.light) == (None, Light.NOT_APPLICABLE)


answer_strategy = st.builds(
    Answer,
    area_id=st.integers(1, 3),
    weight=st.integers(1, 5),
    max_score=st.just(4),
    value=st.one_of(st.none(), st.integers(0, 4)),
    critical_scores=st.sampled_from([(), (0,), (0, 1)]),
    not_applicable=st.booleans(),
)
thresholds = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(lambda pair: sorted(pair))


@given(answers=st.lists(answer_strategy, max_size=30), limits=thresholds)
def test_rating_rules_hold_for_random_scores(answers: list[Answer], limits: list[int]) -> None:
    yellow_from, green_from = (Decimal(limit) for limit in limits)
    rating = rate(answers=answers, area_ids=[1, 2, 3], green_from=green_from, yellow_from=yellow_from)
    for area in rating.areas:
        in_area = [answer for answer in answers if answer.area_id == area.area_id]
        answered = [answer for answer in in_area if answer.counts]
        assert area.critical == any(answer.is_critical for answer in in_area)
        assert area.not_applicable == sum(answer.not_applicable for answer in in_area)
        if area.critical:
            assert area.light == Light.RED
        elif not answered:
            assert area.percent is None
            all_not_applicable = bool(in_area) and all(answer.not_applicable for answer in in_area)
            assert area.light == (Light.NOT_APPLICABLE if all_not_applicable else Light.NONE)
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
    if any(answer.counts for answer in answers):
        assert rating.light not in (Light.NONE, Light.NOT_APPLICABLE)


@given(answers=st.lists(answer_strategy, max_size=30), limits=thresholds)
def test_not_applicable_answers_never_move_the_rating(answers: list[Answer], limits: list[int]) -> None:
    """Dropping every not-applicable answer gives the same points, lights and critical findings; only
    "not applicable" turns into "not rated" where nothing else was left."""
    yellow_from, green_from = (Decimal(limit) for limit in limits)
    with_them = rate(answers=answers, area_ids=[1, 2, 3], green_from=green_from, yellow_from=yellow_from)
    applicable = [answer for answer in answers if not answer.not_applicable]
    without = rate(answers=applicable, area_ids=[1, 2, 3], green_from=green_from, yellow_from=yellow_from)

    def seen(light: str) -> str:
        return Light.NONE if light == Light.NOT_APPLICABLE else light

    assert with_them.percent == without.percent
    assert seen(with_them.light) == without.light
    for area, area_without in zip(with_them.areas, without.areas, strict=True):
        assert (area.percent, seen(area.light), area.critical) == (
            area_without.percent,
            area_without.light,
            area_without.critical,
        )


@given(values=st.lists(st.integers(0, 4), min_size=1, max_size=10), extra=st.integers(0, 4))
def test_a_better_score_never_gives_a_worse_light(values: list[int], extra: int) -> None:
    order: list[str] = [Light.RED, Light.YELLOW, Light.GREEN]
    worse = one_area([*values, min(extra, 3)])
    better = one_area([*values, min(extra, 3) + 1])
    assert order.index(better) >= order.index(worse)
