"""Input validation for the accommodation pages; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accommodation.models import Criterion, FollowUpAction, Inspection, Site
from integrationsnetz.accommodation.selectors import AreaBlock
from integrationsnetz.accommodation.services import ActionCheckInput, InspectionInput, ScoreInput
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


def _score_choices(criterion: Criterion) -> list[tuple[str, Any]]:
    return [
        ("", _("– not yet scored –")),
        *[(str(value), str(value)) for value in range(criterion.max_score + 1)],
    ]


class InspectionForm(AccessibleErrorsMixin, forms.Form):
    """The whole inspection on one page: scores and notes per criterion, statements, earlier actions.

    ``completing`` makes every score required, so a missing one is reported at its own field.
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
        for block in blocks:
            for score in block.rows:
                criterion = score.criterion
                self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                    label=_("Score"),
                    choices=_score_choices(criterion),
                    coerce=int,
                    empty_value=None,
                    required=completing,
                    initial="" if score.value is None else str(score.value),
                    help_text=criterion.guidance,
                    error_messages={"required": _("Score this criterion to complete the inspection.")},
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

    def groups(self) -> list[dict[str, Any]]:
        """Areas with their criteria and bound fields, in catalogue order (for the template)."""
        return [
            {
                "area": block.area,
                "rows": [
                    {
                        "criterion": score.criterion,
                        "score": self[f"score_{score.criterion_id}"],
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
        scores = {
            score.criterion_id: ScoreInput(
                value=data.get(f"score_{score.criterion_id}"), note=data.get(f"note_{score.criterion_id}", "")
            )
            for block in self.blocks
            for score in block.rows
        }
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
