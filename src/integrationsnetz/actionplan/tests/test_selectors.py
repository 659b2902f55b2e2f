"""Reads: the roll-up over a whole plan, the timeline, the newsletter block; fixed query counts."""

import datetime

from integrationsnetz.actionplan.models import StepStatus
from integrationsnetz.actionplan.selectors import (
    approach_list_recent,
    plan_list,
    plan_overview,
    plan_timeline,
    steps_overdue,
)
from integrationsnetz.actionplan.tests.factories import (
    ApproachFactory,
    MeasureFactory,
    PlanFieldFactory,
    StepFactory,
)

D = datetime.date


def test_roll_up_of_a_plan_by_hand(plan_data, django_assert_max_num_queries):
    # Field 1, measure "Sprachkurse": own (planned), other (planned) + done + dropped -> 1 of 3 = 33 %.
    StepFactory.create(measure=plan_data.measure, status=StepStatus.DONE)
    StepFactory.create(measure=plan_data.measure, status=StepStatus.DROPPED)
    # Field 1, second measure: 2 done, 1 in progress -> 2 of 3 = 67 %. Field 1: 3 of 6 = 50 %.
    second = MeasureFactory.create(plan_field=plan_data.plan_field)
    for status in (StepStatus.DONE, StepStatus.DONE, StepStatus.IN_PROGRESS):
        StepFactory.create(measure=second, status=status)
    # Field 2: one measure without steps (no figure), one with only a dropped step (no figure).
    field_two = PlanFieldFactory.create(plan=plan_data.plan)
    MeasureFactory.create(plan_field=field_two)
    StepFactory.create(measure=MeasureFactory.create(plan_field=field_two), status=StepStatus.DROPPED)
    with django_assert_max_num_queries(5):
        overview = plan_overview(plan=plan_data.plan, today=D(2026, 4, 1))
    field_one, field_two_row = overview.fields
    assert [row.progress.percent for row in field_one.measures] == [33, 67]
    assert field_one.progress.percent == 50
    assert [row.progress.percent for row in field_two_row.measures] == [None, None]
    assert field_two_row.progress.percent is None
    # Plan: 3 done of 6 counted; two dropped steps left out.
    assert (overview.progress.done, overview.progress.counted, overview.progress.dropped) == (3, 6, 2)
    assert overview.progress.percent == 50
    # On 1 April 2026 only the step due 28 March is overdue.
    assert [row.step for row in overview.overdue] == [plan_data.own]


def test_plan_list_needs_two_queries(plan_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        summaries = plan_list(user=None)
    assert summaries[0].progress.total == 2


def test_timeline_groups_by_month_and_puts_undated_steps_last(plan_data, django_assert_max_num_queries):
    StepFactory.create(measure=plan_data.measure, title="Ohne Datum")
    StepFactory.create(measure=plan_data.measure, title="Auch März", due_date=D(2026, 3, 2))
    with django_assert_max_num_queries(2):
        groups = plan_timeline(plan=plan_data.plan, today=D(2026, 3, 10))
    assert [(group.label_date, [row.step.title for row in group.steps]) for group in groups] == [
        (D(2026, 3, 1), ["Auch März", "Kurse planen"]),
        (D(2026, 7, 1), ["Kurse zählen"]),
        (None, ["Ohne Datum"]),
    ]
    assert [row.overdue for row in groups[0].steps] == [True, False]


def test_steps_overdue(plan_data):
    assert list(steps_overdue(today=D(2026, 3, 29))) == [plan_data.own]
    assert list(steps_overdue(today=D(2026, 3, 28))) == []


def test_approach_list_recent_for_the_newsletter(actors, django_assert_max_num_queries):
    for index in range(5):
        ApproachFactory.create(title=f"Ansatz {index}", region=actors.state)
    ApproachFactory.create(title="Unveröffentlicht", region=actors.state, published=False)
    with django_assert_max_num_queries(4):
        recent = approach_list_recent()
    assert [approach.title for approach in recent] == ["Ansatz 4", "Ansatz 3", "Ansatz 2"]
    assert len(approach_list_recent(limit=10)) == 5
