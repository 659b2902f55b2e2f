"""Action plans ("Kursbuch"): plan -> fields of action -> measures -> implementation steps; and the
library of approaches that worked, with the regions that adopted them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import FieldOfAction, Region, TargetGroup
from integrationsnetz.directory.models import ContactPerson, Network, Organisation

# What a step may link to: (app label, model name). The meetings app is resolved at run time only,
# so this app neither imports it nor depends on it in its migrations.
LINKABLE_MODELS: tuple[tuple[str, str], ...] = (
    ("meetings", "meeting"),
    ("meetings", "workinggroup"),
    ("meetings", "topicproposal"),
    ("monitoring", "indicator"),
)


def linkable_content_types() -> Q:
    condition = Q(pk__in=[])
    for app_label, model in LINKABLE_MODELS:
        condition |= Q(app_label=app_label, model=model)
    return condition


# Plans live at /kursbuch/<slug>/, beside these pages of the app (see urls.py).
RESERVED_PLAN_SLUGS = frozenset(
    {"neu", "ansaetze", "schritte", "verknuepfungen", "kommentare", "massnahmen", "handlungsfelder"}
)


class ActionPlan(models.Model):
    """A network's action plan, e.g. the "Kursbuch Integration und Migration Sachsen" of 2014."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACTIVE = "active", _("in implementation")
        COMPLETED = "completed", _("completed")
        ARCHIVED = "archived", _("archived")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"), null=True, blank=True)
    network = models.ForeignKey(
        Network,
        verbose_name=_("owner network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    permanence_proposals = models.TextField(_("proposals to make the network's work permanent"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:plan_detail", args=[self.slug])

    def clean(self) -> None:
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end must not be before the start.")})
        if self.slug in RESERVED_PLAN_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved; choose another one.")})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class PlanField(models.Model):
    """One field of action of a plan (Handlungsfeld), with the goal the plan sets for it."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="fields"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    goal = models.TextField(_("goal"), blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action (vocabulary)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("field of action of a plan")
        verbose_name_plural = _("fields of action of a plan")

    def __str__(self) -> str:
        return self.title


class Measure(models.Model):
    """A solution approach (Lösungsansatz) within a field of action."""

    plan_field = models.ForeignKey(
        PlanField, verbose_name=_("field of action"), on_delete=models.CASCADE, related_name="measures"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["plan_field", "position", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


# Steps that still have to be done: only these can be overdue or be reminded of. Plain strings: a
# membership test against the enum members is measurably slower on pages with a thousand steps.
OPEN_STATUSES = frozenset({StepStatus.PLANNED.value, StepStatus.IN_PROGRESS.value})


class ImplementationStep(models.Model):
    """An implementation step (Umsetzungsschritt): who does what by when, and how far it got."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("responsible organisations"),
        blank=True,
        related_name="responsible_for_steps",
        help_text=_("Their editors may update the step's status and progress."),
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_in_steps"
    )
    partners_text = models.CharField(
        _("further partners"),
        max_length=500,
        blank=True,
        help_text=_("Partners that are not in the directory."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["measure", "position", "pk"]
        verbose_name = _("implementation step")
        verbose_name_plural = _("implementation steps")
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:step_detail", args=[self.pk])


class ProgressNote(models.Model):
    """What happened on a step on a given day, written by the office or a responsible organisation."""

    step = models.ForeignKey(
        ImplementationStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="notes"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["step", "-date", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"


class StepComment(models.Model):
    """A network member's comment on a step."""

    step = models.ForeignKey(
        ImplementationStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["step", "created_at", "pk"]
        verbose_name = _("comment on a step")
        verbose_name_plural = _("comments on steps")

    def __str__(self) -> str:
        return self.text[:60]


class StepLink(models.Model):
    """A link from a step to a meeting, working group, topic proposal or indicator that belongs to it."""

    step = models.ForeignKey(
        ImplementationStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="links"
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind"),
        on_delete=models.CASCADE,
        limit_choices_to=linkable_content_types,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["step", "content_type", "object_id"]
        verbose_name = _("link of a step")
        verbose_name_plural = _("links of steps")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "content_type", "object_id"], name="actionplan_steplink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"

    def clean(self) -> None:
        if self.content_type_id is None:
            return
        content_type = ContentType.objects.get_for_id(self.content_type_id)
        if (content_type.app_label, content_type.model) not in LINKABLE_MODELS:
            raise ValidationError({"content_type": _("A step cannot link to this kind of object.")})


class Approach(models.Model):
    """An approach that worked (good practice), for other regions to take over."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("problem it solves"))
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True)
    key_figure = models.CharField(
        _("key figure"),
        max_length=200,
        blank=True,
        help_text=_("The result in one figure, e.g. “about 90 % within four weeks”."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region of origin"), on_delete=models.PROTECT, related_name="+"
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, verbose_name=_("fields of action"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    contact_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("contact organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approaches",
    )
    # Shown by name only with the person's consent (the directory's rule, ContactPerson.is_public).
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_on = models.DateField(_("start"), null=True, blank=True)
    ended_on = models.DateField(_("end"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplan:approach_detail", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The end must not be before the start.")
        person = self.contact_person if self.contact_person_id else None
        if person is not None and person.organisation_id != self.contact_organisation_id:
            errors["contact_person"] = _("The contact person must belong to the contact organisation.")
        if errors:
            raise ValidationError(errors)


class ApproachDocument(models.Model):
    """A document about an approach: a link or an uploaded file."""

    approach = models.ForeignKey(
        Approach, verbose_name=_("approach"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address (URL)"), blank=True)
    file = models.FileField(_("file"), upload_to="actionplan/approaches/", blank=True)

    class Meta:
        ordering = ["approach", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.url and not self.file:
            raise ValidationError(_("Give an address or upload a file."))

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class Adoption(models.Model):
    """A region that took an approach over ("adopted by"), with its experience."""

    approach = models.ForeignKey(
        Approach, verbose_name=_("approach"), on_delete=models.CASCADE, related_name="adoptions"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_on = models.DateField(_("running since"), null=True, blank=True)
    experience = models.TextField(_("experience"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["approach", "region__name"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(fields=["approach", "region"], name="actionplan_adoption_unique_region")
        ]

    def __str__(self) -> str:
        return f"{self.approach} – {self.region}"
