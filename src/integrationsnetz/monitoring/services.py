"""Every write to the monitoring figures: imports, commands, the admin and the indicator pages call these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@dataclass(frozen=True)
class CategoryInput:
    """One category as the indicator page sends it: ``pk`` of an existing one, None for a new one."""

    slug: str
    name_de: str
    name_en: str = ""
    pk: int | None = None


def _categories_apply(
    *, indicator: Indicator, categories: Sequence[CategoryInput], actor: User | None
) -> None:
    """Make the indicator's categories exactly ``categories``, in that order, or refuse all of it.

    Figures, files, links and newsletters name a category by its slug: a category that values use
    keeps its slug and cannot be removed. Every refusal names its category (``params["category"]`` is
    its id, so the page can show the message at the right row).
    """
    existing = {category.pk: category for category in indicator.categories.all()}
    in_use = dict(
        Observation.objects.filter(indicator=indicator, category__isnull=False)
        .order_by()
        .values_list("category_id")
        .annotate(count=Count("id"))
        .values_list("category_id", "count")
    )
    problems: list[ValidationError] = []
    kept = {item.pk for item in categories if item.pk is not None}
    if kept - existing.keys():
        problems.append(ValidationError(_("A category was not found; load the page again."), code="unknown"))
    slugs = [item.slug for item in categories]
    for slug in sorted({slug for slug in slugs if slugs.count(slug) > 1}):
        problems.append(
            ValidationError(
                _("Two categories have the short name “%(slug)s”."), code="duplicate", params={"slug": slug}
            )
        )
    for pk, category in existing.items():
        if pk not in kept and in_use.get(pk):
            problems.append(
                ValidationError(
                    ngettext(
                        "“%(name)s” cannot be removed: %(count)s value uses it.",
                        "“%(name)s” cannot be removed: %(count)s values use it.",
                        in_use[pk],
                    ),
                    code="in_use",
                    params={"name": category.name_de, "count": in_use[pk], "category": pk},
                )
            )
    for item in categories:
        used = existing.get(item.pk) if item.pk is not None else None
        if used is not None and used.slug != item.slug and in_use.get(used.pk):
            problems.append(
                ValidationError(
                    ngettext(
                        "The short name of “%(name)s” cannot change: %(count)s value uses it.",
                        "The short name of “%(name)s” cannot change: %(count)s values use it.",
                        in_use[used.pk],
                    ),
                    code="slug_in_use",
                    params={"name": used.name_de, "count": in_use[used.pk], "category": used.pk},
                )
            )
    if problems:
        raise ValidationError({"categories": problems})

    for pk in existing.keys() - kept:
        removed = existing[pk]
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.DELETE,
            obj=removed,
            changes=diff(snapshot(removed), {}),
            regions=[indicator.owner_region],
        )
        removed.delete()
    # A short name may move from one category to another (a swap): free the changed ones first.
    renamed = [
        category_pk
        for item in categories
        if (category_pk := item.pk) is not None and existing[category_pk].slug != item.slug
    ]
    for category_pk in renamed:
        Category.objects.filter(pk=category_pk).update(slug=f"~{category_pk}")
    for position, item in enumerate(categories, start=1):
        category = existing[item.pk] if item.pk is not None else Category(indicator=indicator)
        before = snapshot(category) if item.pk is not None else {}
        category.slug, category.name_de, category.name_en = item.slug, item.name_de, item.name_en
        category.position = position
        # Short names were checked against each other above; the indicator is the one just saved.
        category.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
        changes = diff(before, snapshot(category))
        if not changes:
            continue
        created = category.pk is None
        category.save()
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.CREATE if created else AuditLogEntry.Action.UPDATE,
            obj=category,
            changes=changes,
            regions=[indicator.owner_region],
        )


@transaction.atomic
def indicator_create(
    *,
    actor: User | None,
    slug: str,
    owner_region: Region,
    name_de: str,
    name_en: str = "",
    unit: str = "",
    source: str = "",
    notes: str = "",
    categories: Sequence[CategoryInput] = (),
) -> Indicator:
    """A new indicator with its categories, unpublished: publishing is a step of its own."""
    indicator = Indicator(
        slug=slug,
        owner_region=owner_region,
        name_de=name_de,
        name_en=name_en,
        unit=unit,
        source=source,
        notes=notes,
        published=False,
    )
    indicator.full_clean()
    indicator.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=indicator,
        changes=diff({}, snapshot(indicator)),
        regions=[owner_region],
    )
    _categories_apply(indicator=indicator, categories=categories, actor=actor)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    actor: User | None,
    slug: str,
    owner_region: Region,
    name_de: str,
    name_en: str = "",
    unit: str = "",
    source: str = "",
    notes: str = "",
    categories: Sequence[CategoryInput] = (),
) -> Indicator:
    """Change an indicator and its categories together, or nothing (raises ``ValidationError``).

    The slug names the indicator in files, chart links and newsletters: once figures exist it stays.
    """
    current = Indicator.objects.select_for_update().select_related("owner_region").get(pk=indicator.pk)
    if slug != current.slug and Observation.objects.filter(indicator=current).exists():
        raise ValidationError(
            {
                "slug": _(
                    "The short name cannot change any more: figures of this indicator exist, and files, "
                    "chart links and newsletters name it “%(slug)s”."
                )
                % {"slug": current.slug}
            }
        )
    before = snapshot(current)
    regions = [current.owner_region, owner_region]
    current.slug, current.owner_region = slug, owner_region
    current.name_de, current.name_en = name_de, name_en
    current.unit, current.source, current.notes = unit, source, notes
    current.full_clean()
    current.save()
    changes = diff(before, snapshot(current))
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=current,
            changes=changes,
            regions=regions,
        )
    _categories_apply(indicator=current, categories=categories, actor=actor)
    return current


@transaction.atomic
def indicator_publish(*, indicator: Indicator, actor: User | None, published: bool) -> Indicator:
    """Publish (or withdraw) an indicator: its figures appear on (or leave) every public page and the API.

    Asking for the state it has already changes and records nothing.
    """
    current = Indicator.objects.select_for_update().select_related("owner_region").get(pk=indicator.pk)
    if current.published == published:
        return current
    before = snapshot(current, ["published"])
    current.published = published
    current.save(update_fields=["published"])
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=current,
        changes=diff(before, snapshot(current, ["published"])),
        regions=[current.owner_region],
    )
    return current


@transaction.atomic
def indicator_population_set(*, indicator: Indicator, actor: User | None) -> Indicator:
    """Make ``indicator`` the one that counts the inhabitants (the denominator of every figure per 1,000).

    The indicator that counted them before stops doing so; each change is audit-logged. Asking for the
    state it already has changes and records nothing.
    """
    fields = ["counts_inhabitants"]
    previous = list(
        Indicator.objects.select_for_update().select_related("owner_region").filter(counts_inhabitants=True)
    )
    current = Indicator.objects.select_for_update().select_related("owner_region").get(pk=indicator.pk)
    if current.counts_inhabitants:
        return current
    for other in previous:
        before = snapshot(other, fields)
        other.counts_inhabitants = False
        other.save(update_fields=fields)
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=other,
            changes=diff(before, snapshot(other, fields)),
            regions=[other.owner_region],
        )
    before = snapshot(current, fields)
    current.counts_inhabitants = True
    current.save(update_fields=fields)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=current,
        changes=diff(before, snapshot(current, fields)),
        regions=[current.owner_region],
    )
    return current
