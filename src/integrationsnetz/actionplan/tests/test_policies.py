"""The permission matrix of action plans and the library, asked of the policy directly."""

import pytest
from django.contrib.auth.models import AnonymousUser

from integrationsnetz.actionplan.models import ActionPlan, Adoption, StepComment
from integrationsnetz.actionplan.tests.factories import ApproachFactory
from integrationsnetz.core import policy

# (actor, edit plan, update own step, update other step, comment)
MATRIX = [
    ("office", True, True, True, True),
    ("owner", False, False, False, True),
    ("editor", False, True, False, True),
    ("outsider", False, False, True, True),
    ("anonymous", False, False, False, False),
]


@pytest.mark.parametrize(("who", "edit_plan", "update_own", "update_other", "comment"), MATRIX)
def test_plan_matrix(plan_data, who, edit_plan, update_own, update_other, comment):
    user = AnonymousUser() if who == "anonymous" else getattr(plan_data.actors, who)
    assert policy.can(user, "edit", plan_data.plan) is edit_plan
    assert policy.can(user, "edit", plan_data.own) is edit_plan
    assert policy.can(user, "update", plan_data.own) is update_own
    # The outsider edits the other organisation, which is responsible for the step "other".
    assert policy.can(user, "update", plan_data.other) is update_other
    assert policy.can(user, "comment", plan_data.own) is comment
    assert policy.can(user, "view", plan_data.own)


def test_drafts_are_seen_and_worked_on_by_the_office_only(plan_data):
    plan_data.plan.status = ActionPlan.Status.DRAFT
    actors = plan_data.actors
    assert policy.can(actors.office, "view", plan_data.own)
    assert not policy.can(AnonymousUser(), "view", plan_data.own)
    assert not policy.can(actors.editor, "update", plan_data.own)
    assert not policy.can(actors.editor, "comment", plan_data.own)


def test_only_author_and_office_delete_a_comment(plan_data):
    comment = StepComment(step=plan_data.own, author=plan_data.actors.editor, text="x")
    assert policy.can(plan_data.actors.editor, "delete", comment)
    assert policy.can(plan_data.actors.office, "delete", comment)
    assert not policy.can(plan_data.actors.owner, "delete", comment)


def test_library_matrix(actors):
    approach = ApproachFactory.create(
        region=actors.nordsachsen, contact_organisation=actors.other_organisation, published=False
    )
    assert policy.can(actors.owner, "edit", approach)  # coordinator of the region
    assert policy.can(actors.outsider, "edit", approach)  # editor of the contact organisation
    assert not policy.can(actors.editor, "edit", approach)
    assert not policy.can(AnonymousUser(), "view", approach)
    assert policy.can(actors.owner, "create", Adoption(approach=approach, region=actors.eilenburg))
    assert not policy.can(actors.outsider, "create", Adoption(approach=approach, region=actors.nordsachsen))
    assert not policy.can(actors.editor, "create", Adoption)
