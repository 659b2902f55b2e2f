"""Every write of the accommodation app: pages, API, admin actions and the demo call these."""

from __future__ import annotations

import io
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
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


def _refuse_if_used(version: CatalogueVersion) -> None:
    if catalogue_version_is_used(version):
        raise ValidationError(
            _("This catalogue version was used in an inspection and cannot change; create a new version.")
        )


@transaction.atomic
def criterion_update(*, criterion: Criterion, actor: User | None, **values: Any) -> Criterion:
    """Change a criterion of a version that no inspection has used yet."""
    _refuse_if_used(criterion.area.version)
    before = snapshot(criterion)
    for name, value in values.items():
        setattr(criterion, name, value)
    criterion.full_clean()
    criterion.save()
    changes = diff(before, snapshot(criterion))
    if changes:
        audit_log_record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=criterion, changes=changes)
    return criterion


def catalogue_version_latest(catalogue: Catalogue) -> CatalogueVersion | None:
    return catalogue.versions.order_by("-number").first()


@transaction.atomic
def catalogue_version_copy(*, catalogue: Catalogue, actor: User | None, valid_from: date) -> CatalogueVersion:
    """Start the next version as a copy of the newest one; the office then edits the copy."""
    source = catalogue.versions.select_for_update().order_by("-number").first()
    if source is None:
        raise ValidationError(_("This catalogue has no version to copy yet."))
    if valid_from <= source.valid_from:
        raise ValidationError(
            {
                "valid_from": _(
                    "The new version must become valid after version %(number)s (valid from %(date)s)."
                )
                % {"number": source.number, "date": date_format(source.valid_from, "SHORT_DATE_FORMAT")}
            }
        )
    return catalogue_version_create(
        catalogue=catalogue,
        actor=actor,
        valid_from=valid_from,
        areas=catalogue_version_areas(source),
        green_from=source.green_from,
        yellow_from=source.yellow_from,
        note=_("Copy of version %(number)s.") % {"number": source.number},
    )


@dataclass(frozen=True)
class AreaChange:
    name_de: str
    name_en: str
    position: int


@dataclass(frozen=True)
class CriterionChange:
    name_de: str
    name_en: str
    guidance: str
    max_score: int
    weight: int
    critical_scores: tuple[int, ...]
    position: int


def _check_valid_from(version: CatalogueVersion, valid_from: date) -> None:
    """Versions follow each other in time: an inspection takes the newest one valid on its date."""
    versions = CatalogueVersion.objects.filter(catalogue_id=version.catalogue_id)
    previous = versions.filter(number__lt=version.number).order_by("-number").first()
    following = versions.filter(number__gt=version.number).order_by("number").first()
    if previous is not None and valid_from <= previous.valid_from:
        raise ValidationError(
            {
                "valid_from": _("Choose a date after %(date)s, when version %(number)s became valid.")
                % {"date": date_format(previous.valid_from, "SHORT_DATE_FORMAT"), "number": previous.number}
            }
        )
    if following is not None and valid_from >= following.valid_from:
        raise ValidationError(
            {
                "valid_from": _("Choose a date before %(date)s, when version %(number)s becomes valid.")
                % {
                    "date": date_format(following.valid_from, "SHORT_DATE_FORMAT"),
                    "number": following.number,
                }
            }
        )


def _save_part(part: Area | Criterion, actor: User | None, values: dict[str, Any]) -> None:
    before = snapshot(part)
    for name, value in values.items():
        setattr(part, name, value)
    try:
        part.full_clean()
    except ValidationError as error:
        # The page checks every field first; this only guards other callers, so name the part.
        raise ValidationError(
            _("“%(name)s”: %(errors)s") % {"name": part.name, "errors": " ".join(error.messages)}
        ) from error
    part.save()
    changes = diff(before, snapshot(part))
    if changes:
        audit_log_record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=part, changes=changes)


@transaction.atomic
def catalogue_version_update(
    *,
    version: CatalogueVersion,
    actor: User | None,
    valid_from: date,
    green_from: Decimal,
    yellow_from: Decimal,
    note: str,
    areas: Mapping[int, AreaChange],
    criteria: Mapping[int, CriterionChange],
    removed_areas: Collection[int] = (),
    removed_criteria: Collection[int] = (),
) -> CatalogueVersion:
    """Change a version no inspection has used: its validity, thresholds, areas and criteria at once,
    removing the areas (with their criteria) and criteria named in ``removed_*``.

    All or nothing: one refused value leaves the whole version as it was.
    """
    # The lock serialises this with inspection_create, which locks the version it starts with.
    locked = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_if_used(locked)
    _check_valid_from(locked, valid_from)
    before = snapshot(locked)
    locked.valid_from, locked.green_from, locked.yellow_from, locked.note = (
        valid_from,
        green_from,
        yellow_from,
        note,
    )
    locked.full_clean()
    locked.save()
    changes = diff(before, snapshot(locked))
    if changes:
        audit_log_record(actor=actor, action=AuditLogEntry.Action.UPDATE, obj=locked, changes=changes)
    own_areas = {area.pk: area for area in locked.areas.all()}
    own_criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(area__version=locked)}
    if not set(removed_areas) <= own_areas.keys():
        raise ValidationError(_("An area does not belong to this catalogue version."))
    if not set(removed_criteria) <= own_criteria.keys():
        raise ValidationError(_("A criterion does not belong to this catalogue version."))
    for area_id, area_change in areas.items():
        area = own_areas.get(area_id)
        if area is None:
            raise ValidationError(_("An area does not belong to this catalogue version."))
        if area_id not in removed_areas:
            _save_part(area, actor, asdict(area_change))
    for criterion_id, criterion_change in criteria.items():
        criterion = own_criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("A criterion does not belong to this catalogue version."))
        if criterion_id in removed_criteria or criterion.area_id in removed_areas:
            continue
        values = asdict(criterion_change)
        values["critical_scores"] = list(criterion_change.critical_scores)
        _save_part(criterion, actor, values)
    removed = [own_criteria[pk] for pk in removed_criteria] + [own_areas[pk] for pk in removed_areas]
    for part in removed:
        audit_log_record(
            actor=actor, action=AuditLogEntry.Action.DELETE, obj=part, changes=diff(snapshot(part), {})
        )
        part.delete()
    return locked


def _locked_draft_version(version: CatalogueVersion) -> CatalogueVersion:
    locked = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_if_used(locked)
    return locked


@transaction.atomic
def area_add(*, version: CatalogueVersion, actor: User | None, name_de: str, name_en: str = "") -> Area:
    """Append an area to a version no inspection has used."""
    locked = _locked_draft_version(version)
    last = locked.areas.aggregate(last=Max("position"))["last"] or 0
    area = Area(version=locked, position=last + 1, name_de=name_de, name_en=name_en)
    area.full_clean()
    area.save()
    audit_log_record(
        actor=actor, action=AuditLogEntry.Action.CREATE, obj=area, changes=diff({}, snapshot(area))
    )
    return area


@transaction.atomic
def criterion_add(*, area: Area, actor: User | None, item: CriterionInput) -> Criterion:
    """Append a criterion to an area of a version no inspection has used."""
    _locked_draft_version(area.version)
    last = area.criteria.aggregate(last=Max("position"))["last"] or 0
    criterion = Criterion(
        area=area,
        position=last + 1,
        name_de=item.name_de,
        name_en=item.name_en,
        guidance=item.guidance,
        max_score=item.max_score,
        weight=item.weight,
        critical_scores=list(item.critical_scores),
    )
    criterion.full_clean()
    criterion.save()
    audit_log_record(
        actor=actor, action=AuditLogEntry.Action.CREATE, obj=criterion, changes=diff({}, snapshot(criterion))
    )
    return criterion


def catalogue_version_current(*, catalogue: Catalogue, on: date) -> CatalogueVersion | None:
    return catalogue.versions.filter(valid_from__lte=on).order_by("-number").first()


# Inspections ---------------------------------------------------------------------------------------


@transaction.atomic
def inspection_create(
    *, site: Site, version: CatalogueVersion, actor: User | None, date: date, inspectors: str
) -> Inspection:
    # Locking the version keeps catalogue_version_update from changing it while it gets its first use.
    version = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    inspection = Inspection(site=site, version=version, date=date, inspectors=inspectors, created_by=actor)
    inspection.full_clean()
    inspection.save()
    criteria = Criterion.objects.filter(area__version=version)
    Score.objects.bulk_create([Score(inspection=inspection, criterion=criterion) for criterion in criteria])
    _audit(actor, AuditLogEntry.Action.CREATE, inspection, diff({}, snapshot(inspection)), site)
    return inspection


@dataclass(frozen=True)
class ScoreInput:
    """A score, or ``not_applicable`` with a short ``reason`` (then ``value`` stays None)."""

    value: int | None
    note: str = ""
    not_applicable: bool = False
    reason: str = ""


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


NOT_APPLICABLE_REASON_MAX = Score._meta.get_field("not_applicable_reason").max_length or 300


def _check_not_applicable(criterion: Criterion, given: ScoreInput, reason: str) -> None:
    names = {"criterion": criterion.name}
    if not given.not_applicable:
        if reason:
            raise ValidationError(_("“%(criterion)s” has a reason but is not marked not applicable.") % names)
        return
    if given.value is not None:
        raise ValidationError(_("“%(criterion)s” cannot be scored and not applicable at once.") % names)
    if not reason:
        raise ValidationError(_("Give a short reason why “%(criterion)s” does not apply.") % names)
    if len(reason) > NOT_APPLICABLE_REASON_MAX:
        raise ValidationError(
            _("The reason for “%(criterion)s” is longer than %(max)s characters.")
            % {**names, "max": NOT_APPLICABLE_REASON_MAX}
        )


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
        reason = given.reason.strip()
        _check_not_applicable(score.criterion, given, reason)
        old = [score.value, score.note, score.not_applicable, score.not_applicable_reason]
        new = [given.value, given.note, given.not_applicable, reason]
        if old != new:
            changes[f"score {criterion_id}"] = [old, new]
            score.value, score.note = given.value, given.note
            score.not_applicable, score.not_applicable_reason = given.not_applicable, reason
            changed_scores.append(score)
    Score.objects.bulk_update(changed_scores, ["value", "note", "not_applicable", "not_applicable_reason"])
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
            not_applicable=score.not_applicable,
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
            "not_applicable": area.not_applicable,
        }
        for area in rating.areas
    ]


@transaction.atomic
def inspection_complete(*, inspection: Inspection, actor: User | None, data: InspectionInput) -> Inspection:
    """Save the last input and close the inspection; its rating is stored and never recomputed."""
    locked = _locked_draft(inspection)
    changes = _apply(locked, data)
    missing = [
        score.criterion.name
        for score in locked.scores.select_related("criterion")
        if score.value is None and not score.not_applicable
    ]
    if missing:
        raise ValidationError(
            _("Score every criterion or mark it not applicable before completing. Missing: %(criteria)s")
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
