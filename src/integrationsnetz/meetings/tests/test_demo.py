# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr"
"""The demo meetings from seeds 000, 001 and 004, and that loading twice changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.directory.demo import directory_demo_load
from integrationsnetz.directory.models import ContactPerson
from integrationsnetz.meetings import selectors
from integrationsnetz.meetings.demo import DIRECTORY_SPEAKERS, MEETINGS, load_demo
from integrationsnetz.meetings.models import (
    Meeting,
    MeetingSeries,
    ProgrammeItem,
    WorkingGroup,
    speaker_label,
)


@pytest.fixture
def demo(db: Any) -> str:
    core_demo_load()
    directory_demo_load(with_users=False)
    return load_demo()


def test_nims_meeting_of_november_2017_as_stated(demo: str) -> None:
    meeting = Meeting.objects.get(series__slug="nims", starts_at__date=datetime.date(2017, 11, 1))
    assert meeting.motto == "Gradmesser der Integration"
    assert meeting.reported_attendance == 80
    items = list(meeting.programme.order_by("position"))
    assert [item.kind for item in items] == [
        "welcome",
        "input",
        "input",
        "input",
        "input",
        "regional_reports",
        "open_round",
        "closing",
    ]
    # The speaker is a contact person of the directory; without consent the public sees the function.
    assert [contact.name for contact in items[2].ordered_speaker_contacts] == [
        "Corinna Klinger",
        "Tilo Erning",
    ]
    assert "Corinna Klinger, Projektleitung PSZ Leipzig" not in items[2].speaker_lines
    assert "Projektleitung, Psychosoziales Zentrum für Geflüchtete Leipzig" in items[2].speaker_list


def test_speakers_in_the_directory_are_linked_and_the_others_stay_as_given(demo: str) -> None:
    lines = [line for item in ProgrammeItem.objects.all() for line in item.speaker_lines]
    assert not set(lines) & set(DIRECTORY_SPEAKERS)
    assert "Peter Stawowy, Medienberater" in lines
    stated = sum(
        1
        for spec in MEETINGS
        for _kind, _title, speakers in spec["programme"]
        for line in speakers.splitlines()
        if line in DIRECTORY_SPEAKERS
    )
    links = ProgrammeItem.speaker_contacts.through.objects.count()
    assert links == stated
    welcome = ProgrammeItem.objects.get(
        meeting__starts_at__date=datetime.date(2016, 3, 23), kind=ProgrammeItem.Kind.WELCOME
    )
    # In the seed's order (the minister first), not by organisation as a plain link would list them.
    assert [contact.name for contact in welcome.ordered_speaker_contacts] == [
        "Petra Köpping",
        "Geert Mackenroth",
    ]
    assert [contact.organisation.slug for contact in welcome.ordered_speaker_contacts] == [
        "sms-gleichstellung-integration",
        "geschaeftsstelle-saechsischer-auslaenderbeauftragter",
    ]
    shown = selectors.meeting_detail(pk=welcome.meeting_id).programme.all()[0].speaker_list
    assert shown == [speaker_label(contact) for contact in welcome.ordered_speaker_contacts]
    assert shown[0].startswith("Staatsministerin")


def test_a_speaker_missing_from_the_directory_keeps_the_seed_line(db: Any) -> None:
    core_demo_load()
    directory_demo_load(with_users=False)
    ContactPerson.objects.filter(name="Corinna Klinger").delete()
    load_demo()
    item = ProgrammeItem.objects.get(speakers__contains="Corinna Klinger")
    assert item.speaker_lines == ["Corinna Klinger, Projektleitung PSZ Leipzig"]
    assert [contact.name for contact in item.ordered_speaker_contacts] == ["Tilo Erning"]


def test_all_seed_meetings_and_the_working_group(demo: str) -> None:
    assert Meeting.objects.filter(series__slug="nims", is_fictitious=False).count() == 4
    kaib = Meeting.objects.filter(series__slug="kaib")
    assert kaib.count() == 12
    assert kaib.order_by("starts_at").first().starts_at.year == 2011
    assert kaib.get(starts_at__date=datetime.date(2017, 5, 29)).status == Meeting.Status.SAVE_THE_DATE
    march_2016 = Meeting.objects.get(series__slug="nims", starts_at__date=datetime.date(2016, 3, 23))
    assert march_2016.reported_attendance == 130
    group = WorkingGroup.objects.get()
    assert group.region.key == "14522"
    assert MeetingSeries.objects.get(slug="ak-iba-mittelsachsen").working_group == group
    assert Meeting.objects.get(is_fictitious=True).capacity == 80


def test_loading_twice_changes_nothing(demo: str) -> None:
    counts = (Meeting.objects.count(), ProgrammeItem.objects.count(), AuditLogEntry.objects.count())
    assert "created" in demo
    second = load_demo()
    assert second == "meetings: 0 series, 0 meetings, 0 programme items, 0 working group(s) created"
    assert (Meeting.objects.count(), ProgrammeItem.objects.count(), AuditLogEntry.objects.count()) == counts
