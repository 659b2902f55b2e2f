# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr"
"""Selectors: what other apps call (meeting_list_upcoming) and fixed query counts of every list."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.meetings import selectors
from integrationsnetz.meetings.models import Registration
from integrationsnetz.meetings.tests.factories import (
    MeetingFactory,
    MeetingSeriesFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def test_meeting_list_upcoming_orders_public_meetings_and_filters_by_region(
    actors: Any, django_assert_num_queries: Any
) -> None:
    state_series = MeetingSeriesFactory(region=actors.state)
    district = MeetingSeriesFactory(region=actors.nordsachsen)
    other = MeetingSeriesFactory(region=actors.mittelsachsen)
    later = MeetingFactory(series=state_series, starts_at=in_days(20), ends_at=in_days(20, 15))
    sooner = MeetingFactory(series=district, starts_at=in_days(5), ends_at=in_days(5, 15))
    running_today = MeetingFactory(series=district, starts_at=in_days(0, 8), ends_at=in_days(0, 18))
    elsewhere = MeetingFactory(series=other, starts_at=in_days(3), ends_at=in_days(3, 15))
    MeetingFactory(series=district, starts_at=in_days(-3), ends_at=in_days(-3, 15))
    MeetingFactory(series=district, is_public=False, starts_at=in_days(4), ends_at=in_days(4, 15))
    ended_this_morning = MeetingFactory(series=district, starts_at=in_days(0, 7), ends_at=in_days(0, 11))
    now = in_days(0, 12)  # noon: the meeting from 8 to 18 o'clock is running, the one until 11 is over

    with django_assert_num_queries(1):
        meetings = selectors.meeting_list_upcoming(since=now)
        titles = [meeting.series.name for meeting in meetings]
    assert meetings == [running_today, elsewhere, sooner, later]
    assert ended_this_morning not in meetings
    assert len(titles) == 4
    assert selectors.meeting_list_upcoming(since=now, limit=2) == [running_today, elsewhere]
    assert selectors.meeting_list_upcoming(since=now, region=actors.eilenburg) == [
        running_today,
        sooner,
        later,
    ]
    assert selectors.meeting_list_upcoming(since=now + datetime.timedelta(days=30)) == []
    for meeting in meetings:
        assert meeting.title and meeting.motto is not None and meeting.venue_name is not None
        assert meeting.get_absolute_url() == f"/treffen/{meeting.pk}/"


def test_meeting_list_upcoming_keeps_one_series_alone_and_with_a_region(
    actors: Any, django_assert_num_queries: Any
) -> None:
    state_network = MeetingSeriesFactory(region=actors.state)
    working_group = MeetingSeriesFactory(region=actors.state)
    district = MeetingSeriesFactory(region=actors.nordsachsen)
    network_later = MeetingFactory(series=state_network, starts_at=in_days(30), ends_at=in_days(30, 15))
    network_sooner = MeetingFactory(series=state_network, starts_at=in_days(6), ends_at=in_days(6, 15))
    MeetingFactory(series=state_network, starts_at=in_days(-6), ends_at=in_days(-6, 15))
    MeetingFactory(series=state_network, is_public=False, starts_at=in_days(2), ends_at=in_days(2, 15))
    MeetingFactory(series=working_group, starts_at=in_days(1), ends_at=in_days(1, 15))
    district_meeting = MeetingFactory(series=district, starts_at=in_days(3), ends_at=in_days(3, 15))
    now = timezone.now()

    with django_assert_num_queries(1):
        meetings = selectors.meeting_list_upcoming(since=now, series=state_network)
        names = [meeting.series.name for meeting in meetings]
    assert meetings == [network_sooner, network_later]
    assert names == [state_network.name] * 2
    assert selectors.meeting_list_upcoming(since=now, series=state_network, limit=1) == [network_sooner]
    # The state's series from a district's point of view: still listed, it concerns the district.
    assert selectors.meeting_list_upcoming(since=now, series=state_network, region=actors.eilenburg) == [
        network_sooner,
        network_later,
    ]
    assert selectors.meeting_list_upcoming(since=now, series=district, region=actors.nordsachsen) == [
        district_meeting
    ]
    # A district's series is not among the meetings of another district.
    assert selectors.meeting_list_upcoming(since=now, series=district, region=actors.mittelsachsen) == []


@pytest.mark.parametrize("size", [3, 30])
def test_lists_have_fixed_query_counts(size: int, django_assert_num_queries: Any) -> None:
    region = RegionFactory()
    series = MeetingSeriesFactory(region=region)
    meeting = MeetingFactory(series=series, starts_at=in_days(-10), ends_at=in_days(-10, 15))
    for _ in range(size):
        MeetingFactory(series=series, starts_at=in_days(-5), ends_at=in_days(-5, 15))
        ProgrammeItemFactory(meeting=meeting, speakers="A, B")
        RegistrationFactory(meeting=meeting)
    now = timezone.now()
    with django_assert_num_queries(1):
        [m.series.name for m in selectors.meeting_archive(now=now)]
    with django_assert_num_queries(1):
        [m.series.name for m in selectors.series_meetings(series=series)]
    with django_assert_num_queries(4):
        detail = selectors.meeting_detail(pk=meeting.pk)
        [(item.title, item.speaker_list) for item in detail.programme.all()]
        list(detail.workshops.all())
    with django_assert_num_queries(1):
        [(r.organisation_name, r.workshop) for r in selectors.registration_list(meeting=meeting)]
    with django_assert_num_queries(1):
        selectors.meeting_attendance(meeting=meeting)
    with django_assert_num_queries(1):
        [s.region.name for s in selectors.series_list()]


def test_attendance_figures() -> None:
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, checked_in_at=timezone.now())
    RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    figures = selectors.meeting_attendance(meeting=meeting)
    assert (figures.registered, figures.waiting, figures.cancelled, figures.checked_in) == (2, 1, 1, 1)


def test_personal_meetings(actors: Any) -> None:
    mine = MeetingFactory()
    RegistrationFactory(meeting=mine, user=actors.editor)
    cancelled = MeetingFactory()
    RegistrationFactory(meeting=cancelled, user=actors.editor, status=Registration.Status.CANCELLED)
    assert selectors.personal_meetings(user=actors.editor) == [mine]


def test_speaker_choices_search_names_only_where_the_user_may_read_them(
    actors: Any, django_assert_num_queries: Any
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    own = ContactPersonFactory(
        name="Marc Liebmann", function="Migrationsdienst", organisation=actors.organisation
    )
    foreign = ContactPersonFactory(
        name="Marc Fremd", function="Beratung", organisation=actors.other_organisation
    )
    published = ContactPersonFactory(
        name="Marc Offen",
        function="Leitung",
        organisation=actors.other_organisation,
        consent_to_publish=True,
        consent_recorded_at=timezone.now(),
    )
    assert selectors.scopes_of(actors.owner).coordinated_paths  # loaded once, as on a page
    with django_assert_num_queries(2):
        found = list(selectors.speaker_choices(user=actors.owner, search="marc", chosen_ids=[]))
    assert set(found) == {own, published}
    assert set(selectors.speaker_choices(user=actors.office, search="marc", chosen_ids=[])) == {
        own,
        foreign,
        published,
    }
    # Function and organisation are public, and what is chosen always stays on the list.
    assert set(selectors.speaker_choices(user=actors.owner, search="Beratung", chosen_ids=[own.pk])) == {
        foreign,
        own,
    }
    assert list(selectors.speaker_choices(user=actors.owner, search="", chosen_ids=[])) == []
    for number in range(30):
        ContactPersonFactory(name=f"Person {number}", function="Sprachmittlung")
    assert selectors.speaker_choices(user=actors.owner, search="Sprachmittlung", chosen_ids=[]).count() == 25
    assert selectors.contact_name_visible(user=actors.owner, contact=own)
    assert not selectors.contact_name_visible(user=actors.owner, contact=foreign)


def test_organisers_see_the_series_and_regions_of_their_regions(actors: Any) -> None:
    own = MeetingSeriesFactory(region=actors.eilenburg, name="A Eilenburg")
    state = MeetingSeriesFactory(region=actors.state, name="B Land")
    MeetingSeriesFactory(region=actors.mittelsachsen, name="C Mittelsachsen")
    assert selectors.series_list_for_organiser(user=actors.owner) == [own]
    assert [series.name for series in selectors.series_list_for_organiser(user=actors.office)] == [
        "A Eilenburg",
        "B Land",
        "C Mittelsachsen",
    ]
    assert selectors.series_list_for_organiser(user=actors.editor) == []
    assert list(selectors.regions_organised_by(user=actors.owner)) == [actors.nordsachsen, actors.eilenburg]
    assert set(selectors.regions_organised_by(user=actors.owner, current=actors.state)) == {
        actors.state,
        actors.nordsachsen,
        actors.eilenburg,
    }
    assert list(selectors.regions_organised_by(user=actors.editor)) == []
    assert state not in selectors.series_list_for_organiser(user=actors.outsider)
