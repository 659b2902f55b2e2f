"""Comments, notes and recorded adoptions join the personal data export and the account deletion."""

import datetime

from integrationsnetz.accounts.personal_data import erase_all, export_all
from integrationsnetz.actionplan.models import Adoption, ProgressNote, StepComment
from integrationsnetz.actionplan.tests.factories import ApproachFactory


def test_export_and_erase(plan_data):
    editor = plan_data.actors.editor
    StepComment.objects.create(step=plan_data.own, author=editor, text="Mein Kommentar")
    ProgressNote.objects.create(
        step=plan_data.own, author=editor, date=datetime.date(2026, 1, 2), text="Notiz"
    )
    Adoption.objects.create(
        approach=ApproachFactory.create(region=plan_data.actors.state),
        region=plan_data.actors.nordsachsen,
        recorded_by=editor,
    )
    data = export_all(editor)["actionplan"]
    assert data["step_comments"][0]["text"] == "Mein Kommentar"
    assert data["progress_notes"][0]["text"] == "Notiz"
    assert len(data["adoptions_recorded"]) == 1
    erase_all(editor)
    assert not StepComment.objects.exists()
    assert ProgressNote.objects.get().author is None
    assert Adoption.objects.get().recorded_by is None
