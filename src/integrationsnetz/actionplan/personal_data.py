"""The actionplan part of a person's data export and account deletion.

A person appears here as the author of comments and progress notes and as the one who recorded an
adoption. Comments are personal statements and go with the account; progress notes and adoptions are
the organisation's record and stay, without the author.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from integrationsnetz.actionplan.models import Adoption, ProgressNote, StepComment


def export_personal_data(user: Any) -> dict[str, Any]:
    comments = StepComment.objects.filter(author=user).select_related("step").order_by("pk")
    notes = ProgressNote.objects.filter(author=user).select_related("step").order_by("pk")
    adoptions = Adoption.objects.filter(recorded_by=user).select_related("approach", "region").order_by("pk")
    return {
        "step_comments": [
            {"step": comment.step.title, "text": comment.text, "created_at": comment.created_at.isoformat()}
            for comment in comments
        ],
        "progress_notes": [
            {"step": note.step.title, "date": note.date.isoformat(), "text": note.text} for note in notes
        ],
        "adoptions_recorded": [
            {"approach": adoption.approach.title, "region": adoption.region.name} for adoption in adoptions
        ],
    }


@transaction.atomic
def erase_personal_data(user: Any) -> None:
    StepComment.objects.filter(author=user).delete()
    ProgressNote.objects.filter(author=user).update(author=None)
    Adoption.objects.filter(recorded_by=user).update(recorded_by=None)
