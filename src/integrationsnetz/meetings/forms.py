"""Input validation of the meetings pages; the rules themselves live in services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.directory.models import ContactPerson, Organisation
from integrationsnetz.meetings import selectors
from integrationsnetz.meetings.models import (
    Meeting,
    MeetingDocument,
    MeetingSeries,
    ProgrammeItem,
    TopicProposal,
    WorkingGroup,
    Workshop,
    speaker_label,
)
from integrationsnetz.meetings.services import Audience


class WorkshopChoiceField(forms.ModelChoiceField):
    """Workshops labelled with their free places, so people choose one that still has room."""

    places: dict[int, int] = {}

    def label_from_instance(self, obj: Any) -> str:
        free = max(obj.capacity - self.places.get(obj.pk, 0), 0)
        return _("%(title)s (%(free)s of %(capacity)s places free)") % {
            "title": obj.title,
            "free": free,
            "capacity": obj.capacity,
        }


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    workshop = WorkshopChoiceField(
        label=_("Workshop"), queryset=Workshop.objects.none(), required=False, empty_label=_("No workshop")
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example step-free access, sign language interpreting, large print."),
    )
    language = forms.ChoiceField(label=_("Language of our e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, meeting: Meeting, places: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workshops = meeting.workshops.all()
        if not workshops:
            del self.fields["workshop"]
            return
        field = self.fields["workshop"]
        if isinstance(field, WorkshopChoiceField):
            field.queryset = workshops
            field.places = places


class MeetingForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = [
            "title",
            "motto",
            "description",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "accessibility_notes",
            "format",
            "online_url",
            "capacity",
            "registration_deadline",
            "requires_approval",
            "status",
            "is_public",
            "review",
            "reported_attendance",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "registration_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "review": forms.Textarea(attrs={"rows": 8}),
        }


class TopicProposalForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=300)
    description = forms.CharField(
        label=_("Why it matters"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TopicAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (TopicProposal.Status.ACCEPTED, _("accept (goes onto the programme)")),
            (TopicProposal.Status.LATER, _("later")),
            (TopicProposal.Status.DECLINED, _("decline")),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"))
    visibility = forms.ChoiceField(label=_("Visible to"), choices=MeetingDocument.Visibility.choices)


class ResultsForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Send the results to"),
        choices=[(Audience.PARTICIPANTS, _("the participants")), (Audience.INVITED, _("everyone invited"))],
        widget=forms.RadioSelect,
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class KeepsEntriesMixin:
    """Lets a "Search" button narrow a choice list without losing what was typed (no JavaScript needed).

    The view re-renders an unbound copy with ``initial=form.entered_values()``, so nothing is
    validated (and no errors are shown) until the organiser saves.
    """

    def entered(self, name: str) -> Any:
        form: Any = self
        if form.is_bound:
            return form.fields[name].widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        return form.initial.get(name)

    def entered_values(self) -> dict[str, Any]:
        form: Any = self
        return {name: self.entered(name) for name in form.fields}

    def chosen_ids(self, name: str) -> list[int]:
        values = self.entered(name) or []
        ids = [getattr(value, "pk", value) for value in values]
        return [int(value) for value in ids if str(value).isdigit()]


class SpeakerChoiceField(forms.ModelMultipleChoiceField):
    """Contact persons labelled for the organiser: the name where they may read it, and whether the
    public will see it."""

    user: Any = None

    def label_from_instance(self, obj: Any) -> str:
        shown = speaker_label(obj)
        if obj.is_public:
            return shown
        if selectors.contact_name_visible(user=self.user, contact=obj):
            return _("%(name)s – %(shown)s (shown publicly without the name)") % {
                "name": obj.name,
                "shown": shown,
            }
        return _("%(shown)s (name not published)") % {"shown": shown}


class ProgrammeItemForm(KeepsEntriesMixin, AccessibleErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeItem.Kind.choices)
    starts_at = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    speaker_contacts = SpeakerChoiceField(
        label=_("Speakers from the directory"),
        queryset=ContactPerson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "In the order they speak. To change it, give a speaker another number; "
            "people ticked last come last."
        ),
    )
    speakers = forms.CharField(
        label=_("Other speakers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("People who are not in the directory, one per line: name, organisation."),
    )
    speaker_search = forms.CharField(
        label=_("Find speakers in the directory"),
        required=False,
        max_length=100,
        help_text=_(
            "Part of a name, function or organisation, then “Search”. "
            "Tick the people who speak in the list of speakers above."
        ),
    )
    # The order of the chosen speakers as the page showed it, and the last search run: a new
    # number is read against the first, and Enter in the search field with a new term searches.
    speaker_order = forms.CharField(required=False, widget=forms.HiddenInput)
    speaker_searched = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(SpeakerChoiceField, self.fields["speaker_contacts"])
        self.search = str(self.entered("speaker_search") or "").strip()
        self.position_error = False
        self.speaker_ids = self._ordered_speaker_ids()
        if not self.is_bound:
            self.initial["speaker_order"] = ",".join(str(pk) for pk in self.speaker_ids)
        field.user = user
        field.queryset = selectors.speaker_choices(user=user, search=self.search, chosen_ids=self.speaker_ids)
        # For the status line after a search: how many people matched besides those already ticked.
        chosen = set(self.speaker_ids)
        self.found = sum(1 for contact in field.queryset if contact.pk not in chosen) if self.search else None
        self.has_choices = bool(chosen or self.found)

    def position_name(self, pk: int) -> str:
        return self.add_prefix(f"speaker_position_{pk}")

    def _previous_order(self) -> list[int]:
        text = str(self.entered("speaker_order") or "")
        return [int(part) for part in text.split(",") if part.strip().isdigit()]

    def _ordered_speaker_ids(self) -> list[int]:
        """The ticked speakers in speaking order.

        Speakers whose number was left as shown keep their order; each one given a new number is
        put at that place (lowest number first); newly ticked people follow at the end.
        """
        ticked = list(dict.fromkeys(self.chosen_ids("speaker_contacts")))
        if not self.is_bound:
            return ticked
        previous = {pk: index for index, pk in enumerate(self._previous_order(), start=1)}
        kept: list[int] = []
        moved: list[tuple[int, int]] = []
        added: list[int] = []
        for pk in sorted(ticked, key=lambda pk: previous.get(pk, len(previous) + 1)):
            if pk not in previous:
                added.append(pk)
                continue
            entered = str(self.data.get(self.position_name(pk), "")).strip()
            if not entered:
                kept.append(pk)
            elif not entered.isdigit() or int(entered) < 1:
                self.position_error = True
                kept.append(pk)
            elif int(entered) == previous[pk]:
                kept.append(pk)
            else:
                moved.append((int(entered), pk))
        for position, pk in sorted(moved):
            kept.insert(position - 1, pk)
        return kept + added

    def speaker_rows(self) -> list[dict[str, Any]]:
        """One row per offered person: the checkbox, and a number field for those already chosen."""
        rows = []
        for checkbox in self["speaker_contacts"]:
            pk = int(str(checkbox.data["value"]))
            row: dict[str, Any] = {"checkbox": checkbox, "position_name": None}
            if pk in self.speaker_ids:
                row["position_name"] = self.position_name(pk)
                row["position_id"] = f"id_{row['position_name']}"
                row["position"] = (
                    self.data.get(row["position_name"], "")
                    if self.is_bound
                    else self.speaker_ids.index(pk) + 1
                )
            rows.append(row)
        return rows

    def search_pending(self) -> bool:
        """Whether a search term was typed but not searched yet (Enter pressed in the search field)."""
        return bool(self.search) and self.search != str(self.entered("speaker_searched") or "").strip()

    def entered_values(self) -> dict[str, Any]:
        values = super().entered_values()
        values["speaker_contacts"] = self.speaker_ids
        values["speaker_searched"] = self.search
        values.pop("speaker_order", None)
        return values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.position_error:
            self.add_error("speaker_contacts", _("Give each speaker's place as a whole number from 1."))
        chosen = {contact.pk: contact for contact in cleaned.get("speaker_contacts") or []}
        cleaned["speaker_contacts"] = [chosen[pk] for pk in self.speaker_ids if pk in chosen]
        return cleaned


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new member"),
        help_text=_("The person needs an account on the platform."),
    )


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.key})"


class AccountsField(forms.CharField):
    """E-mail addresses of accounts, one per line (or separated by commas); gives the users."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value: Any) -> list[Any]:
        from integrationsnetz.accounts.models import User

        text = super().clean(value) or ""
        addresses = list(dict.fromkeys(part.strip().lower() for part in text.replace(",", "\n").split()))
        invalid = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("Not an e-mail address: %(addresses)s") % {"addresses": ", ".join(invalid)}, code="invalid"
            )
        users = {
            user.email.lower(): user for user in User.objects.filter(email__in=addresses, is_active=True)
        }
        unknown = [address for address in addresses if address not in users]
        if unknown:
            raise ValidationError(
                _("There is no account with the e-mail address %(addresses)s.")
                % {"addresses": ", ".join(unknown)},
                code="unknown",
            )
        return [users[address] for address in addresses]


class SeriesForm(AccessibleErrorsMixin, forms.ModelForm):
    """A meeting series: what it is, which region organises it, and who is invited (rules + people)."""

    invited_emails = AccountsField(
        label=_("Named people"),
        required=False,
        help_text=_("E-mail addresses of accounts on the platform, one per line; they are invited as well."),
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "name",
            "kind",
            "region",
            "organiser_name",
            "description",
            "invite_network",
            "invite_commissioners",
            "invite_region",
            "working_group",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"region": RegionChoiceField, "invite_region": RegionChoiceField}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series = self.instance
        current_region = series.region if series.region_id else None
        current_invited = series.invite_region if series.invite_region_id else None
        cast(RegionChoiceField, self.fields["region"]).queryset = selectors.regions_organised_by(
            user=user, current=current_region
        )
        cast(RegionChoiceField, self.fields["invite_region"]).queryset = selectors.regions_organised_by(
            user=user, current=current_invited
        )
        group = cast(forms.ModelChoiceField, self.fields["working_group"])
        groups = selectors.working_groups_organised_by(user=user)
        if series.working_group_id:
            groups = groups | WorkingGroup.objects.filter(pk=series.working_group_id)
        group.queryset = groups.distinct()
        if series.pk and not self.is_bound:
            self.initial["invited_emails"] = "\n".join(
                sorted(person.email for person in series.invited_people.all())
            )

    def values(self) -> dict[str, Any]:
        """The cleaned values as the series services take them."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "invited_people": data["invited_emails"],
        }


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.region.name})"


class WorkingGroupForm(KeepsEntriesMixin, AccessibleErrorsMixin, forms.ModelForm):
    """A working group: description, region, lead and participating organisations (searched by name)."""

    lead_email = forms.EmailField(
        label=_("Lead (e-mail address of the account)"),
        required=False,
        help_text=_("The lead manages the group together with the coordinators of its region."),
    )
    organisation_search = forms.CharField(
        label=_("Find organisations"),
        required=False,
        max_length=100,
        help_text=_("Part of the name, then “Search”. Tick the organisations that take part."),
    )
    organisations = OrganisationChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WorkingGroup
        fields = ["name", "description", "region", "lead_name"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"region": RegionChoiceField}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.instance
        cast(RegionChoiceField, self.fields["region"]).queryset = selectors.regions_organised_by(
            user=user, current=group.region if group.region_id else None
        )
        if group.pk and not self.is_bound and "organisations" not in self.initial:
            self.initial["organisations"] = [organisation.pk for organisation in group.organisations.all()]
            self.initial["lead_email"] = group.lead.email if group.lead else ""
        self.search = str(self.entered("organisation_search") or "").strip()
        organisations = cast(OrganisationChoiceField, self.fields["organisations"])
        chosen = self.chosen_ids("organisations")
        organisations.queryset = selectors.organisation_choices(search=self.search, chosen_ids=chosen)
        self.found = (
            sum(1 for organisation in organisations.queryset if organisation.pk not in chosen)
            if self.search
            else None
        )
        self.has_choices = bool(chosen or self.found)

    def clean_lead_email(self) -> Any:
        from integrationsnetz.accounts.models import User

        address = self.cleaned_data["lead_email"]
        if not address:
            return None
        lead = User.objects.filter(email__iexact=address, is_active=True).first()
        if lead is None:
            raise ValidationError(_("There is no account with this e-mail address."), code="unknown")
        return lead

    def values(self) -> dict[str, Any]:
        """The cleaned values as the working group services take them."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "lead": data["lead_email"],
            "organisations": list(data["organisations"]),
        }
