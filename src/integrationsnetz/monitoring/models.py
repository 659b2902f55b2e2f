"""Integration figures per region over time: what is counted, its categories, and the values."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import Region, TranslatedNameMixin


class Indicator(TranslatedNameMixin):
    """What is counted (e.g. foreign residents), in which unit, from which source."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    # The one indicator that counts inhabitants; other indicators are shown per 1,000 of them.
    counts_inhabitants = models.BooleanField(
        _("counts the inhabitants"),
        default=False,
        help_text=_("Other figures are shown per 1,000 inhabitants of this indicator's totals."),
    )
    # The region whose coordinators maintain the indicator; the state for network-wide figures.
    owner_region = models.ForeignKey(
        Region, verbose_name=_("maintained by region"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["counts_inhabitants"],
                condition=models.Q(counts_inhabitants=True),
                name="monitoring_indicator_one_population",
            ),
        ]


class Category(TranslatedNameMixin):
    """A part of an indicator's total, e.g. a residence group."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="categories"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["indicator", "position", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "slug"], name="monitoring_category_unique_slug"),
        ]


class PeriodKind(models.TextChoices):
    DATE = "date", _("date")
    MONTH = "month", _("month")
    HALF_YEAR = "half_year", _("half-year")
    YEAR = "year", _("year")


class Observation(models.Model):
    """One value: indicator x region x category (empty for the total) x period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="observations"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="observations"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    period_start = models.DateField(_("period start"))
    period_kind = models.CharField(_("period kind"), max_length=10, choices=PeriodKind.choices)
    # The source's own label ("Mitte 2011", "Februar 2022"), kept so that tables read like the source.
    period_label = models.CharField(_("period label"), max_length=50, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=500, blank=True)
    remark = models.CharField(_("remark"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["indicator", "region", "period_start", "category"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            # NULLS NOT DISTINCT is PostgreSQL-only; the total gets its own partial constraint instead.
            models.UniqueConstraint(
                fields=["indicator", "region", "category", "period_start", "period_kind"],
                name="monitoring_observation_unique",
            ),
            models.UniqueConstraint(
                fields=["indicator", "region", "period_start", "period_kind"],
                condition=models.Q(category__isnull=True),
                name="monitoring_observation_unique_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.category_id} {self.period_start}: {self.value}"


class ObservationRevision(models.Model):
    """The value an observation had before a change, and who changed it when."""

    observation = models.ForeignKey(
        Observation, verbose_name=_("observation"), on_delete=models.CASCADE, related_name="revisions"
    )
    previous_value = models.DecimalField(_("previous value"), max_digits=14, decimal_places=2)
    previous_source = models.CharField(_("previous source"), max_length=500, blank=True)
    previous_remark = models.CharField(_("previous remark"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("observation revision")
        verbose_name_plural = _("observation revisions")

    def __str__(self) -> str:
        return f"{self.observation_id}: {self.previous_value}"


class ObservationUpload(models.Model):
    """An uploaded file between its dry run and its application.

    The file itself is kept (not the parsed values): applying reads and checks it again against the
    data and permissions as they are then, so a check that has gone stale cannot store anything.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("checked, not applied")
        APPLIED = "applied", _("applied")

    class Shape(models.TextChoices):
        LONG = "long", _("long: one row per value")
        WIDE = "wide", _("wide: one column per period")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    shape = models.CharField(_("shape"), max_length=8, choices=Shape.choices)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    errors = models.JSONField(_("problems found"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("upload of figures")
        verbose_name_plural = _("uploads of figures")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
