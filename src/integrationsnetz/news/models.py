"""Posts, newsletters and their issues, subscribers with their consent, and the send-once deliveries."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import FieldOfAction, Region


def new_token() -> str:
    """A random, URL-safe token for links that work without login (confirm, unsubscribe)."""
    return secrets.token_urlsafe(24)


class SubscriberRole(models.TextChoices):
    """The segment "role": what a reader does in the network."""

    FULL_TIME = "full_time", _("full-time staff")
    VOLUNTEER = "volunteer", _("volunteer")
    ADMINISTRATION = "administration", _("public administration")
    PRESS = "press", _("press")
    OTHER = "other", _("other")


class Post(models.Model):
    """A news item, press release, good-practice report or interview, published on the site."""

    class Kind(models.TextChoices):
        NEWS = "news", _("news")
        PRESS_RELEASE = "press_release", _("press release")
        GOOD_PRACTICE = "good_practice", _("good-practice report")
        INTERVIEW = "interview", _("interview")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    number = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_("Press releases are numbered, e.g. 7/2014.")
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), help_text=_("Paragraphs are separated by an empty line."))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    fields_of_action = models.ManyToManyField(FieldOfAction, blank=True, verbose_name=_("fields of action"))
    author = models.CharField(_("author"), max_length=200, blank=True)
    press_contact = models.ForeignKey(
        "directory.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("press contact"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="news_post_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class PostImage(models.Model):
    """An image of a post, hosted here (never a tracking pixel); alt text is required."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images", verbose_name=_("post"))
    image = models.ImageField(_("image"), upload_to="news/images/")
    alt_text = models.CharField(_("alternative text"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("source"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["post", "position", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text


class Newsletter(models.Model):
    """A mailing list with its own sender and design: the state network's, a district's."""

    class Design(models.TextChoices):
        NETWORK = "network", _("state network (blue)")
        DISTRICT = "district", _("district (green)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Coordinators of this region (and the office) edit and send the newsletter."),
    )
    sender_name = models.CharField(_("sender name"), max_length=200)
    sender_email = models.EmailField(_("sender e-mail"))
    reply_to = models.EmailField(_("reply-to address"), blank=True)
    design = models.CharField(_("design"), max_length=16, choices=Design.choices, default=Design.NETWORK)
    footer = models.TextField(_("legal notice"), blank=True)
    active = models.BooleanField(_("open for subscriptions"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self) -> str:
        return self.name

    @property
    def from_header(self) -> str:
        from email.utils import formataddr

        return formataddr((self.sender_name, self.sender_email))


class Issue(models.Model):
    """One issue of a newsletter, built from ordered blocks, sent once to a segment of subscribers."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="issues", verbose_name=_("newsletter")
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("e.g. 2/22"))
    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(_("e-mail subject"), max_length=300)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The segment: empty fields select everybody subscribed to the newsletter.
    segment_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only subscribers in region"),
    )
    segment_role = models.CharField(
        _("only subscribers with role"), max_length=20, choices=SubscriberRole.choices, blank=True
    )
    # PROTECT: deleting the group must not silently widen a planned issue's audience to everybody.
    segment_working_group = models.ForeignKey(
        "meetings.WorkingGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only members of working group"),
    )
    # The e-mail as rendered when sending started, per language ({language: {subject, text, html}}).
    rendered_mail = models.JSONField(default=dict, blank=True, editable=False)
    segment_language = models.CharField(
        _("only subscribers reading"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "number"], name="news_issue_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.newsletter} {self.number}"


class IssueBlock(models.Model):
    """A part of an issue. Contacts, figures and meetings are read live when the issue is rendered."""

    class Kind(models.TextChoices):
        EDITORIAL = "editorial", _("editorial with signature")
        POSTS = "posts", _("posts")
        TEXT = "text", _("free text")
        CONTACTS = "contacts", _("contacts from the directory")
        FIGURES = "figures", _("figures from monitoring")
        MEETINGS = "meetings", _("upcoming meetings")
        NEXT_ISSUE = "next_issue", _("next issue")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("issue"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    signature = models.TextField(_("signature"), blank=True)
    posts = models.ManyToManyField(Post, blank=True, related_name="+", verbose_name=_("posts"))
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation (contacts)"),
    )
    indicator_slug = models.SlugField(_("indicator (figures)"), max_length=80, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region (figures, meetings)"),
    )
    periods = models.PositiveSmallIntegerField(_("periods (figures)"), default=8)
    chart = models.CharField(_("chart (figures)"), max_length=16, default="line")
    limit = models.PositiveSmallIntegerField(_("number of meetings"), default=5)
    # PROTECT, not SET_NULL: a block without its series would list every meeting of its region, so
    # deleting the series would silently widen what a draft issue tells its readers.
    meeting_series = models.ForeignKey(
        "meetings.MeetingSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting series (meetings)"),
    )

    class Meta:
        ordering = ["issue", "position", "id"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self) -> str:
        return self.heading or self.get_kind_display()

    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Subscriber(models.Model):
    """An e-mail address; a hard bounce puts it on hold for every newsletter."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    on_hold = models.BooleanField(_("on hold (bounced)"), default=False)
    hold_reason = models.CharField(_("reason for the hold"), max_length=500, blank=True)
    held_at = models.DateTimeField(_("on hold since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """A subscriber on one newsletter, with the segments it belongs to. Mail only once confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        ACTIVE = "active", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("subscriber")
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("newsletter")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    # In every mail (unsubscribe): a forwarded newsletter carries it, so it can do no more than that.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Only in the confirmation mail, new for every request, cleared once confirmed.
    confirm_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    role = models.CharField(_("role"), max_length=20, choices=SubscriberRole.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["newsletter", "subscriber"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="news_subscription_unique"),
            models.CheckConstraint(
                name="news_subscription_active_is_confirmed",
                condition=~Q(status="active") | Q(confirmed_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self) -> str:
        return f"{self.subscriber} → {self.newsletter}"


class ConsentRecord(models.Model):
    """Proof of consent (GDPR Art. 7(1)): when, with which wording, from which source."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("subscription requested")
        CONFIRMED = "confirmed", _("consent confirmed (double opt-in)")
        WITHDRAWN = "withdrawn", _("consent withdrawn")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="consents", verbose_name=_("subscription")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    recorded_at = models.DateTimeField(_("time"))
    wording = models.TextField(_("wording"))
    source = models.CharField(_("source"), max_length=100)

    class Meta:
        ordering = ["subscription", "recorded_at", "id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.subscription}: {self.get_action_display()}"


class Delivery(models.Model):
    """One issue to one subscription: the send-once record.

    ``pending`` → ``claimed`` (a worker took it, nothing sent yet) → ``sending`` (the Message-ID is
    fixed and committed *before* the SMTP transaction) → ``sent``. What happens to rows a killed worker
    left behind is decided in services.deliveries_recover.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CLAIMED = "claimed", _("claimed by a worker")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped (unsubscribed or on hold)")

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("issue")
    )
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscription")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    message_id = models.CharField(_("Message-ID"), max_length=250, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # "<worker node name>:<process id>" of the worker holding the row (empty when pending).
    claimed_by = models.CharField(_("claimed by"), max_length=200, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["issue", "id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscription"], name="news_delivery_once"),
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscription_id}: {self.status}"


class Bounce(models.Model):
    """A bounce report from the provider's webhook or the bounce mailbox."""

    class Kind(models.TextChoices):
        HARD = "hard", _("hard bounce")
        SOFT = "soft", _("soft bounce")
        COMPLAINT = "complaint", _("complaint")

    email = models.EmailField(_("e-mail"), db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=40)
    message_id = models.CharField(_("Message-ID"), max_length=250, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received"))
    # The provider's or the DSN's own id: a webhook delivered twice records the bounce once.
    event_id = models.CharField(max_length=250, unique=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")

    def __str__(self) -> str:
        return f"{self.email}: {self.get_kind_display()}"
