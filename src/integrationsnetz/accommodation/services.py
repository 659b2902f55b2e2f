"""Every write of the accommodation app: pages, API, admin actions and the demo call these."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from integrationsnetz.accommodation.models import (
    Area,
    Catalogue,
    CatalogueVersion,
    Criterion,
    FollowUpAction,
    Inspection,
    Photo,
    Score,
    Site,
    Statement,
)
from integrationsnetz.accommodation.rating import Answer, Rating, rate
from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.core.mail import mail_send_once

PHOTO_MAX_SIDE = 1600
PHOTO_MAX_BYTES = 15 * 1024 * 1024
# Reminders go out this many days before an action is due (and once more when it is overdue).
REMINDER_LEAD_DAYS = 7


def _audit(actor: User | None, action: str, obj: Any, changes: dict[str, Any], site: Site) -> None:
    audit_log_record(actor=actor, action=action, obj=obj, changes=changes, regions=[site.district])


# Sites ---------------------------------------------------------------------------------------------


@transaction.atomic
def site_create(*, actor: User | None, **values: Any) -> Site:
    site = Site(**values)
    site.full_clean()
    site.save()
    _audit(actor, AuditLogEntry.Action.CREATE, site, diff({}, snapshot(site)), site)
    return site


@transaction.atomic
def site_update(*, site: Site, actor: User | None, **values: Any) -> Site:
    before = snapshot(site)
    for name, value in values.items():
        setattr(site, name, value)
    site.full_clean()
    site.save()
    changes = diff(before, snapshot(site))
    if changes:
        _audit(actor, AuditLogEntry.Action.UPDATE, site, changes, site)
    return site


# Catalogue -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionInput:
    name_de: str
    name_en: str = ""
    guidance: str = ""
    max_score: int = 3
    weight: int = 1
    critical_scores: tuple[int, ...] = ()


@dataclass(frozen=True)
class AreaInput:
    name_de: str
    name_en: str = ""
    criteria: tuple[CriterionInput, ...] = field(default_factory=tuple)


def catalogue_version_is_used(version: CatalogueVersion) -> bool:
    return Inspection.objects.filter(version=version).exists()


@transaction.atomic
def catalogue_version_create(
    *,
    catalogue: Catalogue,
    actor: User | None,
    valid_from: date,
    areas: Iterable[AreaInput],
    green_from: Decimal = Decimal("75"),
    yellow_from: Decimal = Decimal("50"),
    note: str = "",
) -> CatalogueVersion:
    """Add the next version of ``catalogue``; earlier versions and their inspections stay as they are."""
    last = catalogue.versions.select_for_update().order_by("-number").first()
    version = CatalogueVersion(
        catalogue=catalogue,
        number=(last.number + 1) if last else 1,
        valid_from=valid_from,
        green_from=green_from,
        yellow_from=yellow_from,
        note=note,
    )
    version.full_clean()
    version.save()
    for area_position, area_input in enumerate(areas, start=1):
        area = Area(
            version=version, position=area_position, name_de=area_input.name_de, name_en=area_input.name_en
        )
        area.full_clean(exclude=["version"])
        area.save()
        for position, item in enumerate(area_input.criteria, start=1):
            criterion = Criterion(
                area=area,
                position=position,
                name_de=item.name_de,
                name_en=item.name_en,
                guidance=item.guidance,
                max_score=item.max_score,
                weight=item.weight,
                critical_scores=list(item.critical_scores),
            )
            criterion.full_clean(exclude=["area"])
            criterion.save()
    audit_log_record(
        actor=actor, action=AuditLogEntry.Action.CREATE, obj=version, changes=diff({}, snapshot(version))
    )
    return version


def catalogue_version_areas(version: CatalogueVersion) -> list[AreaInput]:
    """The content of a version as input for the next one (the office edits a copy, never the original)."""
    return [
        AreaInput(
            name_de=area.name_de,
            name_en=area.name_en,
            criteria=tuple(
                CriterionInput(
                    name_de=criterion.name_de,
                    name_en=criterion.name_en,
                    guidance=criterion.guidance,
                    max_score=criterion.max_score,
                    weight=criterion.weight,
                    critical_scores=tuple(criterion.critical_scores),
                )
                for criterion in area.criteria.all()
            ),
        )
        for area in version.areas.prefetch_related("criteria")
    ]


@transaction.atomic
def criterion_update(*, criterion: Criterion, actor: User | None, **values: Any) -> Criterion:
    """Change a criterion of a version that no inspection has used yet."""
    if catalogue_version_is_used(criterion.area.version):
        raise ValidationError(
            _("This catalogue version was used in an inspection and cannot change; create a new version.")
        )
    before = snapshot(criterion)
    for name, value in values.items():
        setattr(criterion, name, value)
    criterion.full_clean()
    criterion.save()
    changes = diff(before, snapshot(criterion))
    if changes:
        audit_log_record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=criterion, changes=changes)
    return criterion


def catalogue_version_current(*, catalogue: Catalogue, on: date) -> CatalogueVersion | None:
    return catalogue.versions.filter(valid_from__lte=on).order_by("-number").first()


# Inspections ---------------------------------------------------------------------------------------


@transaction.atomic
def inspection_create(
    *, site: Site, version: CatalogueVersion, actor: User | None, date: date, inspectors: str
) -> Inspection:
    inspection = Inspection(site=site, version=version, date=date, inspectors=inspectors, created_by=actor)
    inspection.full_clean()
    inspection.save()
    criteria = Criterion.objects.filter(area__version=version)
    Score.objects.bulk_create([Score(inspection=inspection, criterion=criterion) for criterion in criteria])
    _audit(actor, AuditLogEntry.Action.CREATE, inspection, diff({}, snapshot(inspection)), site)
    return inspection


@dataclass(frozen=True)
class ScoreInput:
    value: int | None
    note: str = ""


@dataclass(frozen=True)
class ActionCheckInput:
    status: str
    note: str = ""


@dataclass(frozen=True)
class InspectionInput:
    date: date
    inspectors: str
    summary: str = ""
    scores: Mapping[int, ScoreInput] = field(default_factory=dict)
    residents_statement: str = ""
    staff_statement: str = ""
    action_checks: Mapping[int, ActionCheckInput] = field(default_factory=dict)


def actions_to_check(inspection: Inspection) -> list[FollowUpAction]:
    """Pending actions from the site's earlier inspections (and those this inspection already checked)."""
    return list(
        FollowUpAction.objects.filter(
            inspection__site_id=inspection.site_id, inspection__date__lte=inspection.date
        )
        .exclude(inspection=inspection)
        .filter(
            Q(status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS], checked_in=None)
            | Q(checked_in=inspection)
        )
        .select_related("owner", "inspection")
        .order_by("due_date", "pk")
    )


def _locked_draft(inspection: Inspection) -> Inspection:
    locked = (
        Inspection.objects.select_for_update()
        .select_related("site__district", "version")
        .get(pk=inspection.pk)
    )
    if locked.is_completed:
        raise ValidationError(_("This inspection is completed and can no longer be changed."))
    return locked


def _apply(inspection: Inspection, data: InspectionInput) -> dict[str, Any]:
    """Write the form's content into the draft; returns the changes for the audit log."""
    before = snapshot(inspection)
    inspection.date = data.date
    inspection.inspectors = data.inspectors
    inspection.summary = data.summary
    inspection.revision += 1
    inspection.full_clean()
    inspection.save()
    changes: dict[str, Any] = diff(before, snapshot(inspection))
    scores = {score.criterion_id: score for score in inspection.scores.select_related("criterion")}
    changed_scores = []
    for criterion_id, given in data.scores.items():
        score = scores.get(criterion_id)
        if score is None:
            raise ValidationError(_("A score names a criterion that is not part of this catalogue version."))
        if given.value is not None and not 0 <= given.value <= score.criterion.max_score:
            raise ValidationError(
                _("The score for “%(criterion)s” must lie between 0 and %(max)s.")
                % {"criterion": score.criterion.name, "max": score.criterion.max_score}
            )
        if (score.value, score.note) != (given.value, given.note):
            changes[f"score {criterion_id}"] = [[score.value, score.note], [given.value, given.note]]
            score.value, score.note = given.value, given.note
            changed_scores.append(score)
    Score.objects.bulk_update(changed_scores, ["value", "note"])
    for source, text in (
        (Statement.Source.RESIDENTS, data.residents_statement),
        (Statement.Source.STAFF, data.staff_statement),
    ):
        if text.strip():
            Statement.objects.create(inspection=inspection, source=source, text=text.strip())
            changes[f"statement {source}"] = ["", "added"]
    checkable = {action.pk: action for action in actions_to_check(inspection)}
    for action_id, check in data.action_checks.items():
        action = checkable.get(action_id)
        if action is None:
            raise ValidationError(
                _("A checked action does not belong to an earlier inspection of this site.")
            )
        if check.status not in FollowUpAction.Status.values:
            raise ValidationError(_("Choose a valid status for every follow-up action."))
        if (action.status, action.check_note, action.checked_in_id) != (
            check.status,
            check.note,
            inspection.pk,
        ):
            changes[f"action {action_id}"] = [action.status, check.status]
            action.status, action.check_note, action.checked_in = check.status, check.note, inspection
            action.save(update_fields=["status", "check_note", "checked_in"])
    return changes


@transaction.atomic
def inspection_save_draft(*, inspection: Inspection, actor: User | None, data: InspectionInput) -> Inspection:
    locked = _locked_draft(inspection)
    changes = _apply(locked, data)
    if changes:
        _audit(actor, AuditLogEntry.Action.UPDATE, locked, changes, locked.site)
    return locked


def inspection_rating(inspection: Inspection) -> Rating:
    """Rate an inspection from its scores as they are now (drafts are rated live, completed ones stored)."""
    version = inspection.version
    area_ids = list(version.areas.values_list("pk", flat=True))
    answers = [
        Answer(
            area_id=score.criterion.area_id,
            weight=score.criterion.weight,
            max_score=score.criterion.max_score,
            value=score.value,
            critical_scores=tuple(score.criterion.critical_scores),
        )
        for score in inspection.scores.select_related("criterion")
    ]
    return rate(
        answers=answers, area_ids=area_ids, green_from=version.green_from, yellow_from=version.yellow_from
    )


def _area_results(inspection: Inspection, rating: Rating) -> list[dict[str, Any]]:
    names = {area.pk: area for area in inspection.version.areas.all()}
    return [
        {
            "name_de": names[area.area_id].name_de,
            "name_en": names[area.area_id].name_en,
            "percent": None if area.percent is None else str(area.percent),
            "light": area.light,
            "critical": area.critical,
        }
        for area in rating.areas
    ]


@transaction.atomic
def inspection_complete(*, inspection: Inspection, actor: User | None, data: InspectionInput) -> Inspection:
    """Save the last input and close the inspection; its rating is stored and never recomputed."""
    locked = _locked_draft(inspection)
    changes = _apply(locked, data)
    missing = [
        score.criterion.name for score in locked.scores.select_related("criterion") if score.value is None
    ]
    if missing:
        raise ValidationError(
            _("Score every criterion before completing. Missing: %(criteria)s")
            % {"criteria": "; ".join(missing)}
        )
    unchecked = [action for action in actions_to_check(locked) if action.checked_in_id != locked.pk]
    if unchecked:
        raise ValidationError(_("Check every follow-up action of the earlier inspections before completing."))
    rating = inspection_rating(locked)
    locked.status = Inspection.Status.COMPLETED
    locked.completed_at = timezone.now()
    locked.overall_percent = rating.percent
    locked.overall_light = rating.light
    locked.area_results = {"areas": _area_results(locked, rating)}
    locked.save()
    changes["status"] = [Inspection.Status.DRAFT, Inspection.Status.COMPLETED]
    _audit(actor, AuditLogEntry.Action.UPDATE, locked, changes, locked.site)
    return locked


# Photos --------------------------------------------------------------------------------------------


def photo_clean_image(content: bytes) -> bytes:
    """Re-encode a photo as JPEG at most PHOTO_MAX_SIDE wide, without any EXIF (GPS, camera, time)."""
    try:
        with Image.open(io.BytesIO(content)) as original:
            original.load()
            # Turn the pixels the way the camera meant before the orientation tag goes with the EXIF.
            image = ImageOps.exif_transpose(original).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The file is not a photo we can read (JPEG, PNG or WebP).")) from error
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=82, optimize=True)
    return output.getvalue()


@transaction.atomic
def photo_add(
    *,
    inspection: Inspection,
    actor: User | None,
    content: bytes,
    caption: str = "",
    criterion: Criterion | None = None,
) -> Photo:
    locked = _locked_draft(inspection)
    if len(content) > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than 15 MB."))
    if criterion is not None and criterion.area.version_id != locked.version_id:
        raise ValidationError(_("The criterion is not part of this inspection's catalogue version."))
    photo = Photo(inspection=locked, criterion=criterion, caption=caption)
    photo.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(photo_clean_image(content)), save=False)
    photo.save()
    _audit(actor, AuditLogEntry.Action.CREATE, photo, diff({}, snapshot(photo)), locked.site)
    return photo


# Follow-up actions ---------------------------------------------------------------------------------


@transaction.atomic
def follow_up_action_create(
    *, inspection: Inspection, actor: User | None, description: str, owner: User | None, due_date: date
) -> FollowUpAction:
    action = FollowUpAction(inspection=inspection, description=description, owner=owner, due_date=due_date)
    action.full_clean()
    action.save()
    _audit(actor, AuditLogEntry.Action.CREATE, action, diff({}, snapshot(action)), inspection.site)
    return action


@transaction.atomic
def follow_up_action_update(
    *, action: FollowUpAction, actor: User | None, status: str, due_date: date | None = None
) -> FollowUpAction:
    before = snapshot(action)
    action.status = status
    if due_date is not None:
        action.due_date = due_date
    action.full_clean()
    action.save()
    changes = diff(before, snapshot(action))
    if changes:
        _audit(actor, AuditLogEntry.Action.UPDATE, action, changes, action.inspection.site)
    return action


def follow_up_actions_due_for_reminder(*, today: date | None = None) -> list[int]:
    """Ids of pending actions with an owner that fall due within REMINDER_LEAD_DAYS or are overdue."""
    today = today or timezone.localdate()
    return list(
        FollowUpAction.objects.filter(
            status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS],
            owner__isnull=False,
            due_date__lte=today + timedelta(days=REMINDER_LEAD_DAYS),
        ).values_list("pk", flat=True)
    )


def follow_up_reminder_send(*, action_id: int, today: date | None = None) -> bool:
    """Remind the owner once before the due date and once after it; True when a mail went out."""
    today = today or timezone.localdate()
    action = FollowUpAction.objects.select_related("owner", "inspection__site").filter(pk=action_id).first()
    if action is None or action.owner is None or not action.is_pending:
        return False
    if action.due_date > today + timedelta(days=REMINDER_LEAD_DAYS):
        return False
    stage = "overdue" if action.due_date < today else "upcoming"
    return mail_send_once(
        key=f"accommodation-action:{action.pk}:{action.due_date.isoformat()}:{stage}",
        recipient=action.owner.email,
        language=action.owner.preferred_language,
        template="accommodation/email/action_reminder",
        context={"action": action, "site": action.inspection.site, "overdue": stage == "overdue"},
    )
