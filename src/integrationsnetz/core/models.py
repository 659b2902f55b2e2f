"""Regions with their official keys and the vocabularies every module shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedNameMixin(models.Model):
    """A German name first and an English one second, picked by the active language."""

    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de


class Region(models.Model):
    """A node of the administrative tree: state, district, city, town or social area.

    ``path`` holds the keys of all ancestors (``/14/14730/14730070/``) so that "this region and all
    its sub-regions" is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("federal state")
        DISTRICT = "district", _("district")
        CITY = "city", _("district-free city")
        MUNICIPALITY = "municipality", _("municipality")
        TOWN = "town", _("town")
        SOCIAL_AREA = "social_area", _("social area")

    key = models.CharField(
        _("official key"),
        max_length=32,
        unique=True,
        help_text=_("Amtlicher Gemeindeschlüssel (AGS) or, for social areas, a local key."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=500, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent else "/"
        return f"{prefix}{self.key}/"


class FieldOfAction(TranslatedNameMixin):
    """Handlungsfeld: a theme of integration work (language, education, work, housing, health, ...)."""

    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name_de"]
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")


class TargetGroup(TranslatedNameMixin):
    """A group of people by residence status (asylum seekers, recognised refugees, EU citizens, ...)."""

    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name_de"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(models.Model):
    """A language by its ISO 639-1 code, with its own name and writing direction."""

    class Direction(models.TextChoices):
        LTR = "ltr", _("left to right")
        RTL = "rtl", _("right to left")

    code = models.CharField(_("ISO 639-1 code"), max_length=3, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    native_name = models.CharField(_("native name"), max_length=100)
    direction = models.CharField(
        _("text direction"), max_length=3, choices=Direction.choices, default=Direction.LTR
    )

    class Meta:
        ordering = ["name_de"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class SentMail(models.Model):
    """A marker that one e-mail went out, so that a retried background task never sends it twice."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    recipient = models.CharField(_("recipient"), max_length=254)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return self.key
