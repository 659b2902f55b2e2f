"""Every write to the monitoring figures: imports, commands and (later) forms call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.models import Category, Indicator, Observation, ObservationRevision


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
