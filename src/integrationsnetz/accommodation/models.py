"""Accommodation sites, the versioned criteria catalogue and the inspections made with it.

The "Heim-TÜV" of the Saxon state commissioner for foreigners checks how refugees are housed; the
catalogue it checks against changes over time, so every inspection points at the catalogue version it
used and a version is frozen once an inspection uses it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import Region, TranslatedNameMixin
from integrationsnetz.directory.models import Organisation


class Light(models.TextChoices):
    """The traffic light of an area or of a whole inspection."""

    GREEN = "green", _("green")
    YELLOW = "yellow", _("yellow")
    RED = "red", _("red")
    NONE = "none", _("not rated")
    # Every criterion of the area (or inspection) was marked not applicable: nothing to rate.
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class Site(models.Model):
    class Kind(models.TextChoices):
        INITIAL_RECEPTION = "initial_reception", _("initial reception facility")
        SHARED = "shared", _("shared accommodation")
        FLATS = "flats", _("decentralised flats")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SHARED)
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="accommodation_sites",
        verbose_name=_("operator"),
        help_text=_("The organisation running the site; its editors see the full results."),
    )
    district = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="accommodation_sites",
        verbose_name=_("district"),
        help_text=_("The district or district-free city; its coordinators see the full results."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity (places)"))
    occupancy = models.PositiveIntegerField(_("occupancy (persons)"), null=True, blank=True)
    occupancy_date = models.DateField(_("occupancy as of"), null=True, blank=True)
    social_care_contact = models.CharField(
        _("social care contact"),
        max_length=300,
        blank=True,
        help_text=_("Service or office of the social care on site (no private data)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_fictitious = models.BooleanField(
        _("fictitious (demo data)"), default=False, help_text=_("Marks invented example sites.")
    )

    class Meta:
        ordering = ["district__name", "name"]
        verbose_name = _("accommodation site")
        verbose_name_plural = _("accommodation sites")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.occupancy is None) != (self.occupancy_date is None):
            raise ValidationError(
                {"occupancy_date": _("Give the occupancy together with the date it was counted.")}
            )


class Catalogue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("criteria catalogue")
        verbose_name_plural = _("criteria catalogues")

    def __str__(self) -> str:
        return self.name


class CatalogueVersion(models.Model):
    """One edition of a catalogue; frozen once an inspection uses it (past results must not move)."""

    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.PROTECT, related_name="versions", verbose_name=_("catalogue")
    )
    number = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    green_from = models.DecimalField(
        _("green from (percent)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("75"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    yellow_from = models.DecimalField(
        _("yellow from (percent)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    note = models.TextField(_("what changed"), blank=True)

    class Meta:
        ordering = ["catalogue", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="accommodation_version_unique"),
            models.CheckConstraint(
                condition=models.Q(yellow_from__lte=models.F("green_from")),
                name="accommodation_version_thresholds_ordered",
            ),
        ]
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self) -> str:
        return f"{self.catalogue} – {self.number}"

    def clean(self) -> None:
        if (
            self.yellow_from is not None
            and self.green_from is not None
            and self.yellow_from > self.green_from
        ):
            raise ValidationError(
                {"yellow_from": _("The yellow threshold must not lie above the green one.")}
            )


class Area(TranslatedNameMixin):
    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.CASCADE, related_name="areas", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")


class Criterion(TranslatedNameMixin):
    """One question of the catalogue, answered on a scale from 0 to ``max_score``."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("area"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    guidance = models.TextField(_("guidance for inspectors"), blank=True)
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    critical_scores = models.JSONField(
        _("critical scores"),
        default=list,
        blank=True,
        help_text=_("Scores that make this criterion critical: its area is then rated red."),
    )

    class Meta:
        ordering = ["area", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def clean(self) -> None:
        scores = self.critical_scores
        if not isinstance(scores, list) or any(
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= self.max_score
            for value in scores
        ):
            raise ValidationError(
                {"critical_scores": _("Critical scores must be whole numbers on the criterion's scale.")}
            )


class Inspection(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COMPLETED = "completed", _("completed")

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("site")
    )
    version = models.ForeignKey(
        CatalogueVersion,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("catalogue version"),
    )
    date = models.DateField(_("date of the visit"))
    inspectors = models.CharField(_("inspectors"), max_length=300)
    summary = models.TextField(_("summary of findings"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Counts server-side saves; the offline draft script uses it to tell whether its copy was sent.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # The rating is stored on completion: comparisons read it without recomputing every inspection.
    overall_percent = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    overall_light = models.CharField(
        _("overall rating"), max_length=20, choices=Light.choices, default=Light.NONE, editable=False
    )
    area_results = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["site", "status", "date"])]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.site} – {self.date:%d.%m.%Y}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class Score(models.Model):
    """One criterion as answered: a score, or "not applicable" with a reason, or not yet either."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="scores", verbose_name=_("inspection")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Kept apart from an unanswered score: "does not apply here" must not read as "forgotten".
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    not_applicable_reason = models.CharField(_("why not applicable"), max_length=300, blank=True)

    class Meta:
        ordering = ["criterion__area__position", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "criterion"], name="accommodation_score_unique"),
            models.CheckConstraint(
                condition=models.Q(not_applicable=False, not_applicable_reason="")
                | (models.Q(not_applicable=True, value__isnull=True) & ~models.Q(not_applicable_reason="")),
                name="accommodation_score_not_applicable_with_reason",
            ),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        if self.not_applicable:
            return f"{self.criterion}: {Light.NOT_APPLICABLE.label}"
        return f"{self.criterion}: {self.value}"


def photo_path(instance: Photo, filename: str) -> str:
    return f"accommodation/{instance.inspection_id}/{filename}"


class Photo(models.Model):
    """A photo taken on the visit, stored resized and without EXIF (no GPS position of the site)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="photos", verbose_name=_("inspection")
    )
    criterion = models.ForeignKey(
        Criterion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    image = models.ImageField(_("image"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class Statement(models.Model):
    """What residents or staff said; kept apart from the inspectors' scores and without names."""

    class Source(models.TextChoices):
        RESIDENTS = "residents", _("residents")
        STAFF = "staff", _("staff")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="statements", verbose_name=_("inspection")
    )
    source = models.CharField(_("said by"), max_length=10, choices=Source.choices)
    text = models.TextField(_("statement"))

    class Meta:
        ordering = ["source", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.text[:60]}"


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="actions", verbose_name=_("raised in inspection")
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accommodation_actions",
        verbose_name=_("owner"),
        help_text=_("Who sees to it; reminders go to this person."),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    checked_in = models.ForeignKey(
        Inspection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checked_actions",
        verbose_name=_("checked in inspection"),
    )
    check_note = models.TextField(_("result of the check"), blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
