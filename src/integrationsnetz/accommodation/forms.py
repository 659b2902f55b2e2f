"""Input validation for the accommodation pages; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accommodation.models import (
    Area,
    CatalogueVersion,
    Criterion,
    FollowUpAction,
    Inspection,
    Site,
)
from integrationsnetz.accommodation.selectors import AreaBlock
from integrationsnetz.accommodation.services import (
    ActionCheckInput,
    AreaChange,
    CriterionChange,
    CriterionInput,
    InspectionInput,
    ScoreInput,
)
from integrationsnetz.accounts.models import User
from integrationsnetz.core.models import Region
from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.directory.models import Organisation

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SiteForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Site
        fields = [
            "name",
            "kind",
            "operator",
            "district",
            "street",
            "postal_code",
            "city",
            "capacity",
            "occupancy",
            "occupancy_date",
            "social_care_contact",
            "notes",
        ]
        widgets = {"occupancy_date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, districts: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["operator"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]


class InspectionCreateForm(AccessibleErrorsMixin, forms.Form):
    date = forms.DateField(label=_("Date of the visit"), widget=DATE_INPUT)
    inspectors = forms.CharField(
        label=_("Inspectors"), max_length=300, help_text=_("Names, separated by commas.")
    )


# The score field's choice for "does not apply at this site"; a reason is then required.
NOT_APPLICABLE = "na"


def _score_choices(criterion: Criterion) -> list[tuple[str, Any]]:
    return [
        ("", _("– not yet scored –")),
        *[(str(value), str(value)) for value in range(criterion.max_score + 1)],
        (NOT_APPLICABLE, _("not applicable")),
    ]


def _score_value(raw: str) -> int | str:
    return raw if raw == NOT_APPLICABLE else int(raw)


class InspectionForm(AccessibleErrorsMixin, forms.Form):
    """The whole inspection on one page: scores and notes per criterion, statements, earlier actions.

    ``completing`` makes every score required, so a missing one is reported at its own field (and all
    missing ones are listed above the form). "Not applicable" counts as an answer, with a reason.
    """

    date = forms.DateField(label=_("Date of the visit"), widget=DATE_INPUT)
    inspectors = forms.CharField(label=_("Inspectors"), max_length=300)
    summary = forms.CharField(
        label=_("Summary of findings"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    residents_statement = forms.CharField(
        label=_("Add a statement of residents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded without names, kept apart from the inspectors' scores."),
    )
    staff_statement = forms.CharField(
        label=_("Add a statement of staff"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded without names, kept apart from the inspectors' scores."),
    )

    def __init__(
        self,
        *args: Any,
        inspection: Inspection,
        blocks: list[AreaBlock],
        actions: list[FollowUpAction],
        completing: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs["initial"] = {
            "date": inspection.date,
            "inspectors": inspection.inspectors,
            "summary": inspection.summary,
        }
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        self.actions = actions
        self.completing = completing
        for block in blocks:
            for score in block.rows:
                criterion = score.criterion
                if score.not_applicable:
                    initial = NOT_APPLICABLE
                else:
                    initial = "" if score.value is None else str(score.value)
                self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                    label=_("Score"),
                    choices=_score_choices(criterion),
                    coerce=_score_value,
                    empty_value=None,
                    required=completing,
                    initial=initial,
                    help_text=criterion.guidance,
                    error_messages={
                        "required": _(
                            "Score this criterion or mark it not applicable to complete the inspection."
                        )
                    },
                )
                self.fields[f"reason_{criterion.pk}"] = forms.CharField(
                    label=_("Why not applicable"),
                    required=False,
                    max_length=300,
                    initial=score.not_applicable_reason,
                    help_text=_("Only when the criterion does not apply here, e.g. “no children live here”."),
                )
                self.fields[f"note_{criterion.pk}"] = forms.CharField(
                    label=_("Note"),
                    required=False,
                    initial=score.note,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        for action in actions:
            self.fields[f"action_{action.pk}_status"] = forms.ChoiceField(
                label=_("Status found"),
                choices=FollowUpAction.Status.choices,
                initial=action.status,
            )
            self.fields[f"action_{action.pk}_note"] = forms.CharField(
                label=_("Result of the check"),
                required=False,
                initial=action.check_note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        missing = []
        for block in self.blocks:
            for score in block.rows:
                pk = score.criterion_id
                value = data.get(f"score_{pk}")
                reason = (data.get(f"reason_{pk}") or "").strip()
                if value == NOT_APPLICABLE and not reason:
                    self.add_error(
                        f"reason_{pk}", _("Give a short reason why this criterion does not apply.")
                    )
                elif value != NOT_APPLICABLE and reason:
                    self.add_error(
                        f"reason_{pk}",
                        _("Choose “not applicable” as the score, or clear the reason."),
                    )
                if value is None and f"score_{pk}" in self.errors and self.completing:
                    missing.append(score.criterion.name)
        if missing:
            self.add_error(
                None,
                _("Score every criterion or mark it not applicable before completing. Missing: %(criteria)s")
                % {"criteria": "; ".join(missing)},
            )
        return data

    def groups(self) -> list[dict[str, Any]]:
        """Areas with their criteria and bound fields, in catalogue order (for the template)."""
        return [
            {
                "area": block.area,
                "rows": [
                    {
                        "criterion": score.criterion,
                        "score": self[f"score_{score.criterion_id}"],
                        "reason": self[f"reason_{score.criterion_id}"],
                        "note": self[f"note_{score.criterion_id}"],
                    }
                    for score in block.rows
                ],
            }
            for block in self.blocks
        ]

    def action_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "action": action,
                "status": self[f"action_{action.pk}_status"],
                "note": self[f"action_{action.pk}_note"],
            }
            for action in self.actions
        ]

    def inspection_input(self) -> InspectionInput:
        data = self.cleaned_data
        scores = {}
        for block in self.blocks:
            for score in block.rows:
                pk = score.criterion_id
                value = data.get(f"score_{pk}")
                scores[pk] = ScoreInput(
                    value=None if value == NOT_APPLICABLE else value,
                    note=data.get(f"note_{pk}", ""),
                    not_applicable=value == NOT_APPLICABLE,
                    reason=data.get(f"reason_{pk}", ""),
                )
        checks = {
            action.pk: ActionCheckInput(
                status=data[f"action_{action.pk}_status"], note=data.get(f"action_{action.pk}_note", "")
            )
            for action in self.actions
        }
        return InspectionInput(
            date=data["date"],
            inspectors=data["inspectors"],
            summary=data.get("summary", ""),
            scores=scores,
            residents_statement=data.get("residents_statement", ""),
            staff_statement=data.get("staff_statement", ""),
            action_checks=checks,
        )


class PhotoForm(AccessibleErrorsMixin, forms.Form):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP; location data is removed."))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    criterion = forms.ModelChoiceField(
        label=_("Criterion"), queryset=Criterion.objects.none(), required=False, empty_label=_("– none –")
    )

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.filter(  # type: ignore[attr-defined]
            area__version=inspection.version_id
        ).select_related("area")


class FollowUpActionForm(AccessibleErrorsMixin, forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    owner_email = forms.EmailField(
        label=_("Owner's e-mail address"),
        required=False,
        help_text=_("The owner needs an account here; reminders go to this address."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE_INPUT)

    def clean_owner_email(self) -> User | None:
        email = self.cleaned_data.get("owner_email", "")
        if not email:
            return None
        owner = User.objects.filter(email__iexact=email, is_active=True).first()
        if owner is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        return owner


class FollowUpActionStatusForm(AccessibleErrorsMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpAction.Status.choices)


# Catalogue editing (the coordinating office) ------------------------------------------------------


class CatalogueVersionCopyForm(AccessibleErrorsMixin, forms.Form):
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=DATE_INPUT,
        help_text=_(
            "Inspections on or after this date use the new version; choose a date after the newest version's."
        ),
    )


class CatalogueVersionForm(AccessibleErrorsMixin, forms.ModelForm):
    caption = _("Validity and thresholds")

    class Meta:
        model = CatalogueVersion
        fields = ["valid_from", "green_from", "yellow_from", "note"]
        widgets = {"valid_from": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "valid_from": _("Inspections on or after this date use this version."),
            "green_from": _("Percent of the possible points from which an area is green."),
            "yellow_from": _("Percent from which an area is yellow; below it is red."),
        }


class AreaForm(AccessibleErrorsMixin, forms.ModelForm):
    remove = forms.BooleanField(label=_("Remove this area and its criteria"), required=False)

    class Meta:
        model = Area
        fields = ["name_de", "name_en", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.caption = _("Area “%(name)s”") % {"name": self.instance.name}


class CriterionForm(AccessibleErrorsMixin, forms.ModelForm):
    critical_scores = forms.CharField(
        label=_("Critical scores"),
        required=False,
        help_text=_("Whole numbers separated by commas, e.g. “0” or “0, 1”; empty when none."),
    )
    remove = forms.BooleanField(label=_("Remove this criterion"), required=False)

    class Meta:
        model = Criterion
        fields = ["name_de", "name_en", "guidance", "max_score", "weight", "critical_scores", "position"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.caption = _("Criterion “%(name)s”") % {"name": self.instance.name}
        self.initial["critical_scores"] = ", ".join(str(value) for value in self.instance.critical_scores)

    def clean_critical_scores(self) -> list[int]:
        raw = self.cleaned_data.get("critical_scores", "")
        parts = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
        try:
            values = sorted({int(part) for part in parts})
        except ValueError:
            raise forms.ValidationError(
                _("Enter whole numbers separated by commas, e.g. “0, 1”."), code="invalid"
            ) from None
        return values


class CatalogueVersionEditForm:
    """The whole draft version on one page: validity and thresholds, every area and every criterion.

    One form per row (prefixed by its id), validated together and saved in one service call.
    """

    def __init__(self, data: Any, *, version: CatalogueVersion) -> None:
        self.version = CatalogueVersionForm(data, instance=version, prefix="version")
        self.areas: list[tuple[AreaForm, list[CriterionForm]]] = []
        for area in version.areas.all():
            criteria = [
                CriterionForm(data, instance=criterion, prefix=f"criterion-{criterion.pk}")
                for criterion in area.criteria.all()
            ]
            self.areas.append((AreaForm(data, instance=area, prefix=f"area-{area.pk}"), criteria))

    @property
    def forms(self) -> list[forms.BaseForm]:
        return [self.version, *[form for area, criteria in self.areas for form in (area, *criteria)]]

    def is_valid(self) -> bool:
        # Every form is validated (no short cut), so that the page shows all errors at once.
        results = [form.is_valid() for form in self.forms]
        return all(results)

    @property
    def has_errors(self) -> bool:
        return any(form.errors for form in self.forms)

    def changes(self) -> dict[str, Any]:
        """The keyword arguments of ``services.catalogue_version_update`` (after ``is_valid``)."""
        version = self.version.cleaned_data
        areas = {}
        criteria = {}
        removed_areas = []
        removed_criteria = []
        for area_form, criterion_forms in self.areas:
            data = area_form.cleaned_data
            if data["remove"]:
                removed_areas.append(area_form.instance.pk)
            areas[area_form.instance.pk] = AreaChange(
                name_de=data["name_de"], name_en=data["name_en"], position=data["position"]
            )
            for form in criterion_forms:
                data = form.cleaned_data
                if data["remove"]:
                    removed_criteria.append(form.instance.pk)
                criteria[form.instance.pk] = CriterionChange(
                    name_de=data["name_de"],
                    name_en=data["name_en"],
                    guidance=data["guidance"],
                    max_score=data["max_score"],
                    weight=data["weight"],
                    critical_scores=tuple(data["critical_scores"]),
                    position=data["position"],
                )
        return {
            "valid_from": version["valid_from"],
            "green_from": version["green_from"],
            "yellow_from": version["yellow_from"],
            "note": version["note"],
            "areas": areas,
            "criteria": criteria,
            "removed_areas": removed_areas,
            "removed_criteria": removed_criteria,
        }


class AreaAddForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name_de", "name_en"]


class CriterionAddForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["area", "name_de", "name_en", "guidance", "max_score", "weight"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, version: CatalogueVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the areas of this version; the list is the prefetched one of the page.
        areas = version.areas.all()
        field: Any = self.fields["area"]
        field.queryset = Area.objects.filter(version=version)
        field.choices = [("", "–"), *[(area.pk, area.name) for area in areas]]

    def criterion_input(self) -> CriterionInput:
        data = self.cleaned_data
        return CriterionInput(
            name_de=data["name_de"],
            name_en=data["name_en"],
            guidance=data["guidance"],
            max_score=data["max_score"],
            weight=data["weight"],
        )
