"""Every write to the monitoring figures: imports, commands and (later) forms call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.models import (
    Category,
    Indicator,
    Observation,
    ObservationRevision,
    ObservationUpload,
)


@dataclass(frozen=True)
class ObservationInput:
    """One value to store; ``line`` and ``column`` say where it came from in an imported file."""

    indicator: Indicator
    region: Region
    category: Category | None
    period_start: date
    period_kind: str
    period_label: str
    value: Decimal
    source: str = ""
    remark: str = ""
    line: int = 0
    column: str = ""

    @property
    def key(self) -> tuple[int, int, int | None, date, str]:
        return (
            self.indicator.pk,
            self.region.pk,
            self.category.pk if self.category else None,
            self.period_start,
            self.period_kind,
        )


@dataclass
class ObservationSaveResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def observation_save(*, data: ObservationInput, user: Any = None) -> tuple[Observation, str]:
    """Create or update one value; a changed value keeps the earlier one as a revision.

    Returns the observation and "created", "updated" or "unchanged".
    """
    observation = (
        Observation.objects.select_for_update()
        .filter(
            indicator=data.indicator,
            region=data.region,
            category=data.category,
            period_start=data.period_start,
            period_kind=data.period_kind,
        )
        # The default ordering joins categories, and PostgreSQL cannot lock the nullable side of a join.
        .order_by("pk")
        .first()
    )
    if observation is None:
        observation = Observation.objects.create(
            indicator=data.indicator,
            region=data.region,
            category=data.category,
            period_start=data.period_start,
            period_kind=data.period_kind,
            period_label=data.period_label,
            value=data.value,
            source=data.source,
            remark=data.remark,
        )
        return observation, "created"
    if (
        observation.value == data.value
        and observation.source == data.source
        and observation.remark == data.remark
        and observation.period_label == data.period_label
    ):
        return observation, "unchanged"
    if (
        observation.value != data.value
        or observation.source != data.source
        or observation.remark != data.remark
    ):
        ObservationRevision.objects.create(
            observation=observation,
            previous_value=observation.value,
            previous_source=observation.source,
            previous_remark=observation.remark,
            changed_by=user if getattr(user, "is_authenticated", False) else None,
        )
    observation.value = data.value
    observation.source = data.source
    observation.remark = data.remark
    observation.period_label = data.period_label
    observation.save()
    return observation, "updated"


@transaction.atomic
def observations_save(*, values: list[ObservationInput], user: Any = None) -> ObservationSaveResult:
    """Store all values in one transaction: a failure anywhere leaves nothing changed."""
    result = ObservationSaveResult()
    for data in values:
        _, outcome = observation_save(data=data, user=user)
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


@transaction.atomic
def indicator_save(
    *,
    slug: str,
    owner_region: Region,
    name_de: str,
    name_en: str = "",
    unit: str = "",
    source: str = "",
    notes: str = "",
    published: bool = False,
    counts_inhabitants: bool = False,
) -> Indicator:
    """Create or update an indicator by slug (used by the demo loader and imports of definitions)."""
    indicator, _ = Indicator.objects.update_or_create(
        slug=slug,
        defaults={
            "owner_region": owner_region,
            "name_de": name_de,
            "name_en": name_en,
            "unit": unit,
            "source": source,
            "notes": notes,
            "published": published,
            "counts_inhabitants": counts_inhabitants,
        },
    )
    return indicator


@transaction.atomic
def category_save(
    *, indicator: Indicator, slug: str, name_de: str, name_en: str = "", position: int = 0
) -> Category:
    category, _ = Category.objects.update_or_create(
        indicator=indicator,
        slug=slug,
        defaults={"name_de": name_de, "name_en": name_en, "position": position},
    )
    return category


class _DryRun(Exception):
    """Raised inside a dry run's transaction to roll back what it stored only to count it."""


class UploadNotApplicable(Exception):
    """The upload was applied already, or belongs to someone else."""


def observation_upload_create(
    *,
    owner: User,
    file_name: str,
    content: bytes,
    shape: str,
    indicator: Indicator | None = None,
    region: Region | None = None,
    source: str = "",
) -> ObservationUpload:
    """Check an uploaded file (the dry run) and keep it with its problems or its would-be result."""
    # importing.py builds on this module's ObservationInput; importing it at the top would be circular.
    from integrationsnetz.monitoring.importing import observations_read

    plan = observations_read(
        file_name, content, shape=shape, indicator=indicator, region=region, source=source, user=owner
    )
    summary: dict[str, int] = {"values": len(plan.values)}
    if not plan.errors:
        # Storing and rolling back counts new, changed and unchanged values exactly as applying will.
        try:
            with transaction.atomic():
                result = observations_save(values=plan.values, user=owner)
                raise _DryRun
        except _DryRun:
            summary.update(created=result.created, updated=result.updated, unchanged=result.unchanged)
    return ObservationUpload.objects.create(
        owner=owner,
        file_name=file_name[:255],
        content=content,
        shape=shape,
        indicator=indicator,
        region=region,
        source=source,
        errors=[problem.as_dict() for problem in plan.errors],
        summary=summary,
    )


def observation_upload_apply(*, upload: ObservationUpload, actor: User) -> ObservationUpload:
    """Apply a checked upload once, by its owner, all or nothing.

    The file is read and checked again (figures and permissions may have changed since the dry run).
    Raises :class:`UploadNotApplicable` or :class:`ImportFailed`; then nothing was stored and the
    upload keeps the new problems for its page.
    """
    from integrationsnetz.monitoring.importing import observations_import

    try:
        with transaction.atomic():
            upload = ObservationUpload.objects.select_for_update().get(pk=upload.pk)
            if upload.owner_id != actor.pk or upload.status != ObservationUpload.Status.PENDING:
                raise UploadNotApplicable
            plan = observations_import(
                upload.file_name,
                bytes(upload.content),
                shape=upload.shape,
                indicator=upload.indicator,
                region=upload.region,
                source=upload.source,
                user=actor,
            )
            if plan.errors or plan.result is None:
                raise ImportFailed(plan.errors)
            result = {
                "values": len(plan.values),
                "created": plan.result.created,
                "updated": plan.result.updated,
                "unchanged": plan.result.unchanged,
            }
            upload.status = ObservationUpload.Status.APPLIED
            upload.applied_at = timezone.now()
            upload.summary = result
            upload.save(update_fields=["status", "applied_at", "summary"])
            regions = {item.region.pk: item.region for item in plan.values}
            audit_log_record(
                actor=actor,
                action=AuditLogEntry.Action.IMPORT,
                obj=upload,
                changes={"result": [None, result]},
                regions=regions.values(),
            )
    except ImportFailed as failure:
        ObservationUpload.objects.filter(pk=upload.pk, status=ObservationUpload.Status.PENDING).update(
            errors=[problem.as_dict() for problem in failure.errors]
        )
        raise
    return upload


@transaction.atomic
def indicator_store(*, indicator: Indicator, actor: User | None) -> Indicator:
    """Save an indicator edited as a whole (the admin's form) and record what changed."""
    before = snapshot(Indicator.objects.get(pk=indicator.pk)) if indicator.pk else {}
    created = indicator.pk is None
    indicator.full_clean()
    indicator.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE if created else AuditLogEntry.Action.UPDATE,
        obj=indicator,
        changes=diff(before, snapshot(indicator)),
        regions=[indicator.owner_region],
    )
    return indicator
