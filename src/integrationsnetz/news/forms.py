"""Input of the news pages: archive search, subscription, scheduling. No business logic here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import Region
from integrationsnetz.news.models import Newsletter, Post, SubscriberRole

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
    working_group = forms.CharField(label=_("Working group (optional)"), required=False, max_length=200)
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
