"""The e-mails of volunteering, each sent at most once (core.mail) and in the recipient's language."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.core.mail import mail_send_once
from integrationsnetz.volunteering.models import Match, MatchMessage
from integrationsnetz.volunteering.slots import PARTS_OF_DAY, WEEKDAYS, slot_bit

# The material changes of a need (services.MATERIAL_NEED_FIELDS) as the mail names them.
CHANGE_NAMES = {
    "time": _("date and time"),
    "place": _("place"),
    "qualification": _("required certificate of conduct"),
}


def organisation_people(match: Match) -> list[User]:
    """The editors of the organisation behind the match's need."""
    return list(
        User.objects.filter(
            memberships__role=Role.ORGANISATION_EDITOR,
            memberships__organisation_id=match.need.organisation_id,
            is_active=True,
        ).order_by("pk")
    )


def _match(match_id: int) -> Match | None:
    return (
        Match.objects.select_related("need", "need__organisation", "offer", "offer__user")
        .filter(pk=match_id)
        .first()
    )


def match_mail_send(*, match_id: int, event: str) -> int:
    """``proposed`` goes to the volunteer, ``accept`` to the organisation, ``confirm`` to both."""
    match = _match(match_id)
    if match is None:
        return 0
    volunteer = match.offer.user
    recipients: list[User] = []
    if event in ("proposed", "confirm"):
        recipients.append(volunteer)
    if event in ("accept", "confirm"):
        recipients.extend(organisation_people(match))
    url = settings.SITE_URL + reverse("volunteering:match", args=[match.pk])
    return sum(
        mail_send_once(
            key=f"volunteering:match:{match.pk}:{event}:{user.email}",
            recipient=user.email,
            language=user.preferred_language,
            template=f"volunteering/email/match_{event}",
            context={"match": match, "need": match.need, "url": url, "for_volunteer": user == volunteer},
        )
        for user in recipients
    )


def _changes_text(changed: Sequence[str]) -> str | Promise:
    """The changes as "date and time, place", translated when the mail is rendered for its recipient."""
    names = [CHANGE_NAMES[kind] for kind in changed if kind in CHANGE_NAMES]
    return format_lazy(", ".join(["{}"] * len(names)), *names)


def need_change_mail_send(*, edit_id: int, match_ids: Sequence[int], changed: Sequence[str]) -> int:
    """Tell each volunteer of the matches that the need changed (or that their proposal was withdrawn).

    ``edit_id`` is the audit log entry of the edit: each edit mails each volunteer at most once.
    """
    matches = Match.objects.select_related("need", "need__region", "offer", "offer__user").filter(
        pk__in=match_ids
    )
    sent = 0
    for match in matches:
        need, volunteer = match.need, match.offer.user
        sent += mail_send_once(
            key=f"volunteering:need-changed:{edit_id}:{match.pk}:{volunteer.email}",
            recipient=volunteer.email,
            language=volunteer.preferred_language,
            template="volunteering/email/need_changed",
            context={
                "match": match,
                "need": need,
                "withdrawn": match.status == Match.Status.DID_NOT_HAPPEN,
                "changed": _changes_text(changed),
                "slots": [
                    (WEEKDAYS[day], PARTS_OF_DAY[part])
                    for day in range(len(WEEKDAYS))
                    for part in range(len(PARTS_OF_DAY))
                    if need.slots & slot_bit(day, part)
                ],
                "url": settings.SITE_URL + reverse("volunteering:match", args=[match.pk]),
            },
        )
    return sent


def message_mail_send(*, message_id: int) -> int:
    """Tell the other side that a message waits on the platform (the text stays there, not in the mail)."""
    message = MatchMessage.objects.select_related("match").filter(pk=message_id).first()
    if message is None:
        return 0
    match = _match(message.match_id)
    if match is None:
        return 0
    volunteer = match.offer.user
    recipients = organisation_people(match) if message.sender_id == volunteer.pk else [volunteer]
    url = settings.SITE_URL + reverse("volunteering:match", args=[match.pk])
    return sum(
        mail_send_once(
            key=f"volunteering:message:{message.pk}:{user.email}",
            recipient=user.email,
            language=user.preferred_language,
            template="volunteering/email/new_message",
            context={"need": match.need, "url": url},
        )
        for user in recipients
        if user.pk != message.sender_id
    )


def reminder_send(*, match_id: int) -> int:
    match = _match(match_id)
    if match is None or match.meets_at is None:
        return 0
    url = settings.SITE_URL + reverse("volunteering:match", args=[match.pk])
    ics_url = settings.SITE_URL + reverse("volunteering:match_ics", args=[match.pk])
    return sum(
        mail_send_once(
            key=f"volunteering:reminder:{match.pk}:{match.meets_at.isoformat()}:{user.email}",
            recipient=user.email,
            language=user.preferred_language,
            template="volunteering/email/reminder",
            context={"match": match, "need": match.need, "url": url, "ics_url": ics_url},
        )
        for user in [match.offer.user, *organisation_people(match)]
    )
