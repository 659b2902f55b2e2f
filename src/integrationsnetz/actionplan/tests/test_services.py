"""Writes: progress updates, comments, links, adoptions (audit-logged), and the reminder mails."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry, Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.actionplan import services, tasks
from integrationsnetz.actionplan.models import ActionPlan, Adoption, StepLink, StepStatus
from integrationsnetz.actionplan.tests.factories import ApproachFactory, StepFactory
from integrationsnetz.monitoring.models import Indicator

D = datetime.date


def test_update_progress_logs_the_change_with_the_responsible_region(plan_data):
    actors = plan_data.actors
    services.step_update_progress(actor=actors.editor, step=plan_data.own, status="done", note="Fertig")
    plan_data.own.refresh_from_db()
    assert plan_data.own.status == StepStatus.DONE
    entry = AuditLogEntry.objects.filter(object_type="actionplan.implementationstep").get()
    assert entry.changes == {"status": ["planned", "done"]}
    assert actors.eilenburg in entry.regions.all()
    assert plan_data.own.notes.get().author == actors.editor


def test_update_progress_refuses_an_unknown_status(plan_data):
    with pytest.raises(ValidationError):
        services.step_update_progress(actor=plan_data.actors.editor, step=plan_data.own, status="finished")


def test_the_same_status_without_note_changes_nothing(plan_data):
    services.step_update_progress(actor=plan_data.actors.editor, step=plan_data.own, status="planned")
    assert not AuditLogEntry.objects.exists()


def test_linking_twice_keeps_one_link(plan_data):
    indicator = Indicator.objects.create(slug="z", name_de="Z", owner_region=plan_data.actors.state)
    first = services.step_link_add(actor=plan_data.actors.office, step=plan_data.own, target=indicator)
    second = services.step_link_add(actor=plan_data.actors.office, step=plan_data.own, target=indicator)
    assert first == second and StepLink.objects.count() == 1


def test_a_step_cannot_link_to_other_kinds_of_objects(plan_data):
    with pytest.raises(LookupError):
        services.link_target_model("directory.organisation")
    with pytest.raises(ValidationError):
        services.step_link_add(actor=None, step=plan_data.own, target=plan_data.actors.organisation)


def test_adoption_record_keeps_one_entry_per_region(plan_data):
    approach = ApproachFactory.create(region=plan_data.actors.state)
    services.adoption_record(
        actor=plan_data.actors.owner, approach=approach, region=plan_data.actors.nordsachsen
    )
    services.adoption_record(
        actor=plan_data.actors.owner, approach=approach, region=plan_data.actors.nordsachsen, experience="Gut"
    )
    assert Adoption.objects.get().experience == "Gut"


def test_approach_contact_person_must_belong_to_the_contact_organisation(plan_data):
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    person = ContactPersonFactory(organisation=plan_data.actors.other_organisation)
    with pytest.raises(ValidationError) as error:
        services.approach_save(
            actor=None,
            slug="a",
            title="A",
            problem="p",
            what_was_done="w",
            region=plan_data.actors.state,
            contact_organisation=plan_data.actors.organisation,
            contact_person=person,
        )
    assert "contact_person" in error.value.message_dict


# --- Reminders ------------------------------------------------------------------------------------------


@pytest.fixture
def reminder_setup(plan_data):
    actors = plan_data.actors
    actors.organisation.email = "verein@example.org"
    actors.organisation.save()
    actors.editor.preferred_language = "en"
    actors.editor.save()
    return plan_data


def _sweep_at(moment):
    with mock.patch.object(timezone, "now", return_value=moment):
        return tasks.send_step_reminders.delay().get()


def test_reminders_before_and_after_the_due_date_go_out_once(reminder_setup, smtp_server, settings):
    settings.LANGUAGE_CODE = "de"
    # The own step is due 28 March 2026. Eight days before: nothing.
    assert _sweep_at(datetime.datetime(2026, 3, 20, 8, 0, tzinfo=datetime.UTC)) == 0
    # Seven days before (Berlin day 21 March): a reminder to the organisation and to its editor.
    assert _sweep_at(datetime.datetime(2026, 3, 21, 8, 0, tzinfo=datetime.UTC)) == 1
    recipients = sorted(address for message in smtp_server.messages for address in message["To"].split(","))
    assert recipients == ["editor@example.org", "verein@example.org"]
    by_address = {message["To"]: message for message in smtp_server.messages}
    assert by_address["editor@example.org"]["Subject"] == "Due soon: Kurse planen"
    assert by_address["verein@example.org"]["Subject"] == "Bald fällig: Kurse planen"
    # The next days' sweeps find the step again but send nothing more.
    _sweep_at(datetime.datetime(2026, 3, 25, 8, 0, tzinfo=datetime.UTC))
    assert len(smtp_server.messages) == 2
    # 28 March 23:30 UTC is already 29 March in Berlin: overdue, one mail each.
    _sweep_at(datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC))
    overdue = [
        message
        for message in smtp_server.messages
        if "Overdue" in message["Subject"] or "Überfällig" in message["Subject"]
    ]
    assert len(overdue) == 2
    _sweep_at(datetime.datetime(2026, 3, 30, 8, 0, tzinfo=datetime.UTC))
    assert len(smtp_server.messages) == 4
    assert "/kursbuch/schritte/" in by_address["editor@example.org"].get_body(("plain",)).get_content()


def test_no_reminder_for_done_steps_drafts_or_long_overdue_steps(reminder_setup, smtp_server):
    plan_data = reminder_setup
    plan_data.own.status = StepStatus.DONE
    plan_data.own.save()
    StepFactory.create(
        measure=plan_data.measure,
        due_date=D(2026, 1, 1),
        responsible=[plan_data.actors.organisation],
    )
    assert _sweep_at(datetime.datetime(2026, 3, 27, 8, 0, tzinfo=datetime.UTC)) == 0
    ActionPlan.objects.filter(pk=plan_data.plan.pk).update(status=ActionPlan.Status.DRAFT)
    plan_data.own.status = StepStatus.PLANNED
    plan_data.own.save()
    assert _sweep_at(datetime.datetime(2026, 3, 27, 8, 0, tzinfo=datetime.UTC)) == 0
    assert smtp_server.messages == []


def test_a_step_done_after_the_sweep_is_not_reminded(reminder_setup, smtp_server):
    today = D(2026, 3, 27)
    due = services.steps_due_for_reminder(today=today)
    assert (reminder_setup.own.pk, "before") in due
    services.step_update_progress(actor=None, step=reminder_setup.own, status="done")
    assert services.step_reminder_send(step_id=reminder_setup.own.pk, kind="before", today=today) == 0
    assert smtp_server.messages == []


def test_a_moved_due_date_gets_its_own_reminder(reminder_setup, smtp_server):
    step = reminder_setup.own
    assert services.step_reminder_send(step_id=step.pk, kind="before", today=D(2026, 3, 27)) == 2
    step.due_date = D(2026, 4, 2)
    step.save()
    assert services.step_reminder_send(step_id=step.pk, kind="before", today=D(2026, 3, 27)) == 2
    assert services.step_reminder_send(step_id=step.pk, kind="before", today=D(2026, 3, 28)) == 0


def test_inactive_editors_get_no_reminder(reminder_setup):
    inactive = UserFactory(email="weg@example.org", is_active=False)
    MembershipFactory(
        user=inactive, role=Role.ORGANISATION_EDITOR, organisation=reminder_setup.actors.organisation
    )
    addresses = [address for address, _ in services.step_reminder_recipients(reminder_setup.own)]
    assert addresses == ["editor@example.org", "verein@example.org"]
