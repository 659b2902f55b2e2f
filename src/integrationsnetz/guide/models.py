"""Who is responsible for what (the Schnittstellenpapier), its published editions, and newcomer content.

German is the source language of every text; other languages are stored as :class:`Translation`
rows that remember a hash of the German text they were made from, so that a changed German source
makes them "outdated" without anyone having to remember it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory.models import ContactPerson, Organisation, Service


def source_hash(text: str) -> str:
    """The fingerprint of a German source text that a translation was made from."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


class Matter(models.Model):
    """Anliegen: something a newcomer needs done (asylum application, work permit, day care, ...)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name (German)"), max_length=200)
    description = models.TextField(_("description (German)"), blank=True)
    what_to_bring = models.TextField(_("what to bring (German)"), blank=True)
    # LeiKa (Leistungskatalog der öffentlichen Verwaltung) key, the XZuFi service id.
    leika_key = models.CharField(_("LeiKa key"), max_length=20, blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction, verbose_name=_("field of action"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # A matter that entries or editions still name is retired rather than deleted: it leaves the finder
    # and the choice for new entries, while its entries and the published editions keep it.
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("No longer offered in the finder or for new entries; existing entries keep it."),
    )

    TRANSLATED_FIELDS = ("name", "description", "what_to_bring")

    class Meta:
        ordering = ["field_of_action__position", "position", "name"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self) -> str:
        return self.name


class Responsibility(models.Model):
    """One line of the matrix: for this matter, these target groups and this region, who does what.

    No target group means every target group. The region decides how far the entry holds: a
    state-wide entry holds in every district unless the district has its own for the same role, and
    a town's entry overrides its district's (see ``selectors.responsibilities_effective``).
    """

    class Role(models.TextChoices):
        RESPONSIBLE = "responsible", _("responsible")
        ADVISES = "advises", _("advises")
        SUPPORTS = "supports", _("supports")

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="responsibilities"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="guide_responsibilities"
    )
    target_groups = models.ManyToManyField(
        TargetGroup,
        blank=True,
        verbose_name=_("target groups"),
        related_name="+",
        help_text=_("Leave empty when the entry holds for every target group."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.RESPONSIBLE)
    conditions = models.TextField(_("conditions"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["matter", "region__path", "role", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        indexes = [models.Index(fields=["matter", "region"])]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.organisation_id} ({self.role})"

    @property
    def role_abbreviation(self) -> str:
        """One letter for the matrix cells (a template include per cell would slow large matrices)."""
        return str(ROLE_ABBREVIATIONS[self.role])

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity lies before its start.")})
        service, contact = self.service, self.contact
        if service is not None and self.organisation_id and service.organisation_id != self.organisation_id:
            raise ValidationError({"service": _("The service belongs to another organisation.")})
        if contact is not None and self.organisation_id and contact.organisation_id != self.organisation_id:
            raise ValidationError({"contact": _("The contact person belongs to another organisation.")})


ROLE_ABBREVIATIONS: dict[str, Any] = {
    Responsibility.Role.RESPONSIBLE: pgettext_lazy("role responsible", "R"),
    Responsibility.Role.ADVISES: pgettext_lazy("role advises", "A"),
    Responsibility.Role.SUPPORTS: pgettext_lazy("role supports", "S"),
}


class Edition(models.Model):
    """A published, frozen copy of one region's paper with its "Stand" date; never changed afterwards."""

    class PdfStatus(models.TextChoices):
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))
    stand = models.DateField(_("as of"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("content"), editable=False)
    pdf = models.FileField(_("PDF"), upload_to="guide/editions/", blank=True)
    pdf_status = models.CharField(
        _("PDF status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.PENDING
    )

    class Meta:
        ordering = ["region", "-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="guide_edition_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} #{self.number} ({self.stand.isoformat()})"


class InfoPage(models.Model):
    """A page for newcomers on one topic, for one region (or state-wide), as the Welcome App had them."""

    class Topic(models.TextChoices):
        ARRIVAL = "arrival", _("arrival")
        LANGUAGE = "language", _("language")
        WORK = "work", _("work")
        HEALTH = "health", _("health")
        SCHOOL = "school", _("school")
        HOUSING = "housing", _("housing")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    title = models.CharField(_("title (German)"), max_length=200)
    body = models.TextField(_("text (German)"))
    published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    TRANSLATED_FIELDS = ("title", "body")

    class Meta:
        ordering = ["region__path", "topic", "position", "title"]
        verbose_name = _("info page")
        verbose_name_plural = _("info pages")

    def __str__(self) -> str:
        return self.title


class Form(models.Model):
    """A document of the forms library (e.g. an immigration office's application form)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title (German)"), max_length=200)
    description = models.TextField(_("description (German)"), blank=True)
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    matters = models.ManyToManyField(Matter, verbose_name=_("matters"), blank=True, related_name="forms")
    # A retired form leaves the public forms page and the finder; its files stay for the office.
    retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self) -> str:
        return self.title


class FormFile(models.Model):
    """One language version of a form: the German original or a translated version."""

    form = models.ForeignKey(Form, verbose_name=_("form"), on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), upload_to="guide/forms/")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        ordering = ["form", "language"]
        verbose_name = _("form file")
        verbose_name_plural = _("form files")
        constraints = [
            models.UniqueConstraint(fields=["form", "language"], name="guide_formfile_unique_language")
        ]

    def __str__(self) -> str:
        return f"{self.form_id} ({self.language})"


class Translation(models.Model):
    """One field of one matter or info page in one language, with the hash of its German source."""

    class Kind(models.TextChoices):
        MATTER = "matter", _("matter")
        INFO_PAGE = "info_page", _("info page")

    class Status(models.TextChoices):
        MISSING = "missing", _("missing")
        OUTDATED = "outdated", _("outdated")
        CURRENT = "current", _("current")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    field = models.CharField(_("field"), max_length=32)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))
    source_hash = models.CharField(_("hash of the German source"), max_length=64)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "object_id", "field", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "field", "language"], name="guide_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.field} ({self.language})"

    def status_for(self, source: str) -> str:
        return self.Status.CURRENT if self.source_hash == source_hash(source) else self.Status.OUTDATED


class GuideLanguage(models.Model):
    """A language the office adds to the public guide beyond the built-in ones, without code."""

    language = models.OneToOneField(
        Language, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    # Deactivated rather than deleted: translations and form files in the language stay for a return.
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "language__code"]
        verbose_name = _("guide language")
        verbose_name_plural = _("guide languages")

    def __str__(self) -> str:
        return self.language.code


class Translator(models.Model):
    """A person who may translate the guide's content into one language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["language", "user"]
        verbose_name = _("translator")
        verbose_name_plural = _("translators")
        constraints = [models.UniqueConstraint(fields=["user", "language"], name="guide_translator_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} ({self.language})"
