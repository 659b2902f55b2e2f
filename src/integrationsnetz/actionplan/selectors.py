"""Every read of action plans and the library that pages, PDF, feed, API and the news app share.

Each selector loads its rows in a fixed number of queries (tests pin them), and plan views get the
roll-up computed in Python from the steps loaded once (rollup.py defines the figures).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.actionplan.models import (
    OPEN_STATUSES,
    ActionPlan,
    Adoption,
    Approach,
    ImplementationStep,
    Measure,
    PlanField,
    ProgressNote,
    StepComment,
    StepLink,
    StepStatus,
)
from integrationsnetz.actionplan.rollup import Progress, is_overdue, progress_of
from integrationsnetz.core.models import FieldOfAction, Region, TargetGroup
from integrationsnetz.directory.models import Organisation

# --- Plans ------------------------------------------------------------------------------------------


def plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.select_related("network")
    if scopes_of(user).is_office:
        return plans
    return plans.exclude(status=ActionPlan.Status.DRAFT)


def plan_list(*, user: Any) -> list[PlanSummary]:
    """Plans with their overall progress: two queries whatever the number of plans and steps."""
    plans = list(plans_visible_to(user))
    statuses: dict[int, list[str]] = defaultdict(list)
    for plan_id, status in ImplementationStep.objects.filter(
        measure__plan_field__plan__in=[plan.pk for plan in plans]
    ).values_list("measure__plan_field__plan_id", "status"):
        statuses[plan_id].append(status)
    return [PlanSummary(plan=plan, progress=progress_of(statuses[plan.pk])) for plan in plans]


@dataclass
class PlanSummary:
    plan: ActionPlan
    progress: Progress


@dataclass(frozen=True)
class OrganisationRef:
    pk: int
    name: str
    slug: str


@dataclass
class StepRow:
    step: ImplementationStep
    overdue: bool
    responsible: list[OrganisationRef] = field(default_factory=list)
    partners: list[OrganisationRef] = field(default_factory=list)
    may_update: bool = False
    url: str = ""
    status_label: str = ""


@dataclass
class MeasureRow:
    measure: Measure
    steps: list[StepRow]
    progress: Progress


@dataclass
class FieldRow:
    plan_field: PlanField
    measures: list[MeasureRow]
    progress: Progress


@dataclass
class PlanOverview:
    plan: ActionPlan
    fields: list[FieldRow]
    progress: Progress
    overdue: list[StepRow] = field(default_factory=list)

    @property
    def steps(self) -> list[StepRow]:
        return [row for field_row in self.fields for measure in field_row.measures for row in measure.steps]


def organisation_names() -> QuerySet[Organisation]:
    # Only what lists show: parsing the organisations' timestamps and texts would cost more than the rest.
    return Organisation.objects.only("pk", "name", "slug")


def _organisations_by_step(through: Any, plan: ActionPlan) -> dict[int, list[OrganisationRef]]:
    """step id -> organisations, read from the link table in one query.

    A prefetch would build a related manager per step and send every step id as a parameter; for a
    plan of 1,000 steps that took most of the page's time.
    """
    result: dict[int, list[OrganisationRef]] = defaultdict(list)
    rows = (
        through.objects.filter(implementationstep__measure__plan_field__plan=plan)
        .order_by("organisation__name", "organisation_id")
        .values_list("implementationstep_id", "organisation_id", "organisation__name", "organisation__slug")
    )
    for step_id, pk, name, slug in rows:
        result[step_id].append(OrganisationRef(pk=pk, name=name, slug=slug))
    return result


def plan_overview(*, plan: ActionPlan, today: datetime.date, user: Any = None) -> PlanOverview:
    """The whole plan with progress per measure, field and plan, and its overdue steps.

    Five queries whatever the plan's size: fields, measures, steps (with note and comment counts),
    responsible organisations, partners.
    """
    from integrationsnetz.actionplan.policies import may_update_step_of

    plan_fields = list(PlanField.objects.filter(plan=plan).select_related("field_of_action"))
    measures: dict[int, list[Measure]] = defaultdict(list)
    for measure in Measure.objects.filter(plan_field__plan=plan):
        measures[measure.plan_field_id].append(measure)
    steps: dict[int, list[Any]] = defaultdict(list)
    for step in ImplementationStep.objects.filter(measure__plan_field__plan=plan).annotate(
        note_count=Count("notes", distinct=True), comment_count=Count("comments", distinct=True)
    ):
        steps[step.measure_id].append(step)
    responsible = _organisations_by_step(ImplementationStep.responsible_organisations.through, plan)
    partners = _organisations_by_step(ImplementationStep.partners.through, plan)
    # Resolved once, not per step: reverse() and the translated labels were a third of a large page's time.
    head, _one, tail = reverse("actionplan:step_detail", args=[1]).rpartition("/1/")
    labels = {value: str(label) for value, label in StepStatus.choices}
    field_rows: list[FieldRow] = []
    for plan_field in plan_fields:
        plan_field.plan = plan
        measure_rows = []
        for measure in measures[plan_field.pk]:
            measure.plan_field = plan_field
            rows = []
            for step in steps[measure.pk]:
                step.measure = measure
                row = StepRow(
                    step=step,
                    overdue=is_overdue(status=step.status, due_date=step.due_date, today=today),
                    responsible=responsible[step.pk],
                    partners=partners[step.pk],
                    url=f"{head}/{step.pk}/{tail}",
                    status_label=labels[step.status],
                )
                if user is not None:
                    row.may_update = may_update_step_of(user, step, {ref.pk for ref in row.responsible})
                rows.append(row)
            measure_rows.append(
                MeasureRow(measure=measure, steps=rows, progress=progress_of(row.step.status for row in rows))
            )
        field_rows.append(
            FieldRow(
                plan_field=plan_field,
                measures=measure_rows,
                progress=sum((row.progress for row in measure_rows), Progress()),
            )
        )
    overview = PlanOverview(
        plan=plan, fields=field_rows, progress=sum((row.progress for row in field_rows), Progress())
    )
    overview.overdue = [row for row in overview.steps if row.overdue]
    return overview


@dataclass
class TimelineGroup:
    label_date: datetime.date | None
    steps: list[StepRow]


def plan_timeline(*, plan: ActionPlan, today: datetime.date) -> list[TimelineGroup]:
    """The plan's steps by month of their due date (steps without a date last); two queries."""
    steps = (
        ImplementationStep.objects.filter(measure__plan_field__plan=plan)
        .select_related("measure__plan_field")
        .prefetch_related(Prefetch("responsible_organisations", queryset=organisation_names()))
        .order_by("due_date", "measure__plan_field__position", "measure__position", "position", "pk")
    )
    groups: dict[datetime.date | None, list[StepRow]] = {}
    for step in steps:
        step.measure.plan_field.plan = plan
        month = step.due_date.replace(day=1) if step.due_date else None
        groups.setdefault(month, []).append(
            StepRow(step=step, overdue=is_overdue(status=step.status, due_date=step.due_date, today=today))
        )
    dated = [
        TimelineGroup(label_date=month, steps=rows) for month, rows in groups.items() if month is not None
    ]
    undated = [TimelineGroup(label_date=None, steps=groups[None])] if None in groups else []
    return dated + undated


def step_detail(*, step_id: int) -> ImplementationStep | None:
    """A step with its plan, organisations, notes (with authors), comments and links; six queries.

    Links are resolved per kind (one query per linked model), see ``step_links``.
    """
    return (
        ImplementationStep.objects.select_related("measure__plan_field__plan__network")
        .prefetch_related(
            "responsible_organisations",
            "partners",
            Prefetch("notes", queryset=ProgressNote.objects.select_related("author")),
            Prefetch("comments", queryset=StepComment.objects.select_related("author")),
            Prefetch("links", queryset=StepLink.objects.select_related("content_type")),
        )
        .filter(pk=step_id)
        .first()
    )


@dataclass
class LinkRow:
    link: StepLink
    target: Any

    @property
    def kind(self) -> str:
        model = self.link.content_type.model_class()
        return str(model._meta.verbose_name) if model is not None else ""

    @property
    def url(self) -> str:
        getter = getattr(self.target, "get_absolute_url", None)
        return getter() if callable(getter) else ""


def step_links(step: ImplementationStep) -> list[LinkRow]:
    """The step's links with their targets, one query per linked kind; links to deleted objects are left out."""
    by_type: dict[int, list[StepLink]] = defaultdict(list)
    for link in step.links.all():
        by_type[link.content_type_id].append(link)
    rows: list[LinkRow] = []
    for links in by_type.values():
        model = links[0].content_type.model_class()
        if model is None:  # the app of this kind is not installed (any more)
            continue
        targets = model._default_manager.in_bulk([link.object_id for link in links])
        rows += [
            LinkRow(link=link, target=targets[link.object_id]) for link in links if link.object_id in targets
        ]
    return rows


def steps_of_plan(*, plan: ActionPlan) -> QuerySet[ImplementationStep]:
    return (
        ImplementationStep.objects.filter(measure__plan_field__plan=plan)
        .prefetch_related("responsible_organisations", "partners")
        .select_related("measure__plan_field")
    )


def steps_overdue(*, today: datetime.date) -> QuerySet[ImplementationStep]:
    """Open steps of public plans whose due date (a Europe/Berlin day) is before ``today``."""
    return (
        ImplementationStep.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .exclude(measure__plan_field__plan__status=ActionPlan.Status.DRAFT)
        .select_related("measure__plan_field__plan")
        .prefetch_related("responsible_organisations")
        .order_by("due_date", "pk")
    )


# --- Library ------------------------------------------------------------------------------------------


def approaches_visible_to(user: Any) -> QuerySet[Approach]:
    approaches = Approach.objects.all()
    scopes = scopes_of(user)
    if scopes.is_office:
        return approaches
    condition = Q(published=True) | Q(contact_organisation_id__in=scopes.edited_organisation_ids)
    for path in scopes.coordinated_paths:
        condition |= Q(region__path__startswith=path)
    return approaches.filter(condition)


def _with_lists(approaches: QuerySet[Approach]) -> QuerySet[Approach]:
    return approaches.select_related("region", "contact_organisation", "contact_person").prefetch_related(
        "fields_of_action",
        "target_groups",
        Prefetch("adoptions", queryset=Adoption.objects.select_related("region", "organisation")),
    )


@dataclass
class FacetValue:
    slug: str
    label: str
    count: int
    selected: bool


@dataclass
class ApproachSearch:
    approaches: list[Approach]
    total: int
    page: int
    pages: int
    fields: list[FacetValue]
    groups: list[FacetValue]


APPROACH_PAGE_SIZE = 20


def approach_search(
    *,
    user: Any,
    query: str = "",
    fields: list[str] | None = None,
    groups: list[str] | None = None,
    region: str = "",
    page: int = 1,
    page_size: int = APPROACH_PAGE_SIZE,
) -> ApproachSearch:
    """Search over title, problem, what was done and results, with facets; a fixed number of queries.

    A database ``icontains`` is enough at the library's size (hundreds of entries). Within a facet the
    values combine with OR, facets with AND; ``region`` finds approaches from that region or below it
    and approaches adopted there. Facet counts are those of the current result.
    """
    approaches = approaches_visible_to(user)
    for word in query.split():
        approaches = approaches.filter(
            Q(title__icontains=word)
            | Q(problem__icontains=word)
            | Q(what_was_done__icontains=word)
            | Q(results__icontains=word)
            | Q(key_figure__icontains=word)
        )
    if fields:
        approaches = approaches.filter(fields_of_action__slug__in=fields)
    if groups:
        approaches = approaches.filter(target_groups__slug__in=groups)
    if region:
        path = Region.objects.filter(key=region).values_list("path", flat=True).first() or "/-/"
        approaches = approaches.filter(
            Q(region__path__startswith=path) | Q(adoptions__region__path__startswith=path)
        )
    ids = list(approaches.values_list("pk", flat=True).distinct().order_by())
    total = len(ids)
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    found = list(
        _with_lists(Approach.objects.filter(pk__in=ids)).order_by("title", "pk")[
            (page - 1) * page_size : page * page_size
        ]
    )
    return ApproachSearch(
        approaches=found,
        total=total,
        page=page,
        pages=pages,
        fields=_facet(
            FieldOfAction, "fieldofaction_id", Approach.fields_of_action.through, ids, fields or []
        ),
        groups=_facet(TargetGroup, "targetgroup_id", Approach.target_groups.through, ids, groups or []),
    )


def _facet(model: Any, column: str, through: Any, ids: list[int], selected: list[str]) -> list[FacetValue]:
    counts = dict(
        through.objects.filter(approach_id__in=ids)
        .values_list(column)
        .annotate(n=Count("approach_id", distinct=True))
    )
    return [
        FacetValue(
            slug=item.slug, label=item.name, count=counts.get(item.pk, 0), selected=item.slug in selected
        )
        for item in model.objects.all()
        if counts.get(item.pk) or item.slug in selected
    ]


def approach_detail(*, slug: str) -> Approach | None:
    return _with_lists(Approach.objects.filter(slug=slug)).prefetch_related("documents").first()


def approach_list_recent(*, limit: int = 3) -> list[Approach]:
    """The newest published approaches, for the news app's newsletter block; three queries."""
    return list(
        _with_lists(Approach.objects.filter(published=True)).order_by("-created_at", "-pk")[: max(limit, 0)]
    )
