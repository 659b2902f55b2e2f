"""The actors of the network: organisations, their services, locations and contact persons.

Field names follow Open Referral HSDS 3.0 where a field has a twin there, so that the HSDS export
is a mapping, not a translation.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class Network(models.Model):
    """A network organisations belong to: NIMS (state), KAIB (commissioners), a district's network."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    description = models.TextField(_("description"), blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.short_name


class Organisation(models.Model):
    """An actor of integration work: association, authority, counselling service, chamber, ..."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        INITIATIVE = "initiative", _("initiative")
        PROJECT_PROVIDER = "project_provider", _("project provider")
        COMMISSIONER = "commissioner", _("integration commissioner")
        COUNSELLING = "counselling", _("counselling service")
        AUTHORITY = "authority", _("authority")
        MIGRANT_ORGANISATION = "migrant_organisation", _("migrant organisation")
        WELFARE_ASSOCIATION = "welfare_association", _("welfare association")
        CHAMBER = "chamber", _("chamber")
        EDUCATIONAL_PROVIDER = "educational_provider", _("educational provider")
        COMPANY = "company", _("company")

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied to join")
        ACTIVE = "active", _("active")
        REJECTED = "rejected", _("rejected")
        ARCHIVED = "archived", _("archived")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="seated_organisations",
        verbose_name=_("seat"),
        help_text=_("The region the organisation is based in; coordinators of this region may edit it."),
    )
    regions_served = models.ManyToManyField(
        Region, blank=True, related_name="served_by", verbose_name=_("regions served")
    )
    fields_of_action = models.ManyToManyField(FieldOfAction, blank=True, verbose_name=_("fields of action"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    non_commercial = models.BooleanField(_("non-commercial"), default=True)
    networks: models.ManyToManyField[Network, NetworkMembership] = models.ManyToManyField(
        Network, through="NetworkMembership", blank=True, related_name="members", verbose_name=_("networks")
    )
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    confirmation_requested_at = models.DateTimeField(_("confirmation requested"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # Denormalised text that the full-text index reads: names, description, services, places.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))


class NetworkMembership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, verbose_name=_("organisation"))
    network = models.ForeignKey(Network, on_delete=models.CASCADE, verbose_name=_("network"))
    since = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "network"], name="network_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class ExternalIdentifier(models.Model):
    """The organisation's key in another register (Amt24/XZuFi Organisationseinheit, Handelsregister, ...)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="external_identifiers",
        verbose_name=_("organisation"),
    )
    scheme = models.CharField(_("scheme"), max_length=50, help_text=_("e.g. xzufi, amt24, vereinsregister"))
    identifier = models.CharField(_("identifier"), max_length=200)

    class Meta:
        verbose_name = _("external identifier")
        verbose_name_plural = _("external identifiers")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "identifier"], name="external_identifier_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.identifier}"


class Location(models.Model):
    """A place where an organisation offers services (HSDS location; physical, postal or virtual)."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", _("physical")
        POSTAL = "postal", _("postal")
        VIRTUAL = "virtual", _("virtual")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locations", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    location_type = models.CharField(_("type"), max_length=16, choices=Type.choices, default=Type.PHYSICAL)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    url = models.URLField(_("web address (virtual locations)"), blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"


class Service(models.Model):
    """An offer of an organisation (HSDS service): counselling, a course, a contact point, ..."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    url = models.URLField(_("web address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    fields_of_action = models.ManyToManyField(FieldOfAction, blank=True, verbose_name=_("fields of action"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    service_areas = models.ManyToManyField(Region, blank=True, verbose_name=_("service areas"))
    locations = models.ManyToManyField(
        Location, blank=True, related_name="services", verbose_name=_("locations")
    )
    opening_hours = models.TextField(_("opening hours"), blank=True)
    fees = models.TextField(
        _("fees"), blank=True, help_text=_("Leave empty when the service is free of charge.")
    )
    application_process = models.TextField(_("how to apply"), blank=True)
    leika_key = models.CharField(
        _("LeiKa key"),
        max_length=20,
        blank=True,
        help_text=_("Key in the federal catalogue of services (LeiKa)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                name="service_age_range_ordered",
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError({"maximum_age": _("The maximum age must not be below the minimum age.")})


class ContactPerson(models.Model):
    """A person to contact at an organisation. Name and direct details are public only with consent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    consent_to_publish = models.BooleanField(_("consents to publication"), default=False)
    consent_recorded_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    consent_wording = models.TextField(_("wording of the consent"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["organisation", "position", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.CheckConstraint(
                name="contact_consent_has_time",
                condition=Q(consent_to_publish=False) | Q(consent_recorded_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def is_public(self) -> bool:
        return self.consent_to_publish and self.consent_recorded_at is not None


class JoinApplication(models.Model):
    """A request to list a new organisation. Its applicant becomes editor only once the office approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="application", verbose_name=_("organisation")
    )
    applicant = models.ForeignKey(
        "accounts.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="join_applications",
        verbose_name=_("applicant"),
    )
    message = models.TextField(_("message to the office"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("application to join")
        verbose_name_plural = _("applications to join")

    def __str__(self) -> str:
        return str(self.organisation)


class ImportBatch(models.Model):
    """An uploaded file between its dry run and its application: the parsed rows, owner and status.

    The rows are kept as parsed text (not as validated values) because applying validates them again
    against the data as it is then.
    """

    class Kind(models.TextChoices):
        ORGANISATIONS = "organisations", _("organisations")
        REGIONS = "regions", _("regions")

    class Status(models.TextChoices):
        PENDING = "pending", _("checked, not applied")
        APPLIED = "applied", _("applied")

    owner = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ORGANISATIONS)
    file_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    rows = models.JSONField(_("rows"), default=list)
    errors = models.JSONField(_("problems found"), default=list)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
