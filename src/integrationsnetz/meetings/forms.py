"""Input validation of the meetings pages; the rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from integrationsnetz.meetings.models import Meeting, MeetingDocument, ProgrammeItem, TopicProposal, Workshop
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


class ProgrammeItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeItem.Kind.choices)
    starts_at = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    speakers = forms.CharField(
        label=_("Speakers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: name, organisation."),
    )


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
