"""Meeting series, meetings with their programme, invitations, registrations and working groups.

A series belongs to a region: the coordinators of that region (and the coordinating office) organise
its meetings. Working groups are private-but-visible: everyone sees that they exist, only members
read their documents and announcements.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import ContactPerson, Network, Organisation


class WorkingGroup(models.Model):
    """Arbeitskreis: a standing group of actors with a lead, members, meetings and a board."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Coordinators of this region manage the group."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead"),
    )
    lead_name = models.CharField(
        _("lead (as shown)"), max_length=200, blank=True, help_text=_("Who convenes the group.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="working_groups", verbose_name=_("members")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="working_groups", verbose_name=_("participating organisations")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:working_group", args=[self.slug])


class MeetingSeries(models.Model):
    """A recurring kind of meeting and who is invited to it (rules plus named people)."""

    class Kind(models.TextChoices):
        STATE_NETWORK = "state_network", _("state network meeting")
        COMMISSIONERS = "commissioners", _("commissioners' meeting")
        DISTRICT_NETWORK = "district_network", _("district network meeting")
        WORKING_GROUP = "working_group", _("working group meeting")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Coordinators of this region organise the meetings of the series."),
    )
    organiser_name = models.CharField(_("organiser"), max_length=300, blank=True)
    # Invitation rules: each adds recipients; named people come on top.
    invite_network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invite all member organisations of"),
    )
    invite_commissioners = models.BooleanField(_("invite all integration commissioners"), default=False)
    invite_region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invite all actors of the region"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="series",
        verbose_name=_("working group"),
        help_text=_("Its members are invited."),
    )
    invited_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("named people")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:series", args=[self.slug])


class Meeting(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        SAVE_THE_DATE = "save_the_date", _("save the date")
        INVITED = "invited", _("invited")
        REGISTRATION_OPEN = "registration_open", _("registration open")
        REGISTRATION_CLOSED = "registration_closed", _("registration closed")
        HELD = "held", _("held")
        DOCUMENTED = "documented", _("documented")

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("series")
    )
    title = models.CharField(_("title"), max_length=300)
    motto = models.CharField(_("motto"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=300, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    requires_approval = models.BooleanField(_("registrations need the organiser's approval"), default=False)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.SAVE_THE_DATE
    )
    is_public = models.BooleanField(_("shown publicly"), default=True)
    review = models.TextField(_("minutes / review"), blank=True)
    reported_attendance = models.PositiveIntegerField(
        _("reported attendance"),
        null=True,
        blank=True,
        help_text=_("A figure from the report, when there was no check-in (e.g. from the archive)."),
    )
    is_fictitious = models.BooleanField(_("fictitious demo data"), default=False)
    # The iCalendar UID stays for the meeting's life; SEQUENCE rises on every change of time or venue.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ics_sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                name="meeting_ends_after_start", condition=Q(ends_at__gte=models.F("starts_at"))
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end must not be before the start.")})
        if self.format != self.Format.IN_PERSON and not self.online_url:
            raise ValidationError({"online_url": _("An online or hybrid meeting needs a link.")})

    @property
    def ical_uid(self) -> str:
        return f"meeting-{self.uid}@integrationsnetz"


def speaker_label(contact: ContactPerson) -> str:
    """How a speaker from the directory is shown on pages, in the API and in mails.

    The name appears only with the person's consent to publication; otherwise function and
    organisation stand for them, as in the directory.
    """
    parts = [contact.name if contact.is_public else "", contact.function, contact.organisation.name]
    return ", ".join(part for part in parts if part)


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("welcome")
        INPUT = "input", _("input")
        DISCUSSION = "discussion", _("discussion")
        WORKSHOP = "workshop", _("workshops")
        REGIONAL_REPORTS = "regional_reports", _("reports from the regions")
        OPEN_ROUND = "open_round", _("open round")
        CLOSING = "closing", _("closing words")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="programme", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    speaker_contacts: models.ManyToManyField[ContactPerson, ProgrammeItemSpeaker] = models.ManyToManyField(
        ContactPerson,
        blank=True,
        through="ProgrammeItemSpeaker",
        related_name="programme_items",
        verbose_name=_("speakers from the directory"),
    )
    speakers = models.TextField(
        _("other speakers"), blank=True, help_text=_("One per line: name, organisation.")
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return self.title

    @property
    def speaker_lines(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    @property
    def ordered_speaker_contacts(self) -> list[ContactPerson]:
        """The directory speakers in the order of the programme (prefetched by ``meeting_detail``)."""
        return [link.contact for link in self.speaker_links.all()]

    @property
    def speaker_list(self) -> list[str]:
        """Everyone who speaks, as shown publicly: people from the directory first, then the others."""
        return [speaker_label(contact) for contact in self.ordered_speaker_contacts] + self.speaker_lines


class ProgrammeItemSpeaker(models.Model):
    """A directory speaker of a programme item at its place in the order the organiser gave."""

    item = models.ForeignKey(
        ProgrammeItem,
        on_delete=models.CASCADE,
        related_name="speaker_links",
        verbose_name=_("programme item"),
    )
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.CASCADE,
        related_name="programme_speaker_links",
        verbose_name=_("contact person"),
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "contact"], name="meetings_speaker_once_per_item"),
            models.UniqueConstraint(fields=["item", "position"], name="meetings_speaker_position_per_item"),
        ]
        verbose_name = _("speaker from the directory")
        verbose_name_plural = _("speakers from the directory")

    def __str__(self) -> str:
        return f"{self.position}. {self.contact}"


class Workshop(models.Model):
    """A parallel workshop of a meeting with its own number of places."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        ordering = ["meeting", "title"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """One recipient of a meeting's invitations; the answer link carries a signed token of its id."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    class Response(models.TextChoices):
        NONE = "", _("no answer yet")
        ACCEPTED = "accepted", _("registered")
        DECLINED = "declined", _("declined")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    response = models.CharField(
        _("answer"), max_length=8, choices=Response.choices, default=Response.NONE, blank=True
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="invitation_one_per_recipient")
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.meeting}"


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")
        PENDING_APPROVAL = "pending", _("pending approval")

    # These hold a place; waiting and cancelled registrations do not.
    HOLDING_PLACE = (Status.REGISTERED, Status.PENDING_APPROVAL)

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    invitation = models.ForeignKey(
        Invitation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("invitation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (as given)"), max_length=300, blank=True)
    workshop = models.ForeignKey(
        Workshop,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("workshop"),
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"


class TopicProposal(models.Model):
    """A topic a member brings in before a meeting; others support it, the organiser answers."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        LATER = "later", _("later")
        DECLINED = "declined", _("declined")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="topic_proposals", verbose_name=_("meeting")
    )
    title = models.CharField(_("topic"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("supporters")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    answer = models.TextField(_("answer"), blank=True)
    programme_item = models.OneToOneField(
        ProgrammeItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
        verbose_name=_("programme item"),
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")

    def __str__(self) -> str:
        return self.title


class MeetingDocument(models.Model):
    """Slides, minutes or a PDF of a meeting or of a working group, with who may read it."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members")
        PARTICIPANTS = "participants", _("participants")

    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("working group"),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    visibility = models.CharField(
        _("visible to"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                name="document_belongs_to_one",
                condition=Q(meeting__isnull=False, working_group__isnull=True)
                | Q(meeting__isnull=True, working_group__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Announcement(models.Model):
    """A post on a working group's board; members get it by e-mail."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("working group")
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title
