"""Who may see and change which meetings, working groups and documents.

- everyone sees public meetings, the archive and that a working group exists;
- the coordinating office organises everything; a regional coordinator organises the series (and
  their meetings) of the regions they coordinate; a working group's lead manages the group;
- members of the network (anyone holding a role) propose and support topics and read documents
  marked for members; participants read documents marked for participants;
- a working group's documents and board are for its members, its lead and its organisers only.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.meetings.models import (
    Announcement,
    Meeting,
    MeetingDocument,
    MeetingSeries,
    Registration,
    TopicProposal,
    WorkingGroup,
)


def may_organise_series(user: Any, series: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(series, MeetingSeries):
        return bool(scopes.coordinated_paths)
    return scopes.coordinates(series.region.path)


def may_edit_meeting(user: Any, meeting: Any) -> bool:
    if not isinstance(meeting, Meeting):
        return may_organise_series(user, None)
    return may_organise_series(user, meeting.series)


def may_view_meeting(user: Any, meeting: Any) -> bool:
    if not isinstance(meeting, Meeting) or meeting.is_public:
        return True
    if may_edit_meeting(user, meeting):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        meeting.invitations.filter(user_id=user.pk).exists()
        or meeting.registrations.filter(user_id=user.pk).exists()
    )


def is_network_member(user: Any) -> bool:
    """Anyone with a role in the network (office, coordinator, editor, member)."""
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.roles)


def may_propose_topic(user: Any, meeting: Any) -> bool:
    if not is_network_member(user):
        return False
    if not isinstance(meeting, Meeting):
        return True
    return may_view_meeting(user, meeting) and meeting.status not in (
        Meeting.Status.HELD,
        Meeting.Status.DOCUMENTED,
    )


def may_manage_working_group(user: Any, group: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(group, WorkingGroup):
        return bool(scopes.coordinated_paths)
    if getattr(user, "is_authenticated", False) and group.lead_id == user.pk:
        return True
    return scopes.coordinates(group.region.path)


def may_enter_working_group(user: Any, group: Any) -> bool:
    """Members see the group's documents and board; so do its lead and organisers."""
    if not isinstance(group, WorkingGroup) or not getattr(user, "is_authenticated", False):
        return False
    if may_manage_working_group(user, group):
        return True
    return group.members.filter(pk=user.pk).exists()


def may_view_document(user: Any, document: Any) -> bool:
    if not isinstance(document, MeetingDocument):
        return True
    if document.working_group_id is not None:
        return document.visibility == MeetingDocument.Visibility.PUBLIC or may_enter_working_group(
            user, document.working_group
        )
    meeting = document.meeting
    if meeting is None or not may_view_meeting(user, meeting):
        return False
    if document.visibility == MeetingDocument.Visibility.PUBLIC or may_edit_meeting(user, meeting):
        return True
    if document.visibility == MeetingDocument.Visibility.MEMBERS:
        return is_network_member(user)
    return (
        getattr(user, "is_authenticated", False)
        and meeting.registrations.filter(user_id=user.pk, status=Registration.Status.REGISTERED).exists()
    )


def may_edit_document(user: Any, document: Any) -> bool:
    if not isinstance(document, MeetingDocument):
        return may_organise_series(user, None)
    if document.working_group_id is not None:
        return may_manage_working_group(user, document.working_group)
    return may_edit_meeting(user, document.meeting)


policy.rule("view", Meeting)(may_view_meeting)
policy.rule("view", MeetingSeries)(lambda user, series: True)
policy.rule("view", WorkingGroup)(lambda user, group: True)
policy.rule("enter", WorkingGroup)(may_enter_working_group)
policy.rule("post", WorkingGroup)(may_enter_working_group)
policy.rule("propose_topic", Meeting)(may_propose_topic)
policy.rule("view", MeetingDocument)(may_view_document)
policy.rule("view", TopicProposal)(lambda user, proposal: is_network_member(user))
policy.rule("view", Announcement)(
    lambda user, item: may_enter_working_group(user, getattr(item, "working_group", None))
)
policy.rule("view", Registration)(lambda user, item: may_edit_meeting(user, getattr(item, "meeting", None)))
for _action in ("create", "edit", "delete"):
    policy.rule(_action, MeetingSeries)(may_organise_series)
    policy.rule(_action, Meeting)(may_edit_meeting)
    policy.rule(_action, WorkingGroup)(may_manage_working_group)
    policy.rule(_action, MeetingDocument)(may_edit_document)
    policy.rule(_action, TopicProposal)(
        lambda user, item: may_edit_meeting(user, getattr(item, "meeting", None))
    )
    policy.rule(_action, Registration)(
        lambda user, item: may_edit_meeting(user, getattr(item, "meeting", None))
    )
    policy.rule(_action, Announcement)(
        lambda user, item: may_manage_working_group(user, getattr(item, "working_group", None))
    )
