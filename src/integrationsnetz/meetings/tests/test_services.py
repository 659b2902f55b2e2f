# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr, return-value, assignment, list-item"
"""Services of the meetings app: invitations over real SMTP with .ics, capacity, waiting list, topics."""

from __future__ import annotations

import datetime
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry, Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.meetings import services, tasks
from integrationsnetz.meetings.models import Invitation, Meeting, ProgrammeItem, Registration, TopicProposal
from integrationsnetz.meetings.tests.factories import (
    MeetingFactory,
    MeetingSeriesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
    WorkshopFactory,
    in_days,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def calendar_of(message: EmailMessage) -> icalendar.Calendar:
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))


def only_event(calendar: icalendar.Calendar) -> Any:
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


@pytest.fixture
def series(actors: Any) -> Any:
    """A Nordsachsen series inviting the actors of the district and one named person."""
    guest = UserFactory(email="guest@example.org", full_name="Gast Person", preferred_language="en")
    series = MeetingSeriesFactory(region=actors.nordsachsen, invite_region=actors.nordsachsen)
    series.invited_people.add(guest)
    return series


def test_invitations_arrive_over_smtp_with_ics_in_the_recipients_language(
    series: Any, actors: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = MeetingFactory(series=series, status=Meeting.Status.SAVE_THE_DATE)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.invitations_send(meeting=meeting, actor=actors.owner)

    # The editor of the organisation in Eilenburg (seated in Nordsachsen) and the named guest.
    assert run.created == 2
    messages = {message["To"]: message for message in smtp_server.messages}
    assert set(messages) == {"editor@example.org", "guest@example.org"}
    assert messages["editor@example.org"]["Content-Language"] == "de"
    assert messages["editor@example.org"]["Subject"].startswith("Einladung")
    assert messages["guest@example.org"]["Subject"].startswith("Invitation")
    for message in messages.values():
        types = {part.get_content_type() for part in message.walk()}
        assert {"text/plain", "text/html", "text/calendar"} <= types
        event = only_event(calendar_of(message))
        assert str(event["UID"]) == meeting.ical_uid
        assert event["SEQUENCE"] == 0
        start = event.decoded("DTSTART")
        assert start == meeting.starts_at
        assert start.tzinfo.key == "Europe/Berlin"
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert start.astimezone(BERLIN).hour == 10
        assert len(calendar_of(message).walk("VTIMEZONE")) == 1
    body = messages["guest@example.org"].get_body(("plain",)).get_content()
    assert "/treffen/einladung/" in body
    assert set(Invitation.objects.values_list("status", flat=True)) == {Invitation.Status.SENT}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REGISTRATION_OPEN


def test_sending_again_never_sends_twice(
    series: Any, actors: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = MeetingFactory(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(meeting=meeting, actor=actors.owner)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.invitations_send(meeting=meeting, actor=actors.owner)
    invitation = Invitation.objects.first()
    assert invitation is not None
    # A retried task (a worker lost after sending) finds the marker and sends nothing.
    assert tasks.send_invitations([invitation.pk], "invitation", 0) == 0
    assert run.created == 0
    assert Invitation.objects.count() == 2
    assert len(smtp_server.messages) == 2


def test_a_failed_delivery_is_marked_and_a_retry_sends_it_once(
    series: Any, actors: Any, smtp_server: Any, settings: Any
) -> None:
    from integrationsnetz.core.models import SentMail
    from integrationsnetz.core.testing.smtp_sink import free_port

    meeting = MeetingFactory(series=series)
    services.invitations_send(meeting=meeting, actor=actors.owner)  # no commit in this test: not sent yet
    ids = sorted(Invitation.objects.values_list("pk", flat=True))
    settings.EMAIL_PORT = free_port()  # nobody listens there
    with pytest.raises(OSError):
        services.invitation_batch_send(invitation_ids=ids, kind="invitation", sequence=0)
    assert set(Invitation.objects.values_list("status", flat=True)) == {Invitation.Status.FAILED}
    assert not SentMail.objects.exists()
    settings.EMAIL_PORT = smtp_server.port
    assert services.invitation_batch_send(invitation_ids=ids, kind="invitation", sequence=0) == 2
    assert services.invitation_batch_send(invitation_ids=ids, kind="invitation", sequence=0) == 0
    assert len(smtp_server.messages) == 2
    assert set(Invitation.objects.values_list("status", flat=True)) == {Invitation.Status.SENT}


def test_save_the_date_is_a_separate_mail_and_keeps_the_status(
    series: Any, actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = MeetingFactory(series=series, status=Meeting.Status.SAVE_THE_DATE)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(
            meeting=meeting, actor=actors.owner, kind=services.InvitationKind.SAVE_THE_DATE
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(meeting=meeting, actor=actors.owner)
    subjects = sorted(message.subject for message in mail.outbox if message.to == ["guest@example.org"])
    assert subjects == [f"Invitation: {meeting.title}", f"Save the date: {meeting.title}"]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REGISTRATION_OPEN


def test_a_new_time_raises_the_sequence_and_sends_an_update_with_the_same_uid(
    actors: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    RegistrationFactory(meeting=meeting, email="a@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=meeting, actor=actors.owner, motto="Neues Motto")
    assert smtp_server.messages == []
    new_start = in_days(31, 9)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_update(
            meeting=meeting, actor=actors.owner, starts_at=new_start, ends_at=in_days(31, 16)
        )
    assert meeting.ics_sequence == 1
    [message] = smtp_server.messages
    assert message["Subject"].startswith("Changed time or venue")
    event = only_event(calendar_of(message))
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == meeting.ical_uid
    assert event.decoded("DTSTART") == new_start
    assert AuditLogEntry.objects.filter(object_type="meetings.meeting", changes__has_key="starts_at").exists()


def test_an_outdated_update_task_sends_nothing(actors: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen, ics_sequence=2)
    RegistrationFactory(meeting=meeting)
    assert services.meeting_update_mail_send(meeting_id=meeting.pk, sequence=1) == 0
    assert mail.outbox == []


def register(meeting: Meeting, number: int, **values: Any) -> Registration:
    values.setdefault("language", "en")
    return services.registration_create(
        meeting=meeting, name=f"Person {number}", email=f"person{number}@example.org", **values
    )


def test_capacity_waiting_list_and_promotion_exactly_once(django_capture_on_commit_callbacks: Any) -> None:
    meeting = MeetingFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third, fourth = (register(meeting, n) for n in range(4))
    assert [r.status for r in (first, second, third, fourth)] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first)
    assert promoted is not None and promoted.pk == third.pk
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(registration=first) is None

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Registration.Status.REGISTERED and third.promoted_at is not None
    assert fourth.status == Registration.Status.WAITING
    promoted_mails = [m for m in mail.outbox if m.subject.startswith("A place has become free")]
    assert [m.to for m in promoted_mails] == [["person2@example.org"]]
    assert any(a[2].startswith("text/calendar") for a in promoted_mails[0].attachments)
    assert "/treffen/anmeldung/" in promoted_mails[0].body  # the personal link to cancel again


def test_cancelling_a_waiting_person_promotes_nobody() -> None:
    meeting = MeetingFactory(capacity=1)
    register(meeting, 1)
    waiting = register(meeting, 2)
    third = register(meeting, 3)
    assert services.registration_cancel(registration=waiting) is None
    third.refresh_from_db()
    assert third.status == Registration.Status.WAITING


def test_approval_by_the_organiser(actors: Any) -> None:
    meeting = MeetingFactory(requires_approval=True, series__region=actors.nordsachsen)
    registration = register(meeting, 1)
    assert registration.status == Registration.Status.PENDING_APPROVAL
    services.registration_approve(registration=registration, actor=actors.owner)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    with pytest.raises(ValidationError):
        services.registration_approve(registration=registration, actor=actors.owner)


def test_workshop_capacity_and_duplicates_and_closed_registration() -> None:
    meeting = MeetingFactory()
    workshop = WorkshopFactory(meeting=meeting, capacity=1)
    register(meeting, 1, workshop=workshop)
    with pytest.raises(ValidationError) as full:
        register(meeting, 2, workshop=workshop)
    assert "workshop" in full.value.message_dict
    with pytest.raises(ValidationError) as duplicate:
        services.registration_create(meeting=meeting, name="Again", email="PERSON1@example.org")
    assert "email" in duplicate.value.message_dict
    other_meeting = MeetingFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        register(other_meeting, 3)
    saved = MeetingFactory(status=Meeting.Status.SAVE_THE_DATE)
    with pytest.raises(ValidationError):
        register(saved, 4)


def test_several_people_of_one_organisation_register_with_one_invitation(actors: Any) -> None:
    meeting = MeetingFactory()
    invitation = Invitation.objects.create(
        meeting=meeting, email="info@example.org", organisation=actors.organisation
    )
    for number in range(3):
        register(meeting, number, invitation=invitation, organisation=actors.organisation)
    assert Registration.objects.filter(invitation=invitation, organisation=actors.organisation).count() == 3
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.ACCEPTED


def test_check_in_counts_attendance(actors: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    registration = register(meeting, 1)
    services.registration_check_in(registration=registration, actor=actors.owner)
    registration.refresh_from_db()
    first_time = registration.checked_in_at
    assert first_time is not None
    services.registration_check_in(registration=registration, actor=actors.owner)
    registration.refresh_from_db()
    assert registration.checked_in_at == first_time
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    with pytest.raises(ValidationError):
        services.registration_check_in(registration=waiting, actor=actors.owner)


def test_topic_proposals_support_and_answers(actors: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    proposal = services.topic_proposal_create(meeting=meeting, actor=actors.editor, title="Wohnsitzauflage")
    assert services.topic_proposal_support(proposal=proposal, actor=actors.outsider) is True
    assert services.topic_proposal_support(proposal=proposal, actor=actors.outsider) is False
    assert proposal.supporters.count() == 2
    with pytest.raises(ValidationError):
        services.topic_proposal_answer(proposal=proposal, actor=actors.owner, status="declined", answer=" ")
    proposal = services.topic_proposal_answer(proposal=proposal, actor=actors.owner, status="accepted")
    assert proposal.status == TopicProposal.Status.ACCEPTED
    item = ProgrammeItem.objects.get(meeting=meeting)
    assert item.title == "Wohnsitzauflage" and proposal.programme_item == item
    # Answering "accepted" again does not put the topic on the programme twice.
    services.topic_proposal_answer(proposal=proposal, actor=actors.owner, status="accepted")
    assert ProgrammeItem.objects.filter(meeting=meeting).count() == 1


def test_results_go_to_participants_once(actors: Any, django_capture_on_commit_callbacks: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen, review="Ergebnisse: mehr Vernetzung.")
    RegistrationFactory(meeting=meeting, email="here@example.org")
    RegistrationFactory(meeting=meeting, email="gone@example.org", status=Registration.Status.CANCELLED)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.results_distribute(
                meeting=meeting, actor=actors.owner, audience=services.Audience.PARTICIPANTS
            )
    assert [m.to for m in mail.outbox] == [["here@example.org"]]
    assert "mehr Vernetzung" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.results_distribute(meeting=MeetingFactory(), actor=actors.owner, audience="participants")


def test_announcements_notify_the_members(actors: Any, django_capture_on_commit_callbacks: Any) -> None:
    group = WorkingGroupFactory(region=actors.mittelsachsen, lead=actors.outsider)
    member = UserFactory(email="member@example.org")
    group.members.add(member, actors.editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_post(
            group=group, actor=actors.editor, title="Nächstes Treffen", body="Am 5. Mai."
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "outsider@example.org"]


def test_reminders_go_to_registered_people_of_the_next_days(django_capture_on_commit_callbacks: Any) -> None:
    soon = MeetingFactory(starts_at=in_days(1), ends_at=in_days(1, 15))
    later = MeetingFactory()
    RegistrationFactory(meeting=soon, email="soon@example.org")
    RegistrationFactory(meeting=soon, email="waiting@example.org", status=Registration.Status.WAITING)
    RegistrationFactory(meeting=later, email="later@example.org")
    assert tasks.send_reminders() == 1
    assert tasks.send_reminders() == 1
    assert [m.to for m in mail.outbox] == [["soon@example.org"]]


def test_personal_data_export_and_erasure(actors: Any) -> None:
    from integrationsnetz.accounts import personal_data

    meeting = MeetingFactory()
    registration = RegistrationFactory(
        meeting=meeting, user=actors.editor, email=actors.editor.email, accessibility_needs="Rollstuhl"
    )
    exported = personal_data.export_all(actors.editor)["meetings"]
    assert exported["registrations"][0]["accessibility_needs"] == "Rollstuhl"
    personal_data.erase_all(actors.editor)
    registration.refresh_from_db()
    assert (
        registration.name == "N. N." and registration.accessibility_needs == "" and registration.user is None
    )
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_series_rules_invite_network_members_and_commissioners(actors: Any) -> None:
    from integrationsnetz.directory.models import NetworkMembership, Organisation
    from integrationsnetz.directory.tests.factories import NetworkFactory, OrganisationFactory
    from integrationsnetz.meetings.selectors import series_recipients

    network = NetworkFactory(region=actors.state)
    NetworkMembership.objects.create(network=network, organisation=actors.other_organisation)
    commissioner = OrganisationFactory(kind=Organisation.Kind.COMMISSIONER, email="kaib@example.org")
    series = MeetingSeriesFactory(region=actors.state, invite_network=network, invite_commissioners=True)
    group = WorkingGroupFactory(region=actors.state)
    member = UserFactory(email="wg@example.org")
    group.members.add(member)
    series.working_group = group
    series.save()
    MembershipFactory(
        user=UserFactory(email="member-of-other@example.org"),
        role=Role.MEMBER,
        organisation=actors.other_organisation,
    )
    emails = {recipient.email for recipient in series_recipients(series=series)}
    assert emails == {
        "outsider@example.org",
        "member-of-other@example.org",
        commissioner.email,
        "wg@example.org",
    }


# ---------------------------------------------------------------------------------------------
# Programme items, series and working groups
# ---------------------------------------------------------------------------------------------


def test_programme_items_are_edited_moved_and_removed(actors: Any) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    meeting = MeetingFactory(series__region=actors.nordsachsen)
    welcome, talk, closing = (
        services.programme_item_add(meeting=meeting, actor=actors.owner, kind=kind, title=title)
        for kind, title in (("welcome", "Begrüßung"), ("input", "Input"), ("closing", "Schluss"))
    )
    speaker = ContactPersonFactory(name="Heike Schmidt", function="Dezernentin")
    updated = services.programme_item_update(
        item=talk,
        actor=actors.owner,
        kind=ProgrammeItem.Kind.INPUT,
        title="Wohnen im Landkreis",
        starts_at=datetime.time(10, 30),
        speakers="Frau Muster, Verein",
        speaker_contacts=[speaker],
    )
    assert (updated.title, updated.starts_at, list(updated.speaker_contacts.all())) == (
        "Wohnen im Landkreis",
        datetime.time(10, 30),
        [speaker],
    )
    entry = AuditLogEntry.objects.filter(object_type="meetings.programmeitem", action="update").get()
    assert entry.changes["speaker_contacts"][1] == [str(speaker)]

    assert services.programme_item_move(item=closing, actor=actors.owner, direction="up")
    assert list(meeting.programme.order_by("position").values_list("title", flat=True)) == [
        "Begrüßung",
        "Schluss",
        "Wohnen im Landkreis",
    ]
    assert not services.programme_item_move(item=welcome, actor=actors.owner, direction="up")
    assert not services.programme_item_move(item=talk, actor=actors.owner, direction="down")
    assert list(meeting.programme.values_list("position", flat=True)) == [1, 2, 3]
    with pytest.raises(ValueError, match="sideways"):
        services.programme_item_move(item=talk, actor=actors.owner, direction="sideways")

    proposal = TopicProposal.objects.create(
        meeting=meeting, title="Wohnen", proposed_by=actors.editor, programme_item=talk
    )
    services.programme_item_remove(item=talk, actor=actors.owner)
    assert list(meeting.programme.values_list("title", flat=True)) == ["Begrüßung", "Schluss"]
    proposal.refresh_from_db()
    assert proposal.programme_item is None
    assert AuditLogEntry.objects.filter(object_type="meetings.programmeitem", action="delete").count() == 1


def test_a_bad_programme_item_changes_nothing(actors: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    item = services.programme_item_add(meeting=meeting, actor=actors.owner, kind="input", title="Input")
    with pytest.raises(ValidationError):
        services.programme_item_update(item=item, actor=actors.owner, kind="party", title="")
    item.refresh_from_db()
    assert (item.kind, item.title) == ("input", "Input")


def test_speakers_from_the_directory_show_their_name_only_with_consent() -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    item = services.programme_item_add(
        meeting=MeetingFactory(),
        actor=None,
        kind="input",
        title="Input",
        speakers="Frau Muster, Verein\n",
        speaker_contacts=[
            ContactPersonFactory(name="Geheim", function="Beratung", organisation__name="Verein A"),
            ContactPersonFactory(
                name="Petra Offen",
                function="",
                organisation__name="Verein B",
                consent_to_publish=True,
                consent_recorded_at=timezone.now(),
            ),
        ],
    )
    assert item.speaker_list == ["Beratung, Verein A", "Petra Offen, Verein B", "Frau Muster, Verein"]


def test_directory_speakers_keep_the_order_given(actors: Any) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    president = ContactPersonFactory(
        function="Präsident des Landtags", organisation__name="Sächsischer Landtag"
    )
    minister = ContactPersonFactory(function="Staatsministerin", organisation__name="Ministerium")
    commissioner = ContactPersonFactory(
        function="Ausländerbeauftragter", organisation__name="Geschäftsstelle"
    )
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    item = services.programme_item_add(
        meeting=meeting,
        actor=actors.owner,
        kind="welcome",
        title="Begrüßung",
        speaker_contacts=[president, minister, president],  # a repeat counts once
    )
    assert item.ordered_speaker_contacts == [president, minister]
    assert item.speaker_list == [
        "Präsident des Landtags, Sächsischer Landtag",
        "Staatsministerin, Ministerium",
    ]
    assert list(item.speaker_links.values_list("position", flat=True)) == [1, 2]

    services.programme_item_update(
        item=item,
        actor=actors.owner,
        kind="welcome",
        title="Begrüßung",
        speaker_contacts=[commissioner, president, minister],
    )
    assert item.ordered_speaker_contacts == [commissioner, president, minister]
    entry = AuditLogEntry.objects.filter(object_type="meetings.programmeitem", action="update").get()
    assert entry.changes["speaker_contacts"] == [
        [str(president), str(minister)],
        [str(commissioner), str(president), str(minister)],
    ]

    # Only the order changes: that is a change worth logging, too.
    services.programme_item_update(
        item=item,
        actor=actors.owner,
        kind="welcome",
        title="Begrüßung",
        speaker_contacts=[minister, commissioner, president],
    )
    assert item.ordered_speaker_contacts == [minister, commissioner, president]
    assert AuditLogEntry.objects.filter(object_type="meetings.programmeitem", action="update").count() == 2
    # None keeps the speakers and their order.
    services.programme_item_update(item=item, actor=actors.owner, kind="input", title="Grußworte")
    assert item.ordered_speaker_contacts == [minister, commissioner, president]


def test_series_get_unique_slugs_and_changes_are_logged_in_both_regions(actors: Any) -> None:
    guest = UserFactory(email="named@example.org")
    first = services.series_create(
        actor=actors.owner,
        name="Netzwerktreffen Nordsachsen",
        kind="district_network",
        region=actors.nordsachsen,
    )
    second = services.series_create(
        actor=actors.owner,
        name="Netzwerktreffen Nordsachsen",
        kind="district_network",
        region=actors.eilenburg,
    )
    reserved = services.series_create(actor=None, name="Neu", kind="district_network", region=actors.state)
    assert (first.slug, second.slug, reserved.slug) == (
        "netzwerktreffen-nordsachsen",
        "netzwerktreffen-nordsachsen-2",
        "neu-2",
    )
    services.series_update(
        series=second,
        actor=actors.office,
        region=actors.mittelsachsen,
        invite_commissioners=True,
        invited_people=[guest],
    )
    second.refresh_from_db()
    assert second.region == actors.mittelsachsen and second.invite_commissioners
    assert list(second.invited_people.all()) == [guest]
    assert second.slug == "netzwerktreffen-nordsachsen-2"
    entry = AuditLogEntry.objects.get(object_type="meetings.meetingseries", action="update")
    assert {region.key for region in entry.regions.all()} == {"14730110", "14522"}
    assert entry.changes["invited_people"] == [[], [str(guest)]]
    with pytest.raises(TypeError):
        services.series_update(series=second, actor=None, slug="gekapert")


def test_a_bad_series_changes_nothing(actors: Any) -> None:
    series = MeetingSeriesFactory(region=actors.nordsachsen, name="Alt")
    before = AuditLogEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.series_update(series=series, actor=actors.owner, name="", kind="party")
    assert set(error.value.message_dict) == {"name", "kind"}
    series.refresh_from_db()
    assert series.name == "Alt" and AuditLogEntry.objects.count() == before


def test_working_groups_are_created_and_changed(actors: Any) -> None:
    lead = UserFactory(email="lead@example.org")
    group = services.working_group_create(
        actor=actors.owner,
        name="Arbeitskreis Wohnen",
        region=actors.nordsachsen,
        organisations=[actors.organisation],
    )
    assert group.slug == "arbeitskreis-wohnen"
    services.working_group_update(
        group=group,
        actor=actors.owner,
        description="Wohnraum für Geflüchtete",
        lead=lead,
        lead_name="Koordination Nordsachsen",
        organisations=[actors.organisation, actors.other_organisation],
    )
    group.refresh_from_db()
    assert group.lead == lead and group.description == "Wohnraum für Geflüchtete"
    assert set(group.organisations.all()) == {actors.organisation, actors.other_organisation}
    entry = AuditLogEntry.objects.get(object_type="meetings.workinggroup", action="update")
    assert set(entry.changes) == {"description", "lead", "lead_name", "organisations"}
    with pytest.raises(ValidationError):
        services.working_group_update(group=group, actor=actors.owner, name="")
    group.refresh_from_db()
    assert group.name == "Arbeitskreis Wohnen"
