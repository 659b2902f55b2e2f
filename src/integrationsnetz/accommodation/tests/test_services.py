"""Writes: sites, catalogue versions, drafts and completion, photos, follow-up actions and reminders."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from integrationsnetz.accommodation import services, tasks
from integrationsnetz.accommodation.models import (
    Criterion,
    FollowUpAction,
    Inspection,
    Light,
    Site,
    Statement,
)
from integrationsnetz.accommodation.services import (
    ActionCheckInput,
    InspectionInput,
    ScoreInput,
    catalogue_version_areas,
)
from integrationsnetz.accommodation.tests.factories import completed_inspection, make_version, scores_of
from integrationsnetz.accounts.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_site_create_and_update_are_audited(actors: Any) -> None:
    site = services.site_create(
        actor=actors.office,
        name="GU Delitzsch",
        kind=Site.Kind.SHARED,
        operator=actors.organisation,
        district=actors.nordsachsen,
        city="Delitzsch",
        capacity=80,
    )
    services.site_update(
        site=site, actor=actors.owner, capacity=90, occupancy=70, occupancy_date=date(2024, 1, 1)
    )
    entries = AuditLogEntry.objects.filter(object_type="accommodation.site", object_id=str(site.pk)).order_by(
        "pk"
    )
    assert [entry.action for entry in entries] == [AuditLogEntry.Action.CREATE, AuditLogEntry.Action.UPDATE]
    assert entries[1].changes["capacity"] == ["80", "90"]
    assert list(entries[1].regions.all()) == [actors.nordsachsen]


def test_occupancy_needs_its_date(site: Site) -> None:
    with pytest.raises(ValidationError) as error:
        services.site_update(site=site, actor=None, occupancy=50)
    assert "occupancy_date" in error.value.message_dict


def test_inspection_starts_with_one_empty_score_per_criterion(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A, B"
    )
    assert inspection.status == Inspection.Status.DRAFT
    assert [score.value for score in inspection.scores.all()] == [None, None, None]


def test_draft_saves_scores_statements_and_counts_revisions(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    data = InspectionInput(
        date=date(2024, 5, 2),
        inspectors="A, B",
        scores={**scores_of(inspection, [2, None, 4])},
        residents_statement="Zu wenig Ruhe.",
        staff_statement="",
    )
    saved = services.inspection_save_draft(inspection=inspection, actor=None, data=data)
    assert saved.revision == 1
    assert saved.status == Inspection.Status.DRAFT
    assert [
        score.value for score in saved.scores.order_by("criterion__area__position", "criterion__position")
    ] == [2, None, 4]
    assert list(saved.statements.values_list("source", "text")) == [
        (Statement.Source.RESIDENTS, "Zu wenig Ruhe.")
    ]
    assert AuditLogEntry.objects.filter(
        object_type="accommodation.inspection", action=AuditLogEntry.Action.UPDATE
    ).exists()


def test_a_score_outside_the_scale_is_refused(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    with pytest.raises(ValidationError):
        services.inspection_save_draft(
            inspection=inspection,
            actor=None,
            data=InspectionInput(
                date=date(2024, 5, 1), inspectors="A", scores=scores_of(inspection, [9, None, None])
            ),
        )


def test_completing_needs_every_score_and_stores_the_rating(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    with pytest.raises(ValidationError):
        services.inspection_complete(
            inspection=inspection,
            actor=None,
            data=InspectionInput(
                date=date(2024, 5, 1), inspectors="A", scores=scores_of(inspection, [3, None, 4])
            ),
        )
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DRAFT
    done = services.inspection_complete(
        inspection=inspection,
        actor=None,
        data=InspectionInput(date=date(2024, 5, 1), inspectors="A", scores=scores_of(inspection, [3, 0, 4])),
    )
    assert done.status == Inspection.Status.COMPLETED
    assert done.completed_at is not None
    # Wohnen: 3 of 9 points, and "Sanitär" 0 is critical; Sicherheit: 4 of 4.
    areas = done.area_results["areas"]
    assert [(area["name_de"], area["light"], area["critical"]) for area in areas] == [
        ("Wohnen", Light.RED, True),
        ("Sicherheit", Light.GREEN, False),
    ]
    assert done.overall_percent == Decimal("53.85")
    assert done.overall_light == Light.YELLOW
    with pytest.raises(ValidationError):
        services.inspection_save_draft(
            inspection=done, actor=None, data=InspectionInput(date=date(2024, 5, 1), inspectors="X")
        )


def test_a_new_catalogue_version_leaves_past_results_unchanged(site: Site, version: Any) -> None:
    past = completed_inspection(site=site, version=version, values=[3, 3, 2])
    stored = (past.overall_percent, past.overall_light, past.area_results)
    # The office raises the thresholds and makes the fire-safety criterion weigh more in a new version.
    areas = catalogue_version_areas(version)
    newer = make_version(
        valid_from=date(2025, 1, 1), areas=tuple(areas), green_from=Decimal("95"), yellow_from=Decimal("90")
    )
    assert newer.number == version.number + 1
    past.refresh_from_db()
    assert (past.overall_percent, past.overall_light, past.area_results) == stored
    assert services.inspection_rating(past).light == past.overall_light
    assert services.catalogue_version_current(catalogue=version.catalogue, on=date(2024, 6, 1)) == version
    assert services.catalogue_version_current(catalogue=version.catalogue, on=date(2025, 6, 1)) == newer
    # The same scores under the new version would be rated differently: the old result did not move.
    later = completed_inspection(site=site, version=newer, values=[3, 3, 2], when=date(2025, 5, 1))
    assert later.overall_light == Light.RED
    assert past.overall_light == Light.GREEN


def test_a_used_catalogue_version_cannot_change(site: Site, version: Any) -> None:
    criterion = version.areas.first().criteria.first()
    services.criterion_update(criterion=criterion, actor=None, weight=2)
    completed_inspection(site=site, version=version, values=[3, 3, 2])
    with pytest.raises(ValidationError):
        services.criterion_update(criterion=criterion, actor=None, weight=5)
    criterion.refresh_from_db()
    assert criterion.weight == 2


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (3000, 2000), "teal")
    exif = Image.Exif()
    exif[0x010F] = "Tablet Camera"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 27.0, 36.0)
    gps[3] = "E"
    gps[4] = (12.0, 38.0, 0.0)
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def test_photos_are_resized_and_lose_their_gps_position(
    site: Site, version: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    original = _jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the test photo does carry a position
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    photo = services.photo_add(inspection=inspection, actor=None, content=original, caption="Küche")
    with photo.image.open("rb") as stored_file:
        stored = stored_file.read()
    with Image.open(io.BytesIO(stored)) as result:
        assert max(result.size) == services.PHOTO_MAX_SIDE
        assert not result.getexif()
        assert not result.getexif().get_ifd(0x8825)
        assert "exif" not in result.info
    assert b"Exif" not in stored


def test_a_file_that_is_no_photo_is_refused(site: Site, version: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    with pytest.raises(ValidationError):
        services.photo_add(inspection=inspection, actor=None, content=b"%PDF-1.4 not a photo")
    assert not inspection.photos.exists()


def test_the_next_inspection_checks_open_actions(site: Site, version: Any, actors: Any) -> None:
    first = completed_inspection(site=site, version=version, values=[3, 3, 4], when=date(2024, 1, 10))
    action = services.follow_up_action_create(
        inspection=first,
        actor=actors.office,
        description="Duschen reparieren",
        owner=actors.editor,
        due_date=date(2024, 3, 1),
    )
    second = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 6, 1), inspectors="A"
    )
    assert services.actions_to_check(second) == [action]
    values = InspectionInput(date=date(2024, 6, 1), inspectors="A", scores=scores_of(second, [3, 3, 4]))
    with pytest.raises(ValidationError):
        services.inspection_complete(inspection=second, actor=None, data=values)
    checked = InspectionInput(
        date=date(2024, 6, 1),
        inspectors="A",
        scores=scores_of(second, [3, 3, 4]),
        action_checks={action.pk: ActionCheckInput(status=FollowUpAction.Status.DONE, note="Repariert.")},
    )
    services.inspection_complete(inspection=second, actor=None, data=checked)
    action.refresh_from_db()
    assert (action.status, action.checked_in, action.check_note) == (
        FollowUpAction.Status.DONE,
        second,
        "Repariert.",
    )


def test_an_action_of_another_site_cannot_be_checked(site: Site, other_site: Site, version: Any) -> None:
    elsewhere = completed_inspection(
        site=other_site, version=version, values=[3, 3, 4], when=date(2024, 1, 10)
    )
    action = services.follow_up_action_create(
        inspection=elsewhere, actor=None, description="X", owner=None, due_date=date(2024, 3, 1)
    )
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 6, 1), inspectors="A"
    )
    with pytest.raises(ValidationError):
        services.inspection_save_draft(
            inspection=inspection,
            actor=None,
            data=InspectionInput(
                date=date(2024, 6, 1),
                inspectors="A",
                action_checks={action.pk: ActionCheckInput(status="done")},
            ),
        )
    action.refresh_from_db()
    assert action.status == FollowUpAction.Status.OPEN


def test_reminders_go_once_before_and_once_after_the_due_date(
    site: Site, version: Any, actors: Any, smtp_server: Any
) -> None:
    inspection = completed_inspection(site=site, version=version, values=[3, 3, 4])
    today = date(2024, 6, 1)
    soon = services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Brandschutz prüfen",
        owner=actors.editor,
        due_date=today + timedelta(days=3),
    )
    services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Später",
        owner=actors.editor,
        due_date=today + timedelta(days=60),
    )
    services.follow_up_action_create(
        inspection=inspection, actor=None, description="Ohne Zuständige", owner=None, due_date=today
    )
    assert services.follow_up_actions_due_for_reminder(today=today) == [soon.pk]
    assert services.follow_up_reminder_send(action_id=soon.pk, today=today)
    assert not services.follow_up_reminder_send(
        action_id=soon.pk, today=today
    )  # a retried task sends nothing
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == actors.editor.email
    assert "Brandschutz prüfen" in message.get_body(("plain",)).get_content()
    assert services.follow_up_reminder_send(action_id=soon.pk, today=today + timedelta(days=5))  # now overdue
    services.follow_up_action_update(action=soon, actor=actors.editor, status=FollowUpAction.Status.DONE)
    assert not services.follow_up_reminder_send(action_id=soon.pk, today=today + timedelta(days=20))
    assert len(smtp_server.messages) == 2


def test_the_reminder_sweep_task_runs_the_services(
    site: Site, version: Any, actors: Any, smtp_server: Any
) -> None:
    inspection = completed_inspection(site=site, version=version, values=[3, 3, 4])
    services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Überfällig",
        owner=actors.editor,
        due_date=date(2020, 1, 1),
    )
    assert tasks.remind_follow_up_actions.delay().get() == 1
    assert tasks.remind_follow_up_actions.delay().get() == 1
    assert len(smtp_server.messages) == 1


def test_draft_input_keeps_unchanged_scores(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    first_id = next(iter(scores_of(inspection, [1, None, None])))
    services.inspection_save_draft(
        inspection=inspection,
        actor=None,
        data=InspectionInput(
            date=date(2024, 5, 1), inspectors="A", scores={first_id: ScoreInput(value=1, note="n")}
        ),
    )
    services.inspection_save_draft(
        inspection=inspection, actor=None, data=InspectionInput(date=date(2024, 5, 1), inspectors="A")
    )
    assert inspection.scores.get(criterion_id=first_id).value == 1


def test_personal_data_export_lists_started_inspections_and_owned_actions(
    site: Site, version: Any, actors: Any
) -> None:
    from integrationsnetz.accounts.personal_data import export_all

    inspection = services.inspection_create(
        site=site, version=version, actor=actors.owner, date=date(2024, 5, 1), inspectors="A"
    )
    services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Duschen",
        owner=actors.editor,
        due_date=date(2024, 8, 1),
    )
    assert export_all(actors.owner)["accommodation"]["inspections_started"][0]["site"] == "GU Eilenburg"
    assert (
        export_all(actors.editor)["accommodation"]["follow_up_actions_owned"][0]["description"] == "Duschen"
    )
    assert export_all(actors.outsider)["accommodation"] == {
        "inspections_started": [],
        "follow_up_actions_owned": [],
    }


# Not applicable ------------------------------------------------------------------------------------


def _answers(inspection: Inspection, **by_name: ScoreInput) -> dict[int, ScoreInput]:
    """Every criterion scored 3, except those given by German name."""
    return {
        score.criterion_id: by_name.get(score.criterion.name_de, ScoreInput(value=3))
        for score in inspection.scores.select_related("criterion")
    }


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (ScoreInput(value=None, not_applicable=True), "Give a short reason"),
        (ScoreInput(value=None, not_applicable=True, reason="   "), "Give a short reason"),
        (
            ScoreInput(value=1, not_applicable=True, reason="Keine Kinder"),
            "cannot be scored and not applicable",
        ),
        (ScoreInput(value=1, reason="Keine Kinder"), "not marked not applicable"),
        (ScoreInput(value=None, not_applicable=True, reason="x" * 301), "longer than 300 characters"),
    ],
)
def test_not_applicable_needs_a_reason_and_no_score(
    site: Site, version: Any, given: ScoreInput, message: str
) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    with pytest.raises(ValidationError, match=message):
        services.inspection_save_draft(
            inspection=inspection,
            actor=None,
            data=InspectionInput(
                date=date(2024, 5, 1), inspectors="B", scores=_answers(inspection, Sanitär=given)
            ),
        )
    inspection.refresh_from_db()
    assert inspection.revision == 0 and inspection.inspectors == "A"
    assert not inspection.scores.filter(not_applicable=True).exists()
    assert not inspection.scores.exclude(value=None).exists()


def test_a_not_applicable_criterion_completes_and_counts_nowhere(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    reason = ScoreInput(value=None, not_applicable=True, reason=" Nur Einzelwohnungen mit eigenem Bad ")
    done = services.inspection_complete(
        inspection=inspection,
        actor=None,
        data=InspectionInput(
            date=date(2024, 5, 1), inspectors="A", scores=_answers(inspection, Sanitär=reason)
        ),
    )
    score = done.scores.get(criterion__name_de="Sanitär")
    assert (score.value, score.not_applicable, score.not_applicable_reason) == (
        None,
        True,
        "Nur Einzelwohnungen mit eigenem Bad",
    )
    # Wohnen: only "Zimmer" counts, 3 of 3; Sicherheit 3 of 4. Sanitär weighs 2 and is critical at 0,
    # but neither matters once it does not apply.
    assert [
        (area["light"], area["percent"], area["not_applicable"]) for area in done.area_results["areas"]
    ] == [
        (Light.GREEN, "100.00", 1),
        (Light.GREEN, "75.00", 0),
    ]
    assert done.overall_percent == Decimal("85.71")
    entry = AuditLogEntry.objects.filter(object_id=str(done.pk)).latest("pk")
    assert f"score {score.criterion_id}" in entry.changes


def test_completing_lists_what_is_neither_scored_nor_not_applicable(site: Site, version: Any) -> None:
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="A"
    )
    scores = _answers(inspection, Zimmer=ScoreInput(value=None), Brandschutz=ScoreInput(value=None))
    with pytest.raises(ValidationError) as raised:
        services.inspection_complete(
            inspection=inspection,
            actor=None,
            data=InspectionInput(date=date(2024, 5, 1), inspectors="A", scores=scores),
        )
    assert "or mark it not applicable" in raised.value.messages[0]
    assert raised.value.messages[0].endswith("Missing: Rooms; Fire safety")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DRAFT


# Catalogue editing ---------------------------------------------------------------------------------


def _unchanged(version: Any) -> dict[str, Any]:
    return {
        "valid_from": version.valid_from,
        "green_from": version.green_from,
        "yellow_from": version.yellow_from,
        "note": version.note,
        "areas": {},
        "criteria": {},
    }


def test_a_new_version_is_a_copy_of_the_newest_one(version: Any, actors: Any) -> None:
    services.criterion_update(
        criterion=version.areas.first().criteria.first(), actor=None, critical_scores=[0, 1]
    )
    copy = services.catalogue_version_copy(
        catalogue=version.catalogue, actor=actors.office, valid_from=date(2025, 1, 1)
    )
    assert copy.number == version.number + 1
    assert (copy.green_from, copy.yellow_from, copy.valid_from) == (
        version.green_from,
        version.yellow_from,
        date(2025, 1, 1),
    )
    assert catalogue_version_areas(copy) == catalogue_version_areas(version)
    assert not set(copy.areas.values_list("pk", flat=True)) & set(version.areas.values_list("pk", flat=True))
    assert AuditLogEntry.objects.filter(actor=actors.office, object_id=str(copy.pk)).exists()
    with pytest.raises(ValidationError) as raised:
        services.catalogue_version_copy(catalogue=version.catalogue, actor=None, valid_from=date(2025, 1, 1))
    assert "valid_from" in raised.value.message_dict
    assert version.catalogue.versions.count() == 2


def test_a_draft_version_changes_in_one_go(version: Any, actors: Any) -> None:
    area = version.areas.get(name_de="Sicherheit")
    criterion = area.criteria.get()
    changes = _unchanged(version)
    changes.update(
        valid_from=date(2020, 2, 1),
        green_from=Decimal("80"),
        yellow_from=Decimal("60"),
        areas={area.pk: services.AreaChange(name_de="Schutz", name_en="Protection", position=0)},
        criteria={
            criterion.pk: services.CriterionChange(
                name_de="Brandschutz und Fluchtwege",
                name_en="Fire safety and escape routes",
                guidance="Fluchtpläne aushängen.",
                max_score=5,
                weight=3,
                critical_scores=(0, 1),
                position=1,
            )
        },
    )
    services.catalogue_version_update(version=version, actor=actors.office, **changes)
    version.refresh_from_db()
    criterion.refresh_from_db()
    assert (version.green_from, version.yellow_from, version.valid_from) == (
        Decimal("80"),
        Decimal("60"),
        date(2020, 2, 1),
    )
    assert [area.name_de for area in version.areas.all()] == ["Schutz", "Wohnen"]  # the new order
    assert (criterion.max_score, criterion.weight, criterion.critical_scores) == (5, 3, [0, 1])
    logged = AuditLogEntry.objects.filter(actor=actors.office, action=AuditLogEntry.Action.UPDATE)
    assert {entry.object_id for entry in logged} == {str(version.pk), str(area.pk), str(criterion.pk)}


def test_one_bad_value_leaves_the_whole_version_as_it_was(version: Any) -> None:
    criterion = version.areas.get(name_de="Sicherheit").criteria.get()
    changes = _unchanged(version)
    changes.update(
        green_from=Decimal("90"),
        criteria={
            criterion.pk: services.CriterionChange(
                name_de="Brandschutz",
                name_en="Fire safety",
                guidance="",
                max_score=2,
                weight=1,
                critical_scores=(3,),  # beyond the new scale
                position=1,
            )
        },
    )
    with pytest.raises(ValidationError, match="Fire safety"):
        services.catalogue_version_update(version=version, actor=None, **changes)
    version.refresh_from_db()
    criterion.refresh_from_db()
    assert version.green_from == Decimal("75") and criterion.max_score == 4


def test_thresholds_and_validity_are_checked(version: Any) -> None:
    newer = services.catalogue_version_copy(
        catalogue=version.catalogue, actor=None, valid_from=date(2025, 1, 1)
    )
    latest = services.catalogue_version_copy(
        catalogue=version.catalogue, actor=None, valid_from=date(2026, 1, 1)
    )
    for valid_from in (date(2020, 1, 1), date(2026, 1, 1)):
        with pytest.raises(ValidationError) as raised:
            services.catalogue_version_update(
                version=newer, actor=None, **{**_unchanged(newer), "valid_from": valid_from}
            )
        assert "valid_from" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.catalogue_version_update(
            version=latest, actor=None, **{**_unchanged(latest), "yellow_from": Decimal("80")}
        )
    assert "yellow_from" in raised.value.message_dict
    other = version.areas.first()
    with pytest.raises(ValidationError, match="does not belong"):
        services.catalogue_version_update(
            version=latest,
            actor=None,
            **{**_unchanged(latest), "areas": {other.pk: services.AreaChange("X", "", 1)}},
        )
    other.refresh_from_db()
    assert other.name_de == "Wohnen"


def test_a_used_version_cannot_be_edited(site: Site, version: Any) -> None:
    completed_inspection(site=site, version=version, values=[3, 3, 2])
    with pytest.raises(ValidationError, match="used in an inspection"):
        services.catalogue_version_update(
            version=version, actor=None, **{**_unchanged(version), "green_from": Decimal("90")}
        )
    version.refresh_from_db()
    assert version.green_from == Decimal("75")


def test_areas_and_criteria_are_added_to_and_removed_from_a_draft(version: Any, actors: Any) -> None:
    area = services.area_add(version=version, actor=actors.office, name_de="Kinder", name_en="Children")
    assert [item.name_de for item in version.areas.all()] == ["Wohnen", "Sicherheit", "Kinder"]
    playground = services.criterion_add(
        area=area,
        actor=actors.office,
        item=services.CriterionInput("Spielplatz", "Playground", max_score=2, critical_scores=(0,)),
    )
    assert (playground.position, playground.critical_scores) == (1, [0])
    with pytest.raises(ValidationError):
        services.criterion_add(area=area, actor=None, item=services.CriterionInput("", max_score=0))
    assert area.criteria.count() == 1
    safety = version.areas.get(name_de="Sicherheit")
    rooms = Criterion.objects.get(area__version=version, name_de="Zimmer")
    services.catalogue_version_update(
        version=version,
        actor=actors.office,
        **{**_unchanged(version), "removed_areas": [safety.pk], "removed_criteria": [rooms.pk]},
    )
    assert [item.name_de for item in version.areas.all()] == ["Wohnen", "Kinder"]
    assert list(Criterion.objects.filter(area__version=version).values_list("name_de", flat=True)) == [
        "Sanitär",
        "Spielplatz",
    ]
    deleted = AuditLogEntry.objects.filter(action=AuditLogEntry.Action.DELETE, actor=actors.office)
    assert {entry.object_id for entry in deleted} == {str(safety.pk), str(rooms.pk)}


def test_nothing_is_added_to_or_removed_from_a_used_version(site: Site, version: Any) -> None:
    completed_inspection(site=site, version=version, values=[3, 3, 2])
    area = version.areas.first()
    with pytest.raises(ValidationError, match="used in an inspection"):
        services.area_add(version=version, actor=None, name_de="Kinder")
    with pytest.raises(ValidationError, match="used in an inspection"):
        services.criterion_add(area=area, actor=None, item=services.CriterionInput("Spielplatz"))
    with pytest.raises(ValidationError, match="used in an inspection"):
        services.catalogue_version_update(
            version=version, actor=None, **{**_unchanged(version), "removed_areas": [area.pk]}
        )
    assert version.areas.count() == 2
    assert Criterion.objects.filter(area__version=version).count() == 3
