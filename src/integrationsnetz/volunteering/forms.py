"""Input validation for the volunteering pages; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.models import Language, Region
from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.directory.models import Organisation
from integrationsnetz.volunteering.models import Activity, LanguageLevel, QualificationKind
from integrationsnetz.volunteering.services import LanguageRequirement
from integrationsnetz.volunteering.slots import slot_choices, slots_from_choices

CONSENT_WORDING = _(
    "I agree that Integrationsnetz stores my offer to match me with needs. Organisations see my first "
    "name, town and the reasons for a proposal; my name, e-mail address and phone number only after "
    "both of us have agreed to a match. Coordinators of my district see my offer. I can change or "
    "withdraw my offer and delete my account at any time; unused accounts are deleted after two years."
)
LANGUAGE_ROWS = 3
PLACE_HELP = _("Coordinates of the place, e.g. from openstreetmap.org (right click, “Show address”).")


class DateInput(forms.DateInput):
    """A browser date field: its value must be ISO whatever the language (a German "04.12.2026" shows empty)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _regions() -> QuerySet[Region]:
    return Region.objects.filter(
        kind__in=[Region.Kind.DISTRICT, Region.Kind.CITY, Region.Kind.MUNICIPALITY, Region.Kind.TOWN]
    ).order_by("name")


class PlaceAndLanguagesMixin(AccessibleErrorsMixin):
    """Place fields and a few "language + level" rows shared by the need and the offer forms."""

    language_label = _("Language %(number)d")

    def add_language_rows(self, level_label: Any) -> None:
        form: Any = self
        languages = Language.objects.order_by("name_de")
        for number in range(1, LANGUAGE_ROWS + 1):
            form.fields[f"language_{number}"] = forms.ModelChoiceField(
                languages,
                required=False,
                label=self.language_label % {"number": number},
                to_field_name="code",
            )
            form.fields[f"level_{number}"] = forms.TypedChoiceField(
                choices=[("", "—"), *LanguageLevel.choices],
                coerce=int,
                required=False,
                label=level_label,
            )

    def language_requirements(self) -> list[LanguageRequirement]:
        form: Any = self
        found: dict[int, LanguageRequirement] = {}
        for number in range(1, LANGUAGE_ROWS + 1):
            language = form.cleaned_data.get(f"language_{number}")
            level = form.cleaned_data.get(f"level_{number}")
            if language is not None:
                found[language.pk] = LanguageRequirement(
                    language=language, level=level or LanguageLevel.BASIC
                )
        return list(found.values())

    def clean_languages(self) -> None:
        form: Any = self
        for number in range(1, LANGUAGE_ROWS + 1):
            if form.cleaned_data.get(f"level_{number}") and not form.cleaned_data.get(f"language_{number}"):
                form.add_error(f"language_{number}", _("Choose the language for this level."))


class NeedForm(PlaceAndLanguagesMixin, forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"))
    title = forms.CharField(label=_("Title"), max_length=200)
    activity = forms.ChoiceField(label=_("Activity"), choices=Activity.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    region = forms.ModelChoiceField(_regions(), label=_("Town or district"))
    town = forms.CharField(label=_("Town"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    latitude = forms.FloatField(
        label=_("Latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)], help_text=PLACE_HELP
    )
    longitude = forms.FloatField(
        label=_("Longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    starts_on = forms.DateField(label=_("Date (or first date)"), widget=DateInput)
    recurring = forms.BooleanField(label=_("Recurs every week"), required=False)
    slots = forms.MultipleChoiceField(
        label=_("Time slots"),
        choices=slot_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a one-off need only the part of the day counts; the weekday is the date's."),
    )
    helpers_wanted = forms.IntegerField(label=_("Helpers wanted"), min_value=1, max_value=50, initial=1)
    requires_certificate_of_conduct = forms.BooleanField(
        label=_("Requires a seen extended certificate of conduct (work with children)"), required=False
    )
    expires_on = forms.DateField(
        label=_("Looking for helpers until (optional)"),
        widget=DateInput,
        required=False,
        help_text=_("After this day the need is no longer shown and no one new is proposed."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["region"].queryset = _regions()  # type: ignore[attr-defined]
        self.add_language_rows(_("Minimum level"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_languages()
        today = timezone.localdate()
        # An edit may keep a date that has passed since (a weekly need that has begun); a new one may not.
        for name, message in (
            ("starts_on", _("The date lies in the past.")),
            ("expires_on", _("This day lies in the past.")),
        ):
            if data.get(name) and data[name] < today and name in self.changed_data:
                self.add_error(name, message)
        return data

    def service_arguments(self) -> dict[str, Any]:
        return {
            "organisation": self.cleaned_data["organisation"],
            "activity": self.cleaned_data["activity"],
            **self.change_arguments(),
        }

    def change_arguments(self) -> dict[str, Any]:
        """The fields a posted need may still change (organisation and activity stay)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "region": data["region"],
            "town": data["town"],
            "postal_code": data["postal_code"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "starts_on": data["starts_on"],
            "recurring": data["recurring"],
            "slots": slots_from_choices(data["slots"]),
            "helpers_wanted": data["helpers_wanted"],
            "requires_certificate_of_conduct": data["requires_certificate_of_conduct"],
            "expires_on": data["expires_on"],
            "languages": self.language_requirements(),
        }


class NeedEditForm(NeedForm):
    """A posted need: everything but its organisation and activity (those make a different need)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, organisations=Organisation.objects.none(), **kwargs)
        del self.fields["organisation"]
        del self.fields["activity"]

    def service_arguments(self) -> dict[str, Any]:
        return self.change_arguments()


class OfferForm(PlaceAndLanguagesMixin, forms.Form):
    activities = forms.MultipleChoiceField(
        label=_("Activities"),
        choices=Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The first one you tick counts as your preference."),
    )
    region = forms.ModelChoiceField(_regions(), label=_("Home town or district"))
    town = forms.CharField(label=_("Town"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    latitude = forms.FloatField(
        label=_("Latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)], help_text=PLACE_HELP
    )
    longitude = forms.FloatField(
        label=_("Longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    max_distance_km = forms.IntegerField(
        label=_("How far I will travel (km)"), min_value=1, max_value=200, initial=10
    )
    availability = forms.MultipleChoiceField(
        label=_("When I am free each week"), choices=slot_choices, widget=forms.CheckboxSelectMultiple
    )
    hours_per_week = forms.IntegerField(label=_("Hours per week"), min_value=1, max_value=40, initial=2)
    max_matches = forms.IntegerField(
        label=_("At most this many needs at once"), min_value=1, max_value=10, initial=1
    )
    available_from = forms.DateField(label=_("Available from"), widget=DateInput)
    available_until = forms.DateField(label=_("Available until"), widget=DateInput, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput,
        required=False,
        help_text=_("Optional; only used to check the conditions of the Ehrenamtskarte."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions()  # type: ignore[attr-defined]
        self.add_language_rows(_("Level"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_languages()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("The end lies before the start."))
        return data

    def ordered_activities(self) -> list[str]:
        """The ticked activities in the order the form lists them."""
        return [value for value in Activity.values if value in self.cleaned_data["activities"]]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "activities": self.ordered_activities(),
            "region": data["region"],
            "town": data["town"],
            "postal_code": data["postal_code"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "availability": slots_from_choices(data["availability"]),
            "available_from": data["available_from"],
            "available_until": data["available_until"],
            "max_distance_km": data["max_distance_km"],
            "hours_per_week": data["hours_per_week"],
            "max_matches": data["max_matches"],
            "birth_date": data["birth_date"],
            "phone": data["phone"],
        }


class JoinForm(OfferForm):
    """For a signed-in person who wants to volunteer too: the offer and the consent."""

    consent = forms.BooleanField(label=CONSENT_WORDING)


class SignupForm(OfferForm):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput, help_text=_("At least 10 characters.")
    )
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(label=CONSENT_WORDING)

    field_order = ["full_name", "email", "password", "language"]


class MessageForm(AccessibleErrorsMixin, forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ConfirmForm(AccessibleErrorsMixin, forms.Form):
    meets_at = forms.DateTimeField(
        label=_("First appointment (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class EndForm(AccessibleErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class HoursForm(AccessibleErrorsMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=DateInput)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.25, max_value=24, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class QualificationForm(AccessibleErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QualificationKind.choices)
    seen_on = forms.DateField(label=_("Seen on"), widget=DateInput)
    expires_on = forms.DateField(label=_("Counts until"), widget=DateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seen_on") and data.get("expires_on") and data["expires_on"] < data["seen_on"]:
            self.add_error("expires_on", _("The end lies before the start."))
        return data


class PeriodForm(AccessibleErrorsMixin, forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("Until"), widget=DateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end lies before the start."))
        return data
