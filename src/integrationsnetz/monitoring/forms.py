"""Input of the monitoring pages: the upload of a file of figures and the choice of a comparison."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.importing import MAX_FILE_BYTES
from integrationsnetz.core.models import Region
from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.monitoring.charts import CHART_KINDS
from integrationsnetz.monitoring.models import Indicator, ObservationUpload
from integrationsnetz.monitoring.selectors import indicators_published, indicators_visible_to

CHART_KIND_NAMES = {"line": _("lines"), "area": _("stacked areas"), "bar": _("bars")}
CHART_KIND_CHOICES = [(kind, CHART_KIND_NAMES[kind]) for kind in CHART_KINDS]
# More lines than this make a comparison chart unreadable.
MAX_COMPARED_REGIONS = 10


def regions_for_upload(user: Any) -> QuerySet[Region]:
    """The regions a user may upload figures for: the office all, a coordinator their own and below."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return Region.objects.order_by("path")
    condition = Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(path__startswith=path)
    return Region.objects.filter(condition).order_by("path")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.key})"


class UploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 5 MB. CSV files in UTF-8, separated by semicolons or commas."),
    )
    shape = forms.ChoiceField(
        label=_("Shape of the table"),
        choices=ObservationUpload.Shape.choices,
        widget=forms.RadioSelect,
        initial=ObservationUpload.Shape.WIDE,
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        to_field_name="slug",
        required=False,
        help_text=_("Required for the wide shape; in the long shape a column may name it per row."),
    )
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="key",
        required=False,
        help_text=_("Required for the wide shape; in the long shape a column may name it per row."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,
        help_text=_("Stored with every value that names no source of its own."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator_field: Any = self.fields["indicator"]
        indicator_field.queryset = indicators_visible_to(user)
        region_field: Any = self.fields["region"]
        region_field.queryset = regions_for_upload(user)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large; at most %(limit)s MB are accepted.")
                % {"limit": MAX_FILE_BYTES // 1024 // 1024}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("shape") == ObservationUpload.Shape.WIDE:
            for name in ("indicator", "region"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("The wide shape needs this: the file does not say it."))
        return cleaned


class ComparisonForm(AccessibleErrorsMixin, forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none(), to_field_name="slug", required=False
    )
    region = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.none(),
        to_field_name="key",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most %(count)s regions.") % {"count": MAX_COMPARED_REGIONS},
    )
    measure = forms.ChoiceField(
        label=_("Show"),
        choices=[("total", _("totals")), ("per_thousand", _("per 1,000 inhabitants"))],
        widget=forms.RadioSelect,
        required=False,
    )
    chart = forms.ChoiceField(label=_("Chart"), choices=CHART_KIND_CHOICES, required=False)

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator_field: Any = self.fields["indicator"]
        indicator_field.queryset = indicators_published()
        region_field: Any = self.fields["region"]
        region_field.queryset = regions

    def clean_region(self) -> list[Region]:
        regions = list(self.cleaned_data.get("region") or [])
        if len(regions) > MAX_COMPARED_REGIONS:
            raise forms.ValidationError(
                _("Choose at most %(count)s regions.") % {"count": MAX_COMPARED_REGIONS}
            )
        return regions
