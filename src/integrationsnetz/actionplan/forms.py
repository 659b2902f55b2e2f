"""Input validation of the action plan and library pages; the services hold the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.actionplan.models import (
    LINKABLE_MODELS,
    ActionPlan,
    Approach,
    ApproachDocument,
    ImplementationStep,
    Measure,
    PlanField,
    StepStatus,
)
from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import ContactPerson, Organisation

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "slug",
            "subtitle",
            "summary",
            "period_start",
            "period_end",
            "network",
            "status",
            "permanence_proposals",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}


class PlanFieldForm(forms.ModelForm):
    class Meta:
        model = PlanField
        fields = ["position", "title", "goal", "field_of_action"]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["position", "title", "description"]


def _active_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")


class StepForm(forms.ModelForm):
    class Meta:
        model = ImplementationStep
        fields = [
            "position",
            "title",
            "description",
            "responsible_organisations",
            "partners",
            "partners_text",
            "due_date",
            "status",
        ]
        widgets = {
            "due_date": DateInput(),
            "responsible_organisations": forms.SelectMultiple(attrs={"size": 8}),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("responsible_organisations", "partners"):
            self.fields[name].queryset = _active_organisations()  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    """What a responsible organisation reports: the status and what happened."""

    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened? Saved with today's date and your name."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


LINK_KIND_LABELS = {
    "meetings.meeting": _("Meeting"),
    "meetings.workinggroup": _("Working group"),
    "meetings.topicproposal": _("Topic proposal"),
    "monitoring.indicator": _("Figure (indicator)"),
}


class LinkForm(forms.Form):
    """Link a step to a meeting, working group, topic proposal or figure, given by its number."""

    kind = forms.ChoiceField(label=_("Kind"))
    object_id = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=2**62,
        help_text=_("The number shown in the object's address."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.apps import apps

        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (f"{app_label}.{model}", LINK_KIND_LABELS[f"{app_label}.{model}"])
            for app_label, model in LINKABLE_MODELS
            if apps.is_installed(f"integrationsnetz.{app_label}") and _model_exists(app_label, model)
        ]
        self.target: Any = None

    def clean(self) -> dict[str, Any]:
        from integrationsnetz.actionplan.services import link_target_model

        data = super().clean() or {}
        kind, object_id = data.get("kind"), data.get("object_id")
        if kind and object_id:
            model = link_target_model(kind)
            self.target = model._default_manager.filter(pk=object_id).first()
            if self.target is None:
                self.add_error("object_id", _("There is no such object."))
        return data


def _model_exists(app_label: str, model: str) -> bool:
    from django.apps import apps

    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True


class ApproachForm(forms.ModelForm):
    class Meta:
        model = Approach
        fields = [
            "title",
            "slug",
            "problem",
            "what_was_done",
            "results",
            "key_figure",
            "source",
            "region",
            "fields_of_action",
            "target_groups",
            "contact_organisation",
            "contact_person",
            "started_on",
            "ended_on",
            "published",
        ]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "fields_of_action": forms.CheckboxSelectMultiple(),
            "target_groups": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)  # type: ignore[attr-defined]
        self.fields["contact_organisation"].queryset = _active_organisations()  # type: ignore[attr-defined]
        # Names of people who did not consent to publication stay with those who keep the directory.
        contacts = ContactPerson.objects.select_related("organisation").order_by("organisation__name", "name")
        scopes = scopes_of(user)
        if not scopes.is_office:
            contacts = contacts.filter(
                Q(consent_to_publish=True, consent_recorded_at__isnull=False)
                | Q(organisation_id__in=scopes.edited_organisation_ids)
            )
        self.fields["contact_person"].queryset = contacts  # type: ignore[attr-defined]


class ApproachDocumentForm(forms.ModelForm):
    url = forms.URLField(label=_("Address (URL)"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = ApproachDocument
        fields = ["title", "url", "file"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and getattr(upload, "size", 0) > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 20 MB)."))
        return upload


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def regions_for(user: Any) -> QuerySet[Region]:
    """Regions a user may record for: the office all, a coordinator their regions and below."""
    scopes = scopes_of(user)
    regions = Region.objects.all()
    if scopes.is_office:
        return regions
    condition = Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(path__startswith=path)
    return regions.filter(condition)


class AdoptionForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Organisation that runs it"), queryset=Organisation.objects.none(), required=False
    )
    started_on = forms.DateField(label=_("Running since"), required=False, widget=DateInput())
    experience = forms.CharField(
        label=_("Experience"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What worked, what had to be changed, what others should know."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = _active_organisations()  # type: ignore[attr-defined]


class SlugListField(forms.Field):
    """Repeated query parameters (``?field=a&field=b``) of vocabulary slugs; unknown slugs match nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        values = [str(item) for item in (value or []) if str(item).strip()]
        if len(values) > 50 or any(len(item) > 50 or not SLUG.fullmatch(item) for item in values):
            raise forms.ValidationError(_("Choose from the listed values."))
        return values


class ApproachSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    field = SlugListField(label=_("Fields of action"), required=False)
    group = SlugListField(label=_("Target groups"), required=False)
    region = forms.ChoiceField(label=_("Region (origin or adopted there)"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput())

    def __init__(self, *args: Any, region_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *region_choices]  # type: ignore[attr-defined]
