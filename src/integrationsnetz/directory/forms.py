"""Input validation for the directory's editing pages; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from integrationsnetz.core.importing import MAX_FILE_BYTES
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory.models import ContactPerson, Location, Network, Organisation, Service
from integrationsnetz.directory.services import CONSENT_WORDING


class AccessibleErrorsMixin:
    """Tie each field's error list to its input (``aria-describedby``) and mark the input invalid."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        form: Any = self
        for name in form.errors:
            if name not in form.fields:
                continue
            bound = form[name]
            ids = [f"{bound.auto_id}_error"]
            if form.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
            form.fields[name].widget.attrs["aria-invalid"] = "true"


def formfield_for(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Model fields' form fields; web addresses typed without a scheme get https:// (as Django 6 will)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


ORGANISATION_FIELDS = [
    "name",
    "short_name",
    "kind",
    "description",
    "website",
    "email",
    "phone",
    "street",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "region",
    "regions_served",
    "fields_of_action",
    "target_groups",
    "languages",
    "non_commercial",
]


class OrganisationForm(AccessibleErrorsMixin, forms.ModelForm):
    """The profile of an organisation. ``regions`` limits the seat (a coordinator's own regions)."""

    parent_slug = forms.SlugField(
        label=_("Parent organisation"),
        required=False,
        help_text=_(
            "The short name in the web address of the parent organisation's page, e.g. “liga-sachsen”."
        ),
    )
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        formfield_callback = formfield_for
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "regions_served": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, regions: QuerySet[Region] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field: Any = self.fields["region"]
        region_field.queryset = regions if regions is not None else Region.objects.all()
        served: Any = self.fields["regions_served"]
        served.queryset = Region.objects.all()
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.all()  # type: ignore[attr-defined]
        self.fields["target_groups"].queryset = TargetGroup.objects.all()  # type: ignore[attr-defined]
        self.fields["languages"].queryset = Language.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["updated_at"] = self.instance.updated_at.isoformat()
            if self.instance.parent_id:
                self.initial["parent_slug"] = self.instance.parent.slug if self.instance.parent else ""

    def clean_parent_slug(self) -> Organisation | None:
        slug = self.cleaned_data.get("parent_slug") or ""
        if not slug:
            return None
        parent = Organisation.objects.filter(slug=slug, status=Organisation.Status.ACTIVE).first()
        if parent is None:
            raise forms.ValidationError(_("No organisation has the short name “%(slug)s”.") % {"slug": slug})
        if self.instance.pk and parent.pk == self.instance.pk:
            raise forms.ValidationError(_("An organisation cannot be its own parent."))
        return parent

    def service_values(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of ``organisation_create``/``organisation_update``."""
        values = {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}
        values["parent"] = self.cleaned_data.get("parent_slug")
        return values


class ApplyForm(OrganisationForm):
    message = forms.CharField(
        label=_("Message to the coordinating office"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who you are and how your organisation takes part in integration work."),
        max_length=4000,
    )


class NetworkMembershipForm(AccessibleErrorsMixin, forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.all(), required=False)
    since = forms.DateField(
        label=_("Member since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ExternalIdentifierForm(AccessibleErrorsMixin, forms.Form):
    scheme = forms.SlugField(
        label=_("Register"), max_length=50, required=False, help_text=_("e.g. xzufi, amt24")
    )
    identifier = forms.CharField(label=_("Identifier"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("scheme")) != bool(cleaned.get("identifier")):
            raise forms.ValidationError(_("Give both the register and the identifier, or neither."))
        return cleaned


NetworkMembershipFormSet = forms.formset_factory(NetworkMembershipForm, extra=1, can_delete=True, max_num=50)
ExternalIdentifierFormSet = forms.formset_factory(
    ExternalIdentifierForm, extra=1, can_delete=True, max_num=50
)


class ServiceForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        formfield_callback = formfield_for
        model = Service
        fields = [
            "name",
            "description",
            "status",
            "url",
            "email",
            "eligibility",
            "minimum_age",
            "maximum_age",
            "languages",
            "fields_of_action",
            "target_groups",
            "service_areas",
            "locations",
            "opening_hours",
            "fees",
            "application_process",
            "leika_key",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "fees": forms.Textarea(attrs={"rows": 2}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "languages": forms.CheckboxSelectMultiple,
            "fields_of_action": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "locations": forms.CheckboxSelectMultiple,
            "service_areas": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locations: Any = self.fields["locations"]
        locations.queryset = Location.objects.filter(organisation=organisation)

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LocationForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        formfield_callback = formfield_for
        model = Location
        fields = [
            "name",
            "location_type",
            "street",
            "postal_code",
            "city",
            "region",
            "latitude",
            "longitude",
            "phone",
            "accessibility",
            "url",
        ]
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactPersonForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        formfield_callback = formfield_for
        model = ContactPerson
        fields = ["name", "function", "email", "phone", "languages", "consent_to_publish", "position"]
        widgets = {"languages": forms.CheckboxSelectMultiple}
        labels = {"consent_to_publish": _("The person agrees to be shown publicly (wording below)")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent_to_publish"].help_text = CONSENT_WORDING

    def service_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "languages"}
        values["languages"] = self.cleaned_data["languages"]
        return values


class RejectForm(AccessibleErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ImportUploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 5 MB. The first line names the columns; see the list below."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large; at most %(limit)s MB are accepted.")
                % {"limit": MAX_FILE_BYTES // 1024 // 1024}
            )
        return upload
