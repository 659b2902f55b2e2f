"""Input of the monitoring pages: the upload of a file of figures, the choice of a comparison, and an
indicator with its categories."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.importing import MAX_FILE_BYTES
from integrationsnetz.core.models import Region
from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.monitoring.charts import CHART_KINDS
from integrationsnetz.monitoring.models import Category, Indicator, ObservationUpload
from integrationsnetz.monitoring.selectors import indicators_published, indicators_visible_to
from integrationsnetz.monitoring.services import CategoryInput

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


def _short_name(value: str, name: str) -> str:
    """The slug as typed, or one made from the German name when the field was left empty."""
    return value or slugify(name)[:80]


class IndicatorForm(AccessibleErrorsMixin, forms.ModelForm):
    """What an indicator is; published or not is decided on a page of its own, after a confirmation."""

    owner_region = RegionChoiceField(
        label=_("Maintained by region"),
        queryset=Region.objects.none(),
        help_text=_(
            "Its coordinators may change the indicator and its figures; the coordinating office always may."
        ),
    )

    class Meta:
        model = Indicator
        fields = ["name_de", "name_en", "slug", "unit", "notes", "source", "owner_region"]
        labels = {
            "name_de": _("Name (German)"),
            "name_en": _("Name (English)"),
            "slug": _("Short name in addresses and files"),
            "unit": _("Unit"),
            "notes": _("Description"),
            "source": _("Source"),
        }
        help_texts = {
            "slug": _(
                "Lower-case letters, digits and hyphens, e.g. “auslaender-nordsachsen”. Left empty, it is "
                "made from the German name. It cannot change once figures exist."
            ),
            "unit": _("e.g. “Personen” or “Prozent”."),
            "notes": _("What is counted and how, shown with the figures."),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        region_field: Any = self.fields["owner_region"]
        region_field.queryset = regions_for_upload(user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "slug" not in self.errors and cleaned.get("name_de"):
            slug = _short_name(cleaned.get("slug") or "", cleaned["name_de"])
            if not slug:
                self.add_error("slug", _("Give a short name: the German name has no letters to make one of."))
            cleaned["slug"] = slug
        return cleaned

    def service_values(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of ``indicator_create``/``indicator_update``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CategoryForm(AccessibleErrorsMixin, forms.Form):
    """One category row; an existing category carries its id, an empty extra row is skipped."""

    category = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name_de = forms.CharField(label=_("Name (German)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=80,
        required=False,
        help_text=_("Used in uploaded files. Left empty, it is made from the German name."),
    )
    position = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Categories are shown by this number, smallest first."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "slug" not in self.errors and cleaned.get("name_de"):
            slug = _short_name(cleaned.get("slug") or "", cleaned["name_de"])
            if not slug:
                self.add_error("slug", _("Give a short name: the German name has no letters to make one of."))
            cleaned["slug"] = slug
        return cleaned


class BaseCategoryFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this category")

    def clean(self) -> None:
        super().clean()
        seen: dict[str, int] = {}
        for form in self.kept_forms():
            slug = form.cleaned_data.get("slug")
            if not slug:
                continue
            if slug in seen:
                form.add_error(
                    "slug",
                    _("Category %(number)s has this short name already.") % {"number": seen[slug]},
                )
            else:
                seen[slug] = self.forms.index(form) + 1

    def kept_forms(self) -> list[forms.Form]:
        """The rows that stay: filled in and not marked for removal."""
        return [
            form
            for form in self.forms
            if form.is_bound and form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def categories(self) -> list[CategoryInput]:
        """The kept rows in the chosen order (rows without a number keep their place at the end)."""
        kept = self.kept_forms()
        ordered = sorted(
            enumerate(kept),
            key=lambda item: (
                item[1].cleaned_data.get("position") is None,
                item[1].cleaned_data.get("position") or 0,
                item[0],
            ),
        )
        return [
            CategoryInput(
                pk=form.cleaned_data.get("category"),
                slug=form.cleaned_data["slug"],
                name_de=form.cleaned_data["name_de"],
                name_en=form.cleaned_data.get("name_en") or "",
            )
            for _index, form in ordered
        ]

    def form_of(self, category_pk: int) -> forms.Form | None:
        """The row that shows the category with this id."""
        for form in self.forms:
            if form.is_bound and form.is_valid() and form.cleaned_data.get("category") == category_pk:
                return form
        return None


def category_formset(data: Any, *, categories: list[Category]) -> BaseCategoryFormSet:
    """Rows for the indicator's categories plus empty ones for new categories (more after saving)."""
    formset_class = forms.formset_factory(
        CategoryForm,
        formset=BaseCategoryFormSet,
        extra=3 if not categories else 2,
        can_delete=True,
        can_delete_extra=False,  # an empty row is left empty, not removed
        max_num=100,
        validate_max=True,
    )
    formset: Any = formset_class(
        data,
        prefix="categories",
        initial=[
            {
                "category": category.pk,
                "name_de": category.name_de,
                "name_en": category.name_en,
                "slug": category.slug,
                "position": index,
            }
            for index, category in enumerate(categories, start=1)
        ],
    )
    return formset
