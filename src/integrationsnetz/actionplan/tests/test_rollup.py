"""The progress rule and the overdue rule, with hand-computed cases."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrationsnetz.actionplan.rollup import Progress, is_overdue, network_today, progress_of

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("statuses", "done", "counted", "percent"),
    [
        ([], 0, 0, None),
        (["dropped"], 0, 0, None),  # only dropped steps: no figure, not 0 %
        (["planned"], 0, 1, 0),
        (["done"], 1, 1, 100),
        (["done", "planned", "in_progress"], 1, 3, 33),  # 33.3 -> 33
        (["done", "done", "planned"], 2, 3, 67),  # 66.7 -> 67
        (["done", "dropped", "planned", "dropped"], 1, 2, 50),  # dropped steps leave the count
        (["done"] * 7 + ["planned"], 7, 8, 88),  # 87.5 rounds half up -> 88
        (["done"] + ["planned"] * 7, 1, 8, 13),  # 12.5 -> 13
    ],
)
def test_progress_of_steps(statuses, done, counted, percent):
    progress = progress_of(statuses)
    assert (progress.done, progress.counted, progress.percent) == (done, counted, percent)


def test_a_field_pools_its_steps_instead_of_averaging_its_measures():
    # Measure A: 1 of 1 done (100 %); measure B: 1 of 4 done (25 %). Mean of measures would be 62.5 %;
    # the rule weighs every step the same: 2 of 5 = 40 %.
    measure_a = progress_of(["done"])
    measure_b = progress_of(["done", "planned", "planned", "in_progress", "dropped"])
    assert measure_b.percent == 25
    field = measure_a + measure_b
    assert (field.done, field.counted, field.dropped, field.total, field.percent) == (2, 5, 1, 6, 40)
    assert (Progress() + field).percent == 40


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Winter (CET, UTC+1): Berlin midnight is 23:00 UTC the day before.
        (datetime.datetime(2026, 1, 15, 22, 59, 59, tzinfo=UTC), datetime.date(2026, 1, 15)),
        (datetime.datetime(2026, 1, 15, 23, 0, 0, tzinfo=UTC), datetime.date(2026, 1, 16)),
        # Summer (CEST, UTC+2): Berlin midnight is 22:00 UTC.
        (datetime.datetime(2026, 7, 1, 21, 59, 59, tzinfo=UTC), datetime.date(2026, 7, 1)),
        (datetime.datetime(2026, 7, 1, 22, 0, 0, tzinfo=UTC), datetime.date(2026, 7, 2)),
        # The night DST begins (29 March 2026, 02:00 CET -> 03:00 CEST): midnight is still 23:00 UTC.
        (datetime.datetime(2026, 3, 28, 22, 59, 0, tzinfo=UTC), datetime.date(2026, 3, 28)),
        (datetime.datetime(2026, 3, 28, 23, 0, 0, tzinfo=UTC), datetime.date(2026, 3, 29)),
        # The day after DST began, midnight is 22:00 UTC.
        (datetime.datetime(2026, 3, 29, 21, 59, 0, tzinfo=UTC), datetime.date(2026, 3, 29)),
        (datetime.datetime(2026, 3, 29, 22, 0, 0, tzinfo=UTC), datetime.date(2026, 3, 30)),
        # The night DST ends (25 October 2026): midnight of the 26th is 23:00 UTC again.
        (datetime.datetime(2026, 10, 25, 22, 59, 0, tzinfo=UTC), datetime.date(2026, 10, 25)),
        (datetime.datetime(2026, 10, 25, 23, 0, 0, tzinfo=UTC), datetime.date(2026, 10, 26)),
        # Moments given in other time zones count by the Berlin calendar, not their own.
        (
            datetime.datetime(2026, 7, 1, 18, 30, tzinfo=ZoneInfo("America/New_York")),
            datetime.date(2026, 7, 2),
        ),
        (datetime.datetime(2026, 7, 2, 6, 30, tzinfo=ZoneInfo("Asia/Tokyo")), datetime.date(2026, 7, 1)),
    ],
)
def test_network_today_is_the_berlin_calendar_day(now, expected):
    assert network_today(now) == expected


def test_network_today_refuses_naive_times():
    with pytest.raises(ValueError, match="aware"):
        network_today(datetime.datetime(2026, 1, 1, 12, 0))  # noqa: DTZ001


def test_overdue_from_berlin_midnight_after_the_due_date():
    due = datetime.date(2026, 3, 28)
    just_before = network_today(datetime.datetime(2026, 3, 28, 22, 59, tzinfo=UTC))
    just_after = network_today(datetime.datetime(2026, 3, 28, 23, 0, tzinfo=UTC))
    assert not is_overdue(status="planned", due_date=due, today=just_before)
    assert is_overdue(status="planned", due_date=due, today=just_after)
    assert is_overdue(status="in_progress", due_date=due, today=just_after)


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_finished_steps_are_never_overdue(status):
    assert not is_overdue(status=status, due_date=datetime.date(2020, 1, 1), today=datetime.date(2026, 1, 1))


def test_a_step_without_due_date_is_never_overdue():
    assert not is_overdue(status="planned", due_date=None, today=datetime.date(2026, 1, 1))


@given(
    st.lists(st.sampled_from(["planned", "in_progress", "done", "dropped"]), max_size=200),
    st.integers(0, 200),
)
def test_pooling_is_the_same_however_steps_are_split_into_measures(statuses, cut):
    whole = progress_of(statuses)
    parts = progress_of(statuses[:cut]) + progress_of(statuses[cut:])
    assert parts == whole
    assert whole.total == len(statuses)
    if whole.percent is not None:
        assert 0 <= whole.percent <= 100
        # Within half a percent of the exact share.
        assert abs(whole.percent - 100 * whole.done / whole.counted) <= 0.5
