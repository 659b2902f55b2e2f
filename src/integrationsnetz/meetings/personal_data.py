"""The meetings app's part of a person's data export and account deletion.

Registrations and invitations hold a name, an e-mail address and possibly accessibility needs
(health data under GDPR art. 9); they are exported, and on deletion the person's rows are
anonymised so that attendance figures stay right while nothing points to the person any more.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from integrationsnetz.accounts import personal_data
from integrationsnetz.meetings.models import Announcement, Invitation, Registration, TopicProposal

ERASED_NAME = "N. N."


def _registrations_of(user: Any) -> Any:
    return Registration.objects.filter(Q(user_id=user.pk) | Q(email__iexact=user.email))


def _invitations_of(user: Any) -> Any:
    return Invitation.objects.filter(Q(user_id=user.pk) | Q(email__iexact=user.email))


def export_meetings(user: Any) -> dict[str, Any]:
    return {
        "registrations": [
            {
                "meeting": registration.meeting.title,
                "starts_at": registration.meeting.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation_name,
                "workshop": registration.workshop.title if registration.workshop else None,
                "accessibility_needs": registration.accessibility_needs,
                "status": registration.status,
                "checked_in_at": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
            }
            for registration in _registrations_of(user).select_related("meeting", "workshop").order_by("pk")
        ],
        "invitations": [
            {"meeting": invitation.meeting.title, "email": invitation.email, "answer": invitation.response}
            for invitation in _invitations_of(user).select_related("meeting").order_by("pk")
        ],
        "topic_proposals": list(
            TopicProposal.objects.filter(proposed_by_id=user.pk).values_list("title", flat=True)
        ),
        "announcements": list(Announcement.objects.filter(author_id=user.pk).values_list("title", flat=True)),
        "working_groups": list(user.working_groups.values_list("name", flat=True)),
    }


@transaction.atomic
def erase_meetings(user: Any) -> None:
    for registration in _registrations_of(user).select_for_update():
        registration.name = ERASED_NAME
        registration.email = f"erased-{registration.pk}@invalid"
        registration.accessibility_needs = ""
        registration.user = None
        registration.save(update_fields=["name", "email", "accessibility_needs", "user"])
    _invitations_of(user).delete()
    user.working_groups.clear()


def register_source() -> None:
    personal_data.register("meetings", exporter=export_meetings, eraser=erase_meetings)
