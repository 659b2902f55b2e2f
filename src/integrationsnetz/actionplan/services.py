"""Every write to action plans and the library: pages, API, admin, demo and tasks call these.

Each function is atomic and writes the audit log with the regions the object concerns, so that the
coordinators of those regions can read the entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.actionplan.models import (
    LINKABLE_MODELS,
    OPEN_STATUSES,
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
    StepStatus,
)
from integrationsnetz.actionplan.rollup import network_today
from integrationsnetz.core.mail import mail_send_once
from integrationsnetz.core.models import Region

# Reminders: one mail this many days before the due date (or on the first run after that), and one
# after it has passed. Overdue mails stop after a while so that an old plan does not flood inboxes.
REMINDER_DAYS_BEFORE = 7
OVERDUE_REMINDER_WINDOW_DAYS = 14


class ReminderKind:
    BEFORE = "before"
    AFTER = "after"


def _save(
    instance: models.Model,
    *,
    actor: Any,
    values: dict[str, Any],
    m2m: dict[str, Iterable[models.Model]] | None = None,
    regions: Iterable[Region] | Callable[[], Iterable[Region]] = (),
) -> models.Model:
    """Set ``values`` (and many-to-many ``m2m``), validate, save and log create/update with the diff.

    ``regions`` may be a callable, evaluated after saving (a step's regions follow its new organisations).
    """
    created = instance.pk is None
    before = {} if created else snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, items in (m2m or {}).items():
        getattr(instance, name).set(list(items))
    changes = diff(before, snapshot(instance))
    if created or changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.CREATE if created else AuditLogEntry.Action.UPDATE,
            obj=instance,
            changes=changes,
            regions=regions() if callable(regions) else regions,
        )
    return instance


def _delete(instance: models.Model, *, actor: Any, regions: Iterable[Region] = ()) -> None:
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=instance,
        changes=snapshot(instance),
        regions=regions,
    )
    instance.delete()


def _plan_regions(plan: ActionPlan) -> list[Region]:
    return [plan.network.region] if plan.network_id and plan.network else []


# --- Plans --------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, actor: Any, plan: ActionPlan | None = None, **values: Any) -> ActionPlan:
    """Create a plan, or change ``plan``: title, subtitle, summary, period, network, status, ..."""
    instance = plan or ActionPlan()
    _save(instance, actor=actor, values=values)
    return instance


@transaction.atomic
def plan_field_save(
    *, actor: Any, plan: ActionPlan, plan_field: PlanField | None = None, **values: Any
) -> PlanField:
    instance = plan_field or PlanField(plan=plan)
    _save(instance, actor=actor, values=values, regions=_plan_regions(plan))
    return instance


@transaction.atomic
def measure_save(
    *, actor: Any, plan_field: PlanField, measure: Measure | None = None, **values: Any
) -> Measure:
    instance = measure or Measure(plan_field=plan_field)
    _save(instance, actor=actor, values=values, regions=_plan_regions(plan_field.plan))
    return instance


def _step_regions(step: ImplementationStep) -> list[Region]:
    regions = _plan_regions(step.measure.plan_field.plan)
    if step.pk:
        regions += [
            organisation.region for organisation in step.responsible_organisations.select_related("region")
        ]
    return regions


@transaction.atomic
def step_save(
    *,
    actor: Any,
    measure: Measure,
    step: ImplementationStep | None = None,
    responsible_organisations: Iterable[Any] | None = None,
    partners: Iterable[Any] | None = None,
    **values: Any,
) -> ImplementationStep:
    """Create or change a step (the office's edit: everything, including who is responsible)."""
    instance = step or ImplementationStep(measure=measure)
    m2m: dict[str, Iterable[models.Model]] = {}
    if responsible_organisations is not None:
        m2m["responsible_organisations"] = responsible_organisations
    if partners is not None:
        m2m["partners"] = partners
    _save(instance, actor=actor, values=values, m2m=m2m, regions=lambda: _step_regions(instance))
    return instance


@transaction.atomic
def step_update_progress(
    *,
    actor: Any,
    step: ImplementationStep,
    status: str,
    note: str = "",
    note_date: datetime.date | None = None,
) -> ImplementationStep:
    """What a responsible organisation does: set the status and, optionally, add a progress note."""
    step = ImplementationStep.objects.select_for_update().get(pk=step.pk)
    if status not in StepStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if status != step.status:
        _save(step, actor=actor, values={"status": status}, regions=_step_regions(step))
    if note.strip():
        progress_note_add(actor=actor, step=step, text=note, date=note_date)
    return step


@transaction.atomic
def progress_note_add(
    *, actor: Any, step: ImplementationStep, text: str, date: datetime.date | None = None
) -> ProgressNote:
    note = ProgressNote(
        step=step,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        date=date or network_today(timezone.now()),
    )
    _save(note, actor=actor, values={"text": text.strip()}, regions=_step_regions(step))
    return note


@transaction.atomic
def step_comment_add(*, actor: Any, step: ImplementationStep, text: str) -> StepComment:
    comment = StepComment(step=step, author=actor if getattr(actor, "is_authenticated", False) else None)
    _save(
        comment,
        actor=actor,
        values={"text": text.strip()},
        regions=_plan_regions(step.measure.plan_field.plan),
    )
    return comment


@transaction.atomic
def step_comment_delete(*, actor: Any, comment: StepComment) -> None:
    _delete(comment, actor=actor)


def link_target_model(kind: str) -> type[models.Model]:
    """The model behind a link kind such as ``meetings.meeting``; LookupError if not linkable/installed."""
    from django.apps import apps

    app_label, _dot, model_name = kind.partition(".")
    if (app_label, model_name) not in LINKABLE_MODELS:
        raise LookupError(kind)
    return apps.get_model(app_label, model_name)


@transaction.atomic
def step_link_add(*, actor: Any, step: ImplementationStep, target: models.Model) -> StepLink:
    """Link ``target`` (a meeting, working group, topic proposal or indicator) to the step; idempotent."""
    content_type = ContentType.objects.get_for_model(target)
    existing = StepLink.objects.filter(step=step, content_type=content_type, object_id=target.pk).first()
    if existing is not None:
        return existing
    link = StepLink(step=step, content_type=content_type, object_id=target.pk)
    _save(link, actor=actor, values={}, regions=_step_regions(step))
    return link


@transaction.atomic
def step_link_remove(*, actor: Any, link: StepLink) -> None:
    _delete(link, actor=actor, regions=_step_regions(link.step))


# --- Reminders ------------------------------------------------------------------------------------


def steps_due_for_reminder(*, today: datetime.date) -> list[tuple[int, str]]:
    """(step id, kind) of every open step of a public plan that a reminder is due for today."""
    open_steps = ImplementationStep.objects.filter(status__in=OPEN_STATUSES).exclude(
        measure__plan_field__plan__status=ActionPlan.Status.DRAFT
    )
    before = open_steps.filter(
        due_date__gte=today, due_date__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    ).values_list("pk", flat=True)
    after = open_steps.filter(
        due_date__lt=today, due_date__gte=today - datetime.timedelta(days=OVERDUE_REMINDER_WINDOW_DAYS)
    ).values_list("pk", flat=True)
    return [(pk, ReminderKind.BEFORE) for pk in before] + [(pk, ReminderKind.AFTER) for pk in after]


def step_reminder_recipients(step: ImplementationStep) -> list[tuple[str, str]]:
    """(address, language) of each responsible organisation's address and of its editors, once each."""
    recipients: dict[str, str] = {}
    organisations = list(step.responsible_organisations.all())
    for organisation in organisations:
        if organisation.email:
            recipients.setdefault(organisation.email.lower(), settings.LANGUAGE_CODE)
    editors = Membership.objects.filter(
        role=Role.ORGANISATION_EDITOR, organisation__in=organisations, user__is_active=True
    ).select_related("user")
    for membership in editors.order_by("pk"):
        user = membership.user
        recipients.setdefault(user.email.lower(), user.preferred_language or settings.LANGUAGE_CODE)
    return sorted(recipients.items())


def step_reminder_send(*, step_id: int, kind: str, today: datetime.date) -> int:
    """Remind the responsible organisations of one step; returns the number of mails sent now.

    Conditions are checked again here (the step may have been done since the sweep); the send-once key
    holds the due date, so a moved deadline gets reminders of its own and a repeated run sends nothing.
    """
    step = (
        ImplementationStep.objects.select_related("measure__plan_field__plan")
        .prefetch_related("responsible_organisations")
        .filter(pk=step_id)
        .first()
    )
    if step is None or step.due_date is None or step.status not in OPEN_STATUSES:
        return 0
    if kind == ReminderKind.BEFORE and not (
        today <= step.due_date <= today + datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    ):
        return 0
    if kind == ReminderKind.AFTER and not (step.due_date < today):
        return 0
    plan = step.measure.plan_field.plan
    sent = 0
    for address, language in step_reminder_recipients(step):
        sent += mail_send_once(
            key=f"actionplan:step:{step.pk}:{kind}:{step.due_date.isoformat()}:{address}",
            recipient=address,
            language=language,
            template="actionplan/email/step_reminder",
            context={
                "step": step,
                "plan": plan,
                "overdue": kind == ReminderKind.AFTER,
                "path": step.get_absolute_url(),
            },
        )
    return sent


# --- Library ----------------------------------------------------------------------------------------


@transaction.atomic
def approach_save(
    *,
    actor: Any,
    approach: Approach | None = None,
    fields_of_action: Iterable[Any] | None = None,
    target_groups: Iterable[Any] | None = None,
    **values: Any,
) -> Approach:
    instance = approach or Approach()
    m2m: dict[str, Iterable[models.Model]] = {}
    if fields_of_action is not None:
        m2m["fields_of_action"] = fields_of_action
    if target_groups is not None:
        m2m["target_groups"] = target_groups
    region = values.get("region") or (instance.region if instance.region_id else None)
    _save(instance, actor=actor, values=values, m2m=m2m, regions=[region] if region else [])
    return instance


@transaction.atomic
def approach_document_add(
    *, actor: Any, approach: Approach, title: str, url: str = "", file: Any = None
) -> ApproachDocument:
    document = ApproachDocument(approach=approach)
    _save(
        document,
        actor=actor,
        values={"title": title, "url": url, "file": file or ""},
        regions=[approach.region],
    )
    return document


@transaction.atomic
def adoption_record(
    *,
    actor: Any,
    approach: Approach,
    region: Region,
    organisation: Any = None,
    started_on: datetime.date | None = None,
    experience: str = "",
) -> Adoption:
    """Record (or update) that ``region`` took ``approach`` over; one entry per region."""
    adoption = Adoption.objects.select_for_update().filter(approach=approach, region=region).first()
    instance = adoption or Adoption(
        approach=approach,
        region=region,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _save(
        instance,
        actor=actor,
        values={"organisation": organisation, "started_on": started_on, "experience": experience.strip()},
        regions=[region],
    )
    return instance


@transaction.atomic
def adoption_delete(*, actor: Any, adoption: Adoption) -> None:
    _delete(adoption, actor=actor, regions=[adoption.region])
