"""The e-mails of volunteering, each sent at most once (core.mail) and in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.core.mail import mail_send_once
from integrationsnetz.volunteering.models import Match, MatchMessage


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
