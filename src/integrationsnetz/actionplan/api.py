"""The actionplan part of /api/v1: plans with measures and steps, steps, and the approaches library.

Reads are open (drafts and unpublished approaches only for those who may see them are left out, as
the API reads as the public); a responsible organisation's token updates its steps' progress.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from integrationsnetz.actionplan import selectors, services
from integrationsnetz.actionplan.models import ActionPlan, ImplementationStep, StepStatus
from integrationsnetz.actionplan.rollup import Progress, is_overdue, network_today
from integrationsnetz.actionplan.selectors import OrganisationRef as LoadedOrganisation
from integrationsnetz.actionplan.selectors import StepRow
from integrationsnetz.api.auth import PUBLIC, READ_ERRORS, WRITE_ERRORS, TokenAuth
from integrationsnetz.api.schemas import MAX_PAGE, MAX_PAGE_SIZE, Text
from integrationsnetz.core import policy

router = Router(tags=["actionplan"])

# Path ids beyond a 64-bit integer cannot exist; refusing them early keeps SQLite from overflowing.
MAX_ID = 2**63 - 1


class ProgressOut(Schema):
    total: int
    done: int
    in_progress: int
    planned: int
    dropped: int
    percent: int | None = Field(description="Share of the non-dropped steps that are done, in whole percent.")


class OrganisationRef(Schema):
    slug: str
    name: str


class StepOut(Schema):
    id: int
    title: str
    description: str
    status: StepStatus
    due_date: datetime.date | None
    overdue: bool
    responsible_organisations: list[OrganisationRef]
    partners: list[OrganisationRef]
    partners_text: str
    measure_id: int
    plan: str = Field(description="Slug of the plan.")


class MeasureOut(Schema):
    id: int
    title: str
    description: str
    progress: ProgressOut
    steps: list[StepOut]


class FieldOut(Schema):
    id: int
    title: str
    goal: str
    field_of_action: str | None = Field(None, description="Slug of the shared field of action.")
    progress: ProgressOut
    measures: list[MeasureOut]


class PlanSummaryOut(Schema):
    slug: str
    title: str
    subtitle: str
    status: ActionPlan.Status
    period_start: datetime.date
    period_end: datetime.date | None
    network: str | None = Field(None, description="Short name of the owner network.")
    progress: ProgressOut


class PlanOut(PlanSummaryOut):
    summary: str
    permanence_proposals: str
    fields: list[FieldOut]


class AdoptionOut(Schema):
    region: str = Field(description="Official key of the region.")
    region_name: str
    organisation: str | None
    started_on: datetime.date | None
    experience: str


class ApproachOut(Schema):
    slug: str
    title: str
    problem: str
    what_was_done: str
    results: str
    key_figure: str
    source: str
    region: str = Field(description="Official key of the region of origin.")
    region_name: str
    fields_of_action: list[str]
    target_groups: list[str]
    contact_organisation: OrganisationRef | None
    started_on: datetime.date | None
    ended_on: datetime.date | None
    adoptions: list[AdoptionOut]
    created_at: datetime.datetime


class ApproachPage(Schema):
    items: list[ApproachOut]
    total: int
    page: int
    page_size: int
    pages: int


class ApproachQuery(Schema):
    q: Text = Field("", max_length=200)
    field: list[Text] = Field(default_factory=list, description="Field of action slugs.")
    group: list[Text] = Field(default_factory=list, description="Target group slugs.")
    region: Text = Field("", max_length=32, description="Official key: from this region or adopted there.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class StepProgressIn(Schema):
    status: StepStatus
    note: Text = Field("", max_length=5000, description="A progress note, dated today.")


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "total": progress.total,
        "done": progress.done,
        "in_progress": progress.in_progress,
        "planned": progress.planned,
        "dropped": progress.dropped,
        "percent": progress.percent,
    }


def _organisations(items: list[LoadedOrganisation]) -> list[dict[str, str]]:
    return [{"slug": organisation.slug, "name": organisation.name} for organisation in items]


def _refs(organisations: Any) -> list[LoadedOrganisation]:
    return [LoadedOrganisation(pk=item.pk, name=item.name, slug=item.slug) for item in organisations.all()]


def _step(
    step: ImplementationStep, plan: ActionPlan, today: datetime.date, row: StepRow | None = None
) -> dict[str, Any]:
    """A step as JSON; ``row`` carries its organisations when a plan overview loaded them already."""
    return {
        "id": step.pk,
        "title": step.title,
        "description": step.description,
        "status": step.status,
        "due_date": step.due_date,
        "overdue": is_overdue(status=step.status, due_date=step.due_date, today=today),
        "responsible_organisations": _organisations(
            row.responsible if row else _refs(step.responsible_organisations)
        ),
        "partners": _organisations(row.partners if row else _refs(step.partners)),
        "partners_text": step.partners_text,
        "measure_id": step.measure_id,
        "plan": plan.slug,
    }


def _plan_summary(plan: ActionPlan, progress: Progress) -> dict[str, Any]:
    return {
        "slug": plan.slug,
        "title": plan.title,
        "subtitle": plan.subtitle,
        "status": plan.status,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "network": plan.network.short_name if plan.network else None,
        "progress": _progress(progress),
    }


def _today() -> datetime.date:
    return network_today(timezone.now())


def _public_plan(slug: str) -> ActionPlan:
    plan = selectors.plans_visible_to(PUBLIC).filter(slug=slug.replace("\x00", "")).first()
    if plan is None:
        raise Http404
    return plan


@router.get("/plans", response={200: list[PlanSummaryOut], **READ_ERRORS})
def plan_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_plan_summary(summary.plan, summary.progress) for summary in selectors.plan_list(user=PUBLIC)]


@router.get("/plans/{slug}", response={200: PlanOut, **READ_ERRORS})
def plan_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A plan with its fields of action, measures and steps, and progress at every level."""
    plan = _public_plan(slug)
    today = _today()
    overview = selectors.plan_overview(plan=plan, today=today)
    return {
        **_plan_summary(plan, overview.progress),
        "summary": plan.summary,
        "permanence_proposals": plan.permanence_proposals,
        "fields": [
            {
                "id": row.plan_field.pk,
                "title": row.plan_field.title,
                "goal": row.plan_field.goal,
                "field_of_action": row.plan_field.field_of_action.slug
                if row.plan_field.field_of_action
                else None,
                "progress": _progress(row.progress),
                "measures": [
                    {
                        "id": measure_row.measure.pk,
                        "title": measure_row.measure.title,
                        "description": measure_row.measure.description,
                        "progress": _progress(measure_row.progress),
                        "steps": [
                            _step(step_row.step, plan, today, step_row) for step_row in measure_row.steps
                        ],
                    }
                    for measure_row in row.measures
                ],
            }
            for row in overview.fields
        ],
    }


@router.get("/plans/{slug}/measures", response={200: list[MeasureOut], **READ_ERRORS})
def measure_list(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """The plan's measures in order, each with its steps and progress."""
    detail = plan_detail(request, slug)
    return [measure for field in detail["fields"] for measure in field["measures"]]


class StepQuery(Schema):
    status: list[StepStatus] = Field(default_factory=list)
    overdue: bool | None = Field(None, description="Only overdue (true) or only not overdue (false) steps.")


@router.get("/plans/{slug}/steps", response={200: list[StepOut], **READ_ERRORS})
def step_list(request: HttpRequest, slug: str, filters: Query[StepQuery]) -> list[dict[str, Any]]:
    plan = _public_plan(slug)
    today = _today()
    steps = selectors.steps_of_plan(plan=plan).order_by(
        "measure__plan_field__position", "measure__position", "position", "pk"
    )
    if filters.status:
        steps = steps.filter(status__in=filters.status)
    items = [_step(step, plan, today) for step in steps]
    if filters.overdue is not None:
        items = [item for item in items if item["overdue"] == filters.overdue]
    return items


def _step_for(step_id: int) -> ImplementationStep:
    if not 0 < step_id <= MAX_ID:
        raise Http404
    step = selectors.step_detail(step_id=step_id)
    if step is None:
        raise Http404
    return step


@router.get("/steps/{step_id}", response={200: StepOut, **READ_ERRORS})
def step_detail(request: HttpRequest, step_id: int) -> dict[str, Any]:
    step = _step_for(step_id)
    policy.require(PUBLIC, "view", step)
    return _step(step, step.measure.plan_field.plan, _today())


@router.patch("/steps/{step_id}", auth=TokenAuth(), response={200: StepOut, **WRITE_ERRORS})
def step_progress(request: HttpRequest, step_id: int, payload: StepProgressIn) -> dict[str, Any]:
    """Set a step's status (and add a progress note): the office or a responsible organisation's editor."""
    user = request.auth  # type: ignore[attr-defined]
    step = _step_for(step_id)
    policy.require(user, "view", step)
    policy.require(user, "update", step)
    services.step_update_progress(actor=user, step=step, status=payload.status, note=payload.note)
    step = _step_for(step_id)
    return _step(step, step.measure.plan_field.plan, _today())


def _approach(approach: Any) -> dict[str, Any]:
    organisation = approach.contact_organisation
    return {
        "slug": approach.slug,
        "title": approach.title,
        "problem": approach.problem,
        "what_was_done": approach.what_was_done,
        "results": approach.results,
        "key_figure": approach.key_figure,
        "source": approach.source,
        "region": approach.region.key,
        "region_name": approach.region.name,
        "fields_of_action": [item.slug for item in approach.fields_of_action.all()],
        "target_groups": [item.slug for item in approach.target_groups.all()],
        "contact_organisation": {"slug": organisation.slug, "name": organisation.name}
        if organisation
        else None,
        "started_on": approach.started_on,
        "ended_on": approach.ended_on,
        "adoptions": [
            {
                "region": adoption.region.key,
                "region_name": adoption.region.name,
                "organisation": adoption.organisation.name if adoption.organisation else None,
                "started_on": adoption.started_on,
                "experience": adoption.experience,
            }
            for adoption in approach.adoptions.all()
        ],
        "created_at": approach.created_at,
    }


@router.get("/approaches", response={200: ApproachPage, **READ_ERRORS})
def approach_list(request: HttpRequest, filters: Query[ApproachQuery]) -> dict[str, Any]:
    result = selectors.approach_search(
        user=PUBLIC,
        query=filters.q,
        fields=filters.field,
        groups=filters.group,
        region=filters.region,
        page=filters.page,
        page_size=filters.page_size,
    )
    return {
        "items": [_approach(approach) for approach in result.approaches],
        "total": result.total,
        "page": result.page,
        "page_size": filters.page_size,
        "pages": result.pages,
    }


@router.get("/approaches/{slug}", response={200: ApproachOut, **READ_ERRORS})
def approach_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    approach = selectors.approach_detail(slug=slug.replace("\x00", ""))
    if approach is None or not policy.can(PUBLIC, "view", approach):
        raise Http404
    return _approach(approach)
