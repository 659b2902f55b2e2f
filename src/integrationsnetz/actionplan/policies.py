"""Who may see and change action plans and the library of approaches.

- everyone sees plans that are not drafts, with their fields, measures, steps, notes and links;
- the coordinating office creates and edits plans, fields, measures and steps;
- editors of a step's responsible organisation update that step only: status, progress notes, links;
- network members (anyone holding a role other than volunteer) comment on steps of visible plans;
  a comment's author and the office may delete it;
- everyone sees published approaches; the office, coordinators of the approach's region and editors of
  its contact organisation edit it; the office and regional coordinators add approaches;
- the office and coordinators record adoptions for their regions (and remove them).
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.models import Role
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.actionplan.models import (
    ActionPlan,
    Adoption,
    Approach,
    ApproachDocument,
    ImplementationStep,
    Measure,
    PlanField,
    ProgressNote,
    StepComment,
    StepLink,
)
from integrationsnetz.core import policy


def is_office(user: Any, obj: Any = None) -> bool:
    return scopes_of(user).is_office


def plan_of(obj: Any) -> ActionPlan | None:
    """The plan an object belongs to (walks up the already loaded relations)."""
    if isinstance(obj, ActionPlan):
        return obj
    if isinstance(obj, PlanField):
        return obj.plan
    if isinstance(obj, Measure):
        return obj.plan_field.plan
    if isinstance(obj, ImplementationStep):
        return obj.measure.plan_field.plan
    if isinstance(obj, ProgressNote | StepComment | StepLink):
        return plan_of(obj.step)
    return None


def may_view_plan_part(user: Any, obj: Any) -> bool:
    plan = plan_of(obj)
    return plan is None or plan.is_public or is_office(user)


def responsible_organisation_ids(step: ImplementationStep) -> set[int]:
    # Uses the prefetched relation when the selector loaded it, so checks per row add no query.
    return {organisation.pk for organisation in step.responsible_organisations.all()}


def may_update_step(user: Any, step: Any) -> bool:
    """Status, progress notes and links: the office, or an editor of a responsible organisation."""
    if not isinstance(step, ImplementationStep):
        scopes = scopes_of(user)
        return scopes.is_office or bool(scopes.edited_organisation_ids)
    return may_update_step_of(user, step, responsible_organisation_ids(step))


def may_update_step_of(user: Any, step: ImplementationStep, responsible_ids: set[int]) -> bool:
    """The same rule for a step whose responsible organisations the caller already loaded (lists)."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not may_view_plan_part(user, step):
        return False
    return bool(responsible_ids & scopes.edited_organisation_ids)


def is_member(user: Any) -> bool:
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.roles - {Role.VOLUNTEER})


def may_comment(user: Any, step: Any) -> bool:
    if not is_member(user):
        return False
    return not isinstance(step, ImplementationStep) or may_view_plan_part(user, step)


def may_delete_comment(user: Any, comment: Any) -> bool:
    if is_office(user):
        return True
    if not isinstance(comment, StepComment):
        return False
    return comment.author_id is not None and comment.author_id == getattr(user, "pk", None)


def may_edit_child_of_step(user: Any, obj: Any) -> bool:
    step = getattr(obj, "step", None)
    return may_update_step(user, step)


for _model in (ActionPlan, PlanField, Measure, ImplementationStep, ProgressNote, StepComment, StepLink):
    policy.rule("view", _model)(may_view_plan_part)
for _model in (ActionPlan, PlanField, Measure, ImplementationStep):
    for _action in ("create", "edit", "delete"):
        policy.rule(_action, _model)(is_office)
policy.rule("update", ImplementationStep)(may_update_step)
policy.rule("comment", ImplementationStep)(may_comment)
for _model in (ProgressNote, StepLink):
    for _action in ("create", "edit", "delete"):
        policy.rule(_action, _model)(may_edit_child_of_step)
policy.rule("create", StepComment)(lambda user, comment: may_comment(user, getattr(comment, "step", None)))
policy.rule("edit", StepComment)(may_delete_comment)
policy.rule("delete", StepComment)(may_delete_comment)


def may_edit_approach(user: Any, approach: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(approach, Approach):
        return bool(scopes.coordinated_paths or scopes.edited_organisation_ids)
    if approach.contact_organisation_id in scopes.edited_organisation_ids:
        return True
    return scopes.coordinates(approach.region.path)


def may_view_approach(user: Any, approach: Any) -> bool:
    if not isinstance(approach, Approach) or approach.published:
        return True
    return may_edit_approach(user, approach)


def may_create_approach(user: Any, obj: Any = None) -> bool:
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.coordinated_paths)


def may_record_adoption(user: Any, adoption: Any) -> bool:
    """The office for any region, a coordinator for a region in their scope (a region, not a town too)."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(adoption, Adoption) or adoption.region_id is None:
        return bool(scopes.coordinated_paths)
    return scopes.coordinates(adoption.region.path)


policy.rule("view", Approach)(may_view_approach)
policy.rule("edit", Approach)(may_edit_approach)
policy.rule("delete", Approach)(is_office)
policy.rule("create", Approach)(may_create_approach)
policy.rule("view", ApproachDocument)(
    lambda user, doc: may_view_approach(user, getattr(doc, "approach", None))
)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, ApproachDocument)(
        lambda user, doc: may_edit_approach(user, getattr(doc, "approach", None))
    )
policy.rule("view", Adoption)(
    lambda user, adoption: may_view_approach(user, getattr(adoption, "approach", None))
)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Adoption)(may_record_adoption)
