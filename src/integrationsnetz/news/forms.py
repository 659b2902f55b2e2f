"""Input of the news pages: archive search, subscription, scheduling, editing. No business logic here."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import FieldOfAction, Region
from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.directory.models import ContactPerson, Organisation
from integrationsnetz.meetings.models import MeetingSeries, WorkingGroup
from integrationsnetz.monitoring.charts import CHART_KINDS
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Post, SubscriberRole
from integrationsnetz.news.selectors import meeting_series_for_blocks

# Posts and subscriptions are placed at the level readers think in: the state, districts, cities.
REGION_KINDS = [Region.Kind.STATE, Region.Kind.DISTRICT, Region.Kind.CITY]


class PostSearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *Post.Kind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.filter(kind__in=REGION_KINDS).order_by("name"),
        to_field_name="key",
        empty_label=_("all regions"),
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    region = forms.ModelChoiceField(
        label=_("Region you work in (optional)"),
        required=False,
        queryset=Region.objects.filter(kind__in=REGION_KINDS).order_by("name"),
        to_field_name="key",
        empty_label=_("no region"),
    )
    role = forms.ChoiceField(
        label=_("Your role (optional)"),
        required=False,
        choices=[("", _("not stated")), *SubscriberRole.choices],
    )
    consent = forms.BooleanField(label="", required=True)

    def __init__(self, *args: Any, newsletter: Newsletter, wording: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.newsletter = newsletter
        self.fields["consent"].label = wording
        self.fields["consent"].error_messages["required"] = _("Please agree to receive the newsletter.")


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_send_at(self) -> Any:
        send_at = self.cleaned_data["send_at"]
        if send_at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return send_at


# --- editing pages --------------------------------------------------------------------------------

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PRESS_RELEASE_NUMBER = re.compile(r"^\d{1,3}/\d{4}$")
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


class PostForm(AccessibleErrorsMixin, forms.ModelForm):
    """A post of any kind; ``regions`` are the regions the editor may place posts in."""

    slug = forms.SlugField(
        label=_("Web address"),
        max_length=120,
        required=False,
        help_text=_("The last part of the post's address; made from the title when left empty."),
    )
    published_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("Empty: a draft nobody else sees. A time in the future: published then."),
    )

    class Meta:
        model = Post
        fields = [
            "kind",
            "title",
            "slug",
            "number",
            "summary",
            "body",
            "region",
            "fields_of_action",
            "author",
            "press_contact",
            "published_at",
        ]
        widgets = {
            "fields_of_action": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args: Any, regions: QuerySet[Region], region_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["region"].queryset = regions.order_by("path")
        fields["region"].required = region_required
        fields["fields_of_action"].queryset = FieldOfAction.objects.order_by("position", "slug")
        fields["press_contact"].queryset = ContactPerson.objects.select_related("organisation").order_by(
            "organisation__name", "position", "name"
        )
        fields["press_contact"].label_from_instance = _contact_label
        fields["press_contact"].help_text = _(
            "For press releases: a contact person from the directory (shown by function only unless "
            "they consented to publication)."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("slug") and data.get("title"):
            data["slug"] = slugify(data["title"])[:120]
            self.instance.slug = data["slug"]
            if Post.objects.filter(slug=data["slug"]).exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "slug", _("Another post already has this web address; please choose a different one.")
                )
        number = (data.get("number") or "").strip()
        data["number"] = number
        if data.get("kind") == Post.Kind.PRESS_RELEASE:
            if not PRESS_RELEASE_NUMBER.match(number):
                self.add_error("number", _("A press release needs a number like 7/2014 (number/year)."))
        elif number:
            self.add_error("number", _("Only press releases are numbered; please leave the number empty."))
        if data.get("press_contact") and data.get("kind") != Post.Kind.PRESS_RELEASE:
            self.add_error("press_contact", _("Only press releases have a press contact."))
        return data


def _contact_label(contact: ContactPerson) -> str:
    return f"{contact.name}, {contact.function} ({contact.organisation.name})".replace(", ()", " ()")


class PostImageForm(AccessibleErrorsMixin, forms.Form):
    image = forms.ImageField(label=_("Image"), help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB."))
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
        error_messages={"required": _("Describe the image for people who cannot see it.")},
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(label=_("Source"), max_length=200, required=False)

    def clean_image(self) -> Any:
        image = self.cleaned_data["image"]
        # Django's ImageField has opened the file with Pillow and set content_type from what it found,
        # not from what the browser claimed.
        if getattr(image, "content_type", None) not in IMAGE_TYPES:
            raise forms.ValidationError(_("Only JPEG, PNG, GIF and WebP images can be used."))
        if image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."))
        return image


class NewsletterForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = [
            "name",
            "slug",
            "description",
            "region",
            "sender_name",
            "sender_email",
            "reply_to",
            "design",
            "footer",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "footer": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["region"].queryset = regions.order_by("path")
        fields["slug"].label = _("Web address")
        fields["slug"].help_text = _("The last part of the newsletter's address, e.g. nordsachsen.")


class IssueForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "number",
            "title",
            "subject",
            "segment_region",
            "segment_role",
            "segment_working_group",
            "segment_language",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["segment_region"].queryset = Region.objects.filter(kind__in=REGION_KINDS).order_by("name")
        fields["segment_region"].empty_label = _("all regions")
        fields["segment_role"].choices = [("", _("all roles")), *SubscriberRole.choices]
        fields["segment_working_group"].queryset = WorkingGroup.objects.order_by("name")
        fields["segment_working_group"].empty_label = _("no working group")
        fields["segment_working_group"].help_text = _(
            "Only subscribers whose address is the login address of a member of the group."
        )
        fields["segment_language"].choices = [("", _("all languages")), *settings.LANGUAGES]


# Which fields a block of each kind has, and which of them it needs.
BLOCK_FIELDS: dict[str, tuple[list[str], set[str]]] = {
    IssueBlock.Kind.EDITORIAL: (["heading", "body", "signature"], {"body", "signature"}),
    IssueBlock.Kind.POSTS: (["heading", "posts"], {"posts"}),
    IssueBlock.Kind.TEXT: (["heading", "body"], {"body"}),
    IssueBlock.Kind.CONTACTS: (["heading", "organisation"], {"organisation"}),
    IssueBlock.Kind.FIGURES: (
        ["heading", "body", "indicator_slug", "region", "periods", "chart"],
        {"indicator_slug", "region"},
    ),
    IssueBlock.Kind.MEETINGS: (["heading", "region", "meeting_series", "limit"], set()),
    IssueBlock.Kind.NEXT_ISSUE: (["body"], {"body"}),
}


class IssueBlockForm(AccessibleErrorsMixin, forms.ModelForm):
    """A block of one kind with only that kind's fields; ``posts`` are the posts the editor may pick."""

    class Meta:
        model = IssueBlock
        fields = ["heading", "body", "signature", "posts", "organisation", "indicator_slug", "region"]
        fields += ["meeting_series", "periods", "chart", "limit"]
        widgets = {
            "posts": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 8}),
            "signature": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, kind: str, posts: QuerySet[Post], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        shown, required = BLOCK_FIELDS[kind]
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
        fields: Any = self.fields
        for name in shown:
            fields[name].required = name in required
        if "posts" in fields:
            fields["posts"].queryset = posts
        if "organisation" in fields:
            fields["organisation"].queryset = Organisation.objects.order_by("name")
            fields["organisation"].label = _("Organisation")
            fields["organisation"].help_text = _(
                "Its places and contact persons are read live from the directory."
            )
        if "indicator_slug" in fields:
            fields["indicator_slug"] = forms.ChoiceField(
                label=_("Indicator"),
                choices=[("", "---------"), *_indicator_choices()],
                help_text=_("Published indicators of monitoring; the figures are read live."),
            )
        if "region" in fields:
            fields["region"].queryset = Region.objects.filter(kind__in=REGION_KINDS).order_by("name")
            fields["region"].label = _("Region")
            if kind == IssueBlock.Kind.MEETINGS:
                fields["region"].help_text = _(
                    "The region's meetings and those of the regions above it; empty: all public meetings."
                )
        if "meeting_series" in fields:
            fields["meeting_series"].queryset = meeting_series_for_blocks()
            fields["meeting_series"].label_from_instance = meeting_series_label
            fields["meeting_series"].label = _("Meeting series")
            fields["meeting_series"].empty_label = _("all series")
            fields["meeting_series"].help_text = _(
                "Only the meetings of this series, e.g. the state network meetings or one working group."
            )
            fields["meeting_series"].error_messages["invalid_choice"] = _(
                "This meeting series does not exist (any more); please choose one from the list."
            )
        if "chart" in fields:
            fields["chart"] = forms.ChoiceField(
                label=_("Chart"), choices=[(kind, kind) for kind in CHART_KINDS]
            )
        for name, highest in (("limit", 20), ("periods", 40)):
            if name in fields:
                fields[name].validators += [MinValueValidator(1), MaxValueValidator(highest)]
                fields[name].widget.attrs.update({"min": 1, "max": highest})
        if kind == IssueBlock.Kind.NEXT_ISSUE:
            fields["body"].label = _("Line")
            fields["body"].help_text = _("e.g. The next issue appears in September.")
            fields["body"].widget = forms.TextInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        series, region = data.get("meeting_series"), data.get("region")
        # The block lists meetings of its region and the regions above it: a series placed below the
        # region (or in another one) would leave the block empty without anybody noticing.
        if series is not None and region is not None and series.region.key not in region.path.split("/"):
            self.add_error(
                "meeting_series",
                _(
                    "The series “%(series)s” belongs to %(series_region)s, which is neither %(region)s "
                    "nor a region above it, so the block would stay empty. Leave the region empty or "
                    "choose another series."
                )
                % {"series": series.name, "series_region": series.region.name, "region": region.name},
            )
        return data

    def block_values(self) -> dict[str, Any]:
        """The cleaned values of this kind's fields, for ``services.issue_block_save``."""
        return {name: self.cleaned_data[name] for name in self.fields}


def meeting_series_label(series: MeetingSeries) -> str:
    """Series of different regions often share a name, so the region is part of the label."""
    return f"{series.name} ({series.region.name})"


def _indicator_choices() -> list[tuple[str, str]]:
    from integrationsnetz.monitoring.models import Indicator

    return [
        (indicator.slug, str(indicator))
        for indicator in Indicator.objects.filter(published=True).order_by("slug")
    ]


class BlockKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of block"), choices=IssueBlock.Kind.choices)
