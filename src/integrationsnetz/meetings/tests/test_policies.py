# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr"
"""The rules of policies.py with the shared actors: organisers by region, members, outsiders."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from integrationsnetz.core import policy
from integrationsnetz.meetings.models import Meeting, MeetingSeries, Registration, WorkingGroup
from integrationsnetz.meetings.tests.factories import (
    MeetingFactory,
    MeetingSeriesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_meetings_are_organised_by_their_region_and_the_office(actors: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    assert policy.can(actors.office, "edit", meeting)
    assert policy.can(actors.owner, "edit", meeting)
    assert not policy.can(actors.outsider, "edit", meeting)
    assert not policy.can(actors.editor, "edit", meeting)
    assert not policy.can(AnonymousUser(), "edit", meeting)
    state_meeting = MeetingFactory(series__region=actors.state)
    assert not policy.can(actors.owner, "edit", state_meeting)


def test_private_meetings_are_seen_by_invited_and_registered_people(actors: Any) -> None:
    meeting = MeetingFactory(series__region=actors.nordsachsen, is_public=False)
    assert not policy.can(actors.editor, "view", meeting)
    RegistrationFactory(meeting=meeting, user=actors.editor, status=Registration.Status.WAITING)
    assert policy.can(actors.editor, "view", meeting)
    assert not policy.can(AnonymousUser(), "view", meeting)


def test_topics_are_proposed_by_members_before_the_meeting(actors: Any) -> None:
    meeting = MeetingFactory()
    assert policy.can(actors.editor, "propose_topic", meeting)
    assert not policy.can(AnonymousUser(), "propose_topic", meeting)
    held = MeetingFactory(status=Meeting.Status.HELD)
    assert not policy.can(actors.editor, "propose_topic", held)


def test_working_groups_are_visible_but_their_inside_is_for_members(actors: Any) -> None:
    group = WorkingGroupFactory(region=actors.mittelsachsen)
    group.members.add(actors.editor)
    assert policy.can(AnonymousUser(), "view", group)
    assert policy.can(actors.editor, "enter", group)
    assert policy.can(actors.outsider, "enter", group)  # coordinator of Mittelsachsen organises it
    assert not policy.can(actors.owner, "enter", group)
    assert not policy.can(AnonymousUser(), "enter", group)
    assert policy.can(actors.outsider, "edit", group) and not policy.can(actors.editor, "edit", group)


def test_series_are_created_and_edited_by_the_office_and_their_regions_coordinators(actors: Any) -> None:
    series = MeetingSeriesFactory(region=actors.eilenburg)
    assert policy.can(actors.office, "create", MeetingSeries)
    assert policy.can(actors.owner, "create", MeetingSeries)
    assert not policy.can(actors.editor, "create", MeetingSeries)
    assert not policy.can(AnonymousUser(), "create", MeetingSeries)
    assert policy.can(actors.office, "edit", series) and policy.can(actors.owner, "edit", series)
    assert not policy.can(actors.outsider, "edit", series)
    assert not policy.can(actors.editor, "edit", series)
    # A series of the state is the office's, not a district coordinator's.
    assert not policy.can(actors.owner, "edit", MeetingSeries(region=actors.state))


def test_working_groups_are_created_by_coordinators_and_changed_by_their_region_and_lead(actors: Any) -> None:
    group = WorkingGroupFactory(region=actors.nordsachsen, lead=actors.editor)
    assert policy.can(actors.owner, "create", WorkingGroup)
    assert not policy.can(actors.editor, "create", WorkingGroup)
    assert policy.can(actors.owner, "edit", group) and policy.can(actors.editor, "edit", group)
    assert not policy.can(actors.outsider, "edit", group)
    assert not policy.can(AnonymousUser(), "edit", group)
