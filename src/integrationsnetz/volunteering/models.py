"""Needs of organisations, offers of volunteers, their matches, hours and the organisations' verification."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrationsnetz.volunteering.slots import ALL_SLOTS


class Activity(models.TextChoices):
    ACCOMPANYING = "accompanying", _("accompanying to offices")
    LANGUAGE_MEDIATION = "language_mediation", _("language mediation")
    HOMEWORK_HELP = "homework_help", _("homework help")
    MENTORING = "mentoring", _("mentoring")
    DRIVING = "driving", _("driving")
    LEISURE_SPORT = "leisure_sport", _("leisure and sport")
    LANGUAGE_CAFE = "language_cafe", _("language café and German practice")
    OTHER = "other", _("other help")


class LanguageLevel(models.IntegerChoices):
    BASIC = 1, _("basic")
    CONVERSATIONAL = 2, _("conversational")
    FLUENT = 3, _("fluent")
    NATIVE = 4, _("native")


class QualificationKind(models.TextChoices):
    # The erweitertes Führungszeugnis (extended certificate of conduct, § 30a BZRG) is required for
    # work with children; only that it was seen, when, and until when it counts is stored.
    CERTIFICATE_OF_CONDUCT = "certificate_of_conduct", _("extended certificate of conduct seen")
    FIRST_AID = "first_aid", _("first aid course")
    DRIVING_LICENCE = "driving_licence", _("driving licence")


class OrganisationVerification(models.Model):
    """A coordinator vouched for the organisation: only then may it see proposals and contact volunteers."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="volunteering_verification",
        verbose_name=_("organisation"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("organisation verification")
        verbose_name_plural = _("organisation verifications")

    def __str__(self) -> str:
        return str(self.organisation)


class Need(models.Model):
    """Help an organisation (or a coordinator on its behalf) is looking for."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FILLED = "filled", _("filled")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="volunteer_needs",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    title = models.CharField(_("title"), max_length=200)
    activity = models.CharField(_("activity"), max_length=32, choices=Activity.choices)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("town or district")
    )
    town = models.CharField(_("town"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    starts_on = models.DateField(_("date"), help_text=_("The date of a one-off need, or the first date."))
    recurring = models.BooleanField(_("recurring weekly"), default=False)
    # Weekly slots (weekday x part of day) as a bit set, see slots.py; a one-off need has its date's slots.
    slots = models.PositiveIntegerField(_("time slots"), default=0)
    helpers_wanted = models.PositiveSmallIntegerField(
        _("helpers wanted"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    requires_certificate_of_conduct = models.BooleanField(
        _("requires a seen extended certificate of conduct"), default=False
    )
    # After this day the need is no longer listed nor proposed; its matches stay as they are.
    expires_on = models.DateField(
        _("looking for helpers until"),
        null=True,
        blank=True,
        help_text=_("After this day the need is no longer shown and no one new is proposed."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    confirmation_requested_at = models.DateTimeField(_("confirmation requested"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                name="need_slots_in_range", condition=Q(slots__gt=0, slots__lte=ALL_SLOTS)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.slots:
            raise ValidationError({"slots": _("Choose at least one time slot.")})

    def expired_on(self, day: date) -> bool:
        return self.expires_on is not None and self.expires_on < day


class NeedLanguage(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="languages", verbose_name=_("need"))
    language = models.ForeignKey("core.Language", on_delete=models.PROTECT, verbose_name=_("language"))
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"), choices=LanguageLevel.choices, default=LanguageLevel.CONVERSATIONAL
    )

    class Meta:
        verbose_name = _("required language")
        verbose_name_plural = _("required languages")
        constraints = [models.UniqueConstraint(fields=["need", "language"], name="need_language_unique")]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_min_level_display()})"


class VolunteerOffer(models.Model):
    """What a volunteer offers: activities, languages, area, weekly time; one offer per volunteer."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_offer",
        verbose_name=_("volunteer"),
    )
    activities = models.JSONField(_("activities"), default=list)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("home town or district")
    )
    town = models.CharField(_("town"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    max_distance_km = models.PositiveSmallIntegerField(
        _("how far I will travel (km)"), default=10, validators=[MaxValueValidator(200)]
    )
    availability = models.PositiveIntegerField(_("weekly availability"), default=0)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), default=2, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    max_matches = models.PositiveSmallIntegerField(
        _("at most this many needs at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"), null=True, blank=True)
    birth_date = models.DateField(
        _("date of birth"), null=True, blank=True, help_text=_("Only for the check of the Ehrenamtskarte.")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    consent_at = models.DateTimeField(_("consent given"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    confirmation_requested_at = models.DateTimeField(_("confirmation requested"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("volunteer offer")
        verbose_name_plural = _("volunteer offers")
        indexes = [models.Index(fields=["status", "region"])]

    def __str__(self) -> str:
        return _("Offer of %(name)s") % {"name": self.user.get_short_name()}

    def clean(self) -> None:
        if self.available_until and self.available_until < self.available_from:
            raise ValidationError({"available_until": _("The end lies before the start.")})
        if not self.availability:
            raise ValidationError({"availability": _("Choose at least one time slot.")})
        unknown = set(self.activities) - set(Activity.values)
        if unknown or not self.activities:
            raise ValidationError({"activities": _("Choose at least one activity.")})

    def available_on(self, day: date) -> bool:
        return self.available_from <= day and (self.available_until is None or day <= self.available_until)


class OfferLanguage(models.Model):
    offer = models.ForeignKey(
        VolunteerOffer, on_delete=models.CASCADE, related_name="languages", verbose_name=_("offer")
    )
    language = models.ForeignKey("core.Language", on_delete=models.PROTECT, verbose_name=_("language"))
    level = models.PositiveSmallIntegerField(_("level"), choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        constraints = [models.UniqueConstraint(fields=["offer", "language"], name="offer_language_unique")]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"


class Qualification(models.Model):
    """A qualification a coordinator or organisation has seen; the document itself is never stored."""

    offer = models.ForeignKey(
        VolunteerOffer, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("offer")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=QualificationKind.choices)
    seen_on = models.DateField(_("seen on"))
    expires_on = models.DateField(_("counts until"))
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seen by"),
    )

    class Meta:
        ordering = ["kind", "-expires_on"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.CheckConstraint(
                name="qualification_expires_after_seen", condition=Q(expires_on__gte=models.F("seen_on"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.seen_on} – {self.expires_on})"

    def valid_on(self, day: date) -> bool:
        return self.seen_on <= day <= self.expires_on


class Match(models.Model):
    """A volunteer and a need brought together; contact data shows only after both said yes."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED_BY_VOLUNTEER = "accepted_by_volunteer", _("accepted by the volunteer")
        CONFIRMED_BY_ORGANISATION = "confirmed_by_organisation", _("confirmed by the organisation")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        DID_NOT_HAPPEN = "did_not_happen", _("did not happen")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches", verbose_name=_("need"))
    offer = models.ForeignKey(
        VolunteerOffer, on_delete=models.CASCADE, related_name="matches", verbose_name=_("offer")
    )
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.PROPOSED)
    score = models.FloatField(_("score"), default=0)
    # Message ids and their parameters (see matching.Reason), translated when shown.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.TextField(_("reason"), blank=True)
    meets_at = models.DateTimeField(_("first appointment"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="match_need_offer_unique")]

    def __str__(self) -> str:
        return f"{self.need} – {self.offer}"

    @property
    def mutual_consent(self) -> bool:
        """Both sides said yes: from now on each sees the other's contact data."""
        return self.status in CONSENTED_STATUSES


CONSENTED_STATUSES = frozenset(
    {
        Match.Status.CONFIRMED_BY_ORGANISATION,
        Match.Status.ACTIVE,
        Match.Status.COMPLETED,
    }
)
# Matches that still bind a volunteer's time (they count against ``max_matches``).
OPEN_STATUSES = frozenset(
    {
        Match.Status.PROPOSED,
        Match.Status.ACCEPTED_BY_VOLUNTEER,
        Match.Status.CONFIRMED_BY_ORGANISATION,
        Match.Status.ACTIVE,
    }
)


class MatchMessage(models.Model):
    """A message through the platform, so that neither side needs the other's address before consent."""

    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, related_name="messages", verbose_name=_("match")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sender"),
    )
    body = models.TextField(_("message"), max_length=2000)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.sender} {self.sent_at:%Y-%m-%d %H:%M}"


class HoursEntry(models.Model):
    """Hours a volunteer logged for a match; they count once the organisation approved them."""

    class Status(models.TextChoices):
        LOGGED = "logged", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="hours", verbose_name=_("match"))
    day = models.DateField(_("day"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.25), MaxValueValidator(24)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.LOGGED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours")
        constraints = [
            models.CheckConstraint(name="hours_entry_positive", condition=Q(hours__gt=0, hours__lte=24)),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.hours} h"


class InactivityNotice(models.Model):
    """When a long-inactive volunteer was told the account will be deleted unless they log in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("inactivity notice")
        verbose_name_plural = _("inactivity notices")

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_at:%Y-%m-%d}"
