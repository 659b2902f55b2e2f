"""Every write of the meetings app: views, the API, admin actions, tasks and the demo call these.

Places are counted under a row lock on the meeting (``select_for_update``): two people registering at
the same moment queue behind each other, so the last place is given once and the next person goes
to the waiting list. E-mails leave after the commit, through tasks that send each one at most once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from smtplib import SMTPException
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.core.mail import Attachment, mail_send_once
from integrationsnetz.directory.models import Organisation
from integrationsnetz.meetings import selectors, tokens
from integrationsnetz.meetings.calendar import meeting_invitation_ics
from integrationsnetz.meetings.models import (
    Announcement,
    Invitation,
    Meeting,
    MeetingDocument,
    MeetingSeries,
    ProgrammeItem,
    ProgrammeItemSpeaker,
    Registration,
    TopicProposal,
    WorkingGroup,
    Workshop,
)

# Changing one of these changes the calendar entry: SEQUENCE rises and everyone gets an update.
CALENDAR_FIELDS = ("starts_at", "ends_at", "venue_name", "venue_address", "format", "online_url")
MEETING_FIELDS = (
    "title",
    "motto",
    "description",
    *CALENDAR_FIELDS,
    "accessibility_notes",
    "capacity",
    "registration_deadline",
    "requires_approval",
    "status",
    "is_public",
    "review",
    "reported_attendance",
)


# Invitations per job: one SMTP session per batch instead of one per mail, small enough that a
# retried batch repeats little (the sent ones are skipped by their markers anyway).
INVITATION_BATCH = 50


class InvitationKind:
    SAVE_THE_DATE = "save_the_date"
    INVITATION = "invitation"
    REMINDER = "reminder"


def _regions(meeting: Meeting) -> list[Any]:
    return [meeting.series.region]


def _ics_attachment(meeting: Meeting) -> Attachment:
    return ("meeting.ics", meeting_invitation_ics(meeting), "text/calendar; charset=utf-8; method=PUBLISH")


# ---------------------------------------------------------------------------------------------
# Series and meetings
# ---------------------------------------------------------------------------------------------


# Slugs that name pages under /treffen/arbeitskreise/ and /treffen/reihe/; no group or series may shadow them.
RESERVED_SLUGS = frozenset({"neu"})
SERIES_FIELDS = (
    "name",
    "kind",
    "region",
    "organiser_name",
    "description",
    "invite_network",
    "invite_commissioners",
    "invite_region",
    "working_group",
)
WORKING_GROUP_FIELDS = ("name", "description", "region", "lead", "lead_name")


def _unique_slug(model: type[MeetingSeries] | type[WorkingGroup], name: str) -> str:
    base = slugify(name)[:100] or model._meta.model_name or "entry"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def series_create(*, actor: User | None, **values: Any) -> MeetingSeries:
    """A new series; without a ``slug`` one is made from the name (unique, never a page name)."""
    invited_people = values.pop("invited_people", None)
    if not values.get("slug"):
        values["slug"] = _unique_slug(MeetingSeries, values.get("name", ""))
    series = MeetingSeries(**values)
    series.full_clean()
    series.save()
    if invited_people is not None:
        series.invited_people.set(invited_people)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=series,
        changes=diff({}, snapshot(series)),
        regions=[series.region],
    )
    return series


@transaction.atomic
def series_update(
    *, series: MeetingSeries, actor: User | None, invited_people: list[User] | None = None, **values: Any
) -> MeetingSeries:
    """Change a series' description, region, organiser and invitation rules; the slug stays."""
    unknown = set(values) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"Unknown series fields: {sorted(unknown)}")
    series = MeetingSeries.objects.select_for_update().select_related("region").get(pk=series.pk)
    before, region_before = snapshot(series), series.region
    for name, value in values.items():
        setattr(series, name, value)
    series.full_clean()
    series.save()
    if invited_people is not None:
        series.invited_people.set(invited_people)
    changes = diff(before, snapshot(series))
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=series,
            changes=changes,
            # A series moved to another region stays in the log of the region it left.
            regions=[region_before, series.region],
        )
    return series


@transaction.atomic
def meeting_create(*, series: MeetingSeries, actor: User | None, **values: Any) -> Meeting:
    meeting = Meeting(series=series, **values)
    meeting.full_clean()
    meeting.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=meeting,
        changes=diff({}, snapshot(meeting)),
        regions=_regions(meeting),
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: User | None, **values: Any) -> Meeting:
    """Change a meeting; a new time or venue raises the calendar SEQUENCE and notifies everyone once."""
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    meeting = Meeting.objects.select_for_update().select_related("series__region").get(pk=meeting.pk)
    before = snapshot(meeting)
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    changes = diff(before, snapshot(meeting))
    calendar_changed = any(name in changes for name in CALENDAR_FIELDS)
    if calendar_changed:
        meeting.ics_sequence += 1
    meeting.save()
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=meeting,
            changes=changes,
            regions=_regions(meeting),
        )
    if calendar_changed:
        from integrationsnetz.meetings.tasks import send_meeting_update

        meeting_id, sequence = meeting.pk, meeting.ics_sequence
        transaction.on_commit(lambda: send_meeting_update.delay(meeting_id, sequence))
    return meeting


@transaction.atomic
def programme_item_add(
    *,
    meeting: Meeting,
    actor: User | None,
    kind: str,
    title: str,
    speakers: str = "",
    starts_at: datetime.time | None = None,
    speaker_contacts: list[Any] | None = None,
) -> ProgrammeItem:
    last = ProgrammeItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    item = ProgrammeItem(
        meeting=meeting,
        kind=kind,
        title=title,
        speakers=speakers,
        starts_at=starts_at,
        position=(last or 0) + 1 if last is not None else 1,
    )
    item.full_clean()
    item.save()
    if speaker_contacts:
        _speaker_contacts_set(item, speaker_contacts)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=item,
        changes=diff({}, _programme_item_snapshot(item)),
        regions=_regions(meeting),
    )
    return item


def _speaker_contacts_set(item: ProgrammeItem, speaker_contacts: list[Any]) -> None:
    """Link the directory speakers in the given order (the first is position 1); repeats count once."""
    ordered_ids = list(dict.fromkeys(getattr(contact, "pk", contact) for contact in speaker_contacts))
    ProgrammeItemSpeaker.objects.filter(item=item).delete()
    ProgrammeItemSpeaker.objects.bulk_create(
        ProgrammeItemSpeaker(item=item, contact_id=contact_id, position=position)
        for position, contact_id in enumerate(ordered_ids, start=1)
    )


def _programme_item_snapshot(item: ProgrammeItem) -> dict[str, Any]:
    """The audited values, with the directory speakers in their order (so a reordering is logged)."""
    values = snapshot(item)
    values["speaker_contacts"] = [
        str(link.contact) for link in item.speaker_links.select_related("contact__organisation")
    ]
    return values


def _programme_item_locked(item: ProgrammeItem) -> ProgrammeItem:
    return ProgrammeItem.objects.select_for_update().select_related("meeting__series__region").get(pk=item.pk)


@transaction.atomic
def programme_item_update(
    *,
    item: ProgrammeItem,
    actor: User | None,
    kind: str,
    title: str,
    speakers: str = "",
    starts_at: datetime.time | None = None,
    speaker_contacts: list[Any] | None = None,
) -> ProgrammeItem:
    """Change an item's kind, time, title and speakers; ``speaker_contacts=None`` keeps them.

    ``speaker_contacts`` is in the order the organiser gave: the first speaks first.
    """
    item = _programme_item_locked(item)
    before = _programme_item_snapshot(item)
    item.kind, item.title, item.speakers, item.starts_at = kind, title, speakers, starts_at
    item.full_clean()
    item.save()
    if speaker_contacts is not None:
        _speaker_contacts_set(item, speaker_contacts)
    changes = diff(before, _programme_item_snapshot(item))
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=item,
            changes=changes,
            regions=_regions(item.meeting),
        )
    return item


class Direction:
    UP = "up"
    DOWN = "down"


@transaction.atomic
def programme_item_move(*, item: ProgrammeItem, actor: User | None, direction: str) -> bool:
    """Swap the item with its neighbour above or below; False when it already is first or last.

    The meeting's items are renumbered 1..n under a row lock, so two organisers moving items at
    the same time cannot leave two items on one position.
    """
    if direction not in (Direction.UP, Direction.DOWN):
        raise ValueError(f"Unknown direction: {direction!r}")
    meeting = Meeting.objects.select_for_update().select_related("series__region").get(pk=item.meeting_id)
    items = list(ProgrammeItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    index = next(number for number, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == Direction.UP else index + 1
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    moved = items[target]
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=moved,
        changes={"position": [index + 1, target + 1]},
        regions=_regions(meeting),
    )
    return True


@transaction.atomic
def programme_item_remove(*, item: ProgrammeItem, actor: User | None) -> None:
    """Take an item off the programme; an accepted topic that became this item keeps its answer."""
    item = _programme_item_locked(item)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=item,
        changes=diff(_programme_item_snapshot(item), {}),
        regions=_regions(item.meeting),
    )
    item.delete()


@transaction.atomic
def workshop_add(
    *, meeting: Meeting, actor: User | None, title: str, capacity: int, description: str = ""
) -> Workshop:
    workshop = Workshop(meeting=meeting, title=title, capacity=capacity, description=description)
    workshop.full_clean()
    workshop.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=workshop,
        changes=diff({}, snapshot(workshop)),
        regions=_regions(meeting),
    )
    return workshop


# ---------------------------------------------------------------------------------------------
# Invitations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationRun:
    created: int
    queued: int


@transaction.atomic
def invitations_send(
    *, meeting: Meeting, actor: User | None, kind: str = InvitationKind.INVITATION
) -> InvitationRun:
    """Create an invitation for every recipient the series' rules name and queue one mail each.

    Running it again adds only new recipients; everyone is mailed at most once per kind (and per
    calendar revision), because each task sends through the send-once marker.
    """
    meeting = Meeting.objects.select_for_update().select_related("series__region").get(pk=meeting.pk)
    recipients = selectors.series_recipients(series=meeting.series)
    existing = set(Invitation.objects.filter(meeting=meeting).values_list("email", flat=True))
    existing_lower = {email.lower() for email in existing}
    new = [
        Invitation(
            meeting=meeting,
            email=recipient.email,
            name=recipient.name,
            language=recipient.language,
            user_id=recipient.user_id,
            organisation_id=recipient.organisation_id,
        )
        for recipient in recipients
        if recipient.email.lower() not in existing_lower
    ]
    Invitation.objects.bulk_create(new)
    if kind == InvitationKind.INVITATION and meeting.status == Meeting.Status.SAVE_THE_DATE:
        before = snapshot(meeting, ["status"])
        meeting.status = Meeting.Status.REGISTRATION_OPEN
        meeting.save(update_fields=["status", "updated_at"])
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=meeting,
            changes=diff(before, snapshot(meeting, ["status"])),
            regions=_regions(meeting),
        )
    invitation_ids = list(
        Invitation.objects.filter(meeting=meeting)
        .exclude(response=Invitation.Response.DECLINED)
        .values_list("pk", flat=True)
    )
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=meeting,
        changes={"invitations": [kind, len(invitation_ids)]},
        regions=_regions(meeting),
    )
    from integrationsnetz.meetings.tasks import send_invitations

    sequence = meeting.ics_sequence
    batches = [
        invitation_ids[start : start + INVITATION_BATCH]
        for start in range(0, len(invitation_ids), INVITATION_BATCH)
    ]
    transaction.on_commit(lambda: [send_invitations.delay(batch, kind, sequence) for batch in batches])
    return InvitationRun(created=len(new), queued=len(invitation_ids))


def _invitation_mail_send(*, invitation: Invitation, kind: str, sequence: int, connection: Any) -> bool:
    """Send one invitation (or save-the-date) mail; True when it went out now.

    The marker and the SENT status commit together (one commit per mail); a failed send leaves
    neither, only the FAILED status with the error.
    """
    if invitation.response == Invitation.Response.DECLINED:
        return False
    meeting = invitation.meeting
    token = tokens.make_token(invitation.pk, salt=tokens.INVITATION_SALT)
    try:
        with transaction.atomic():
            sent = mail_send_once(
                key=f"meetings:{kind}:{invitation.pk}:{sequence}",
                recipient=invitation.email,
                language=invitation.language,
                template="meetings/email/notice",
                context={
                    "kind": kind,
                    "meeting": meeting,
                    "name": invitation.name,
                    "answer_path": _answer_path(token),
                },
                attachments=[_ics_attachment(meeting)],
                connection=connection,
            )
            if sent:
                Invitation.objects.filter(pk=invitation.pk).update(
                    status=Invitation.Status.SENT, sent_at=timezone.now(), last_error=""
                )
    except (OSError, SMTPException) as error:
        Invitation.objects.filter(pk=invitation.pk).update(
            status=Invitation.Status.FAILED, last_error=str(error)[:300]
        )
        raise
    return sent


def invitation_batch_send(*, invitation_ids: list[int], kind: str, sequence: int) -> int:
    """Send a batch of invitation mails over one SMTP session; returns the mails sent now.

    A failure does not stop the batch: the others still go out, the failed ones are marked, and the
    first error is raised at the end so that the task is retried (the sent ones are skipped then).
    """
    from django.core.mail import get_connection

    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids).select_related("meeting__series").order_by("pk")
    )
    connection = get_connection()
    try:
        connection.open()
    except (OSError, SMTPException) as error:
        Invitation.objects.filter(pk__in=invitation_ids).exclude(status=Invitation.Status.SENT).update(
            status=Invitation.Status.FAILED, last_error=str(error)[:300]
        )
        raise
    sent = 0
    first_error: Exception | None = None
    try:
        for invitation in invitations:
            try:
                sent += _invitation_mail_send(
                    invitation=invitation, kind=kind, sequence=sequence, connection=connection
                )
            except (OSError, SMTPException) as error:
                first_error = first_error or error
    finally:
        connection.close()
    if first_error is not None:
        raise first_error
    return sent


def _answer_path(token: str) -> str:
    from django.urls import reverse

    return reverse("meetings:answer", args=[token])


def _cancel_path(registration: Registration) -> str:
    from django.urls import reverse

    return reverse(
        "meetings:registration", args=[tokens.make_token(registration.pk, salt=tokens.REGISTRATION_SALT)]
    )


def meeting_update_mail_send(*, meeting_id: int, sequence: int) -> int:
    """Tell everyone invited or registered about a new time or venue; returns the mails sent now."""
    meeting = Meeting.objects.select_related("series").get(pk=meeting_id)
    if meeting.ics_sequence != sequence:
        # A later change is on its way with its own task; only the newest state is worth a mail.
        return 0
    sent = 0
    for recipient in selectors.meeting_mail_audience(meeting=meeting):
        sent += mail_send_once(
            key=f"meetings:update:{meeting.pk}:{sequence}:{recipient.email.lower()}",
            recipient=recipient.email,
            language=recipient.language,
            template="meetings/email/notice",
            context={"kind": "update", "meeting": meeting, "name": recipient.name},
            attachments=[_ics_attachment(meeting)],
        )
    return sent


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("meeting__series__region").get(pk=invitation.pk)
    )
    if invitation.response != Invitation.Response.DECLINED:
        before = snapshot(invitation, ["response"])
        invitation.response = Invitation.Response.DECLINED
        invitation.save(update_fields=["response"])
        audit_log_record(
            actor=None,
            action=AuditLogEntry.Action.UPDATE,
            obj=invitation,
            changes=diff(before, snapshot(invitation, ["response"])),
            regions=_regions(invitation.meeting),
        )
    return invitation


def reminders_send(*, now: datetime.datetime, days_ahead: int = 2) -> int:
    """Remind the registered people of meetings starting within ``days_ahead`` days (once each)."""
    from integrationsnetz.meetings.tasks import send_registration_mail

    registration_ids = list(
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + datetime.timedelta(days=days_ahead),
        ).values_list("pk", flat=True)
    )
    for pk in registration_ids:
        send_registration_mail.delay(pk, InvitationKind.REMINDER)
    return len(registration_ids)


# ---------------------------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------------------------


def registration_is_open(meeting: Meeting, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.REGISTRATION_OPEN):
        return False
    if meeting.registration_deadline is not None and now > meeting.registration_deadline:
        return False
    return now < meeting.starts_at


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    language: str = "de",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    workshop: Workshop | None = None,
    accessibility_needs: str = "",
    invitation: Invitation | None = None,
    user: User | None = None,
    actor: User | None = None,
) -> Registration:
    """Register a person: a place while there is one (pending if the organiser approves), else waiting.

    The meeting row is locked first, so concurrent registrations count places one after another.
    """
    meeting = Meeting.objects.select_for_update().select_related("series__region").get(pk=meeting.pk)
    if not registration_is_open(meeting):
        raise ValidationError(_("Registration for this meeting is closed."))
    email = email.strip()
    if (
        Registration.objects.filter(meeting=meeting, email__iexact=email)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    ):
        raise ValidationError({"email": _("This e-mail address is already registered for the meeting.")})
    taken = Registration.objects.filter(meeting=meeting, status__in=Registration.HOLDING_PLACE).count()
    has_place = meeting.capacity is None or taken < meeting.capacity
    if workshop is not None:
        if workshop.meeting_id != meeting.pk:
            raise ValidationError({"workshop": _("This workshop belongs to another meeting.")})
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        in_workshop = Registration.objects.filter(
            workshop=workshop, status__in=Registration.HOLDING_PLACE
        ).count()
        if has_place and in_workshop >= workshop.capacity:
            raise ValidationError({"workshop": _("This workshop is full. Please choose another one.")})
    if not has_place:
        status = Registration.Status.WAITING
    elif meeting.requires_approval:
        status = Registration.Status.PENDING_APPROVAL
    else:
        status = Registration.Status.REGISTERED
    registration = Registration(
        meeting=meeting,
        invitation=invitation,
        user=user,
        name=name.strip(),
        email=email,
        language=language,
        organisation=organisation,
        organisation_name=organisation_name or (organisation.name if organisation else ""),
        workshop=workshop,
        accessibility_needs=accessibility_needs,
        status=status,
    )
    registration.full_clean(exclude=["meeting", "invitation", "user", "organisation", "workshop"])
    registration.save()
    if invitation is not None and invitation.response != Invitation.Response.ACCEPTED:
        Invitation.objects.filter(pk=invitation.pk).update(response=Invitation.Response.ACCEPTED)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=registration,
        changes=diff({}, snapshot(registration, ["status", "workshop"])),
        regions=_regions(meeting),
    )
    _mail_after_commit(registration, status)
    return registration


def _mail_after_commit(registration: Registration, kind: str) -> None:
    from integrationsnetz.meetings.tasks import send_registration_mail

    registration_id = registration.pk
    transaction.on_commit(lambda: send_registration_mail.delay(registration_id, kind))


def _promote_first_waiting(meeting: Meeting) -> Registration | None:
    """Called under the meeting's lock: the longest-waiting person takes the freed place."""
    waiting = (
        Registration.objects.select_for_update()
        .filter(meeting=meeting, status=Registration.Status.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = (
        Registration.Status.PENDING_APPROVAL if meeting.requires_approval else Registration.Status.REGISTERED
    )
    waiting.promoted_at = timezone.now()
    waiting.save(update_fields=["status", "promoted_at"])
    audit_log_record(
        actor=None,
        action=AuditLogEntry.Action.UPDATE,
        obj=waiting,
        changes={"status": [Registration.Status.WAITING, waiting.status]},
        regions=_regions(meeting),
    )
    _mail_after_commit(waiting, "promoted")
    return waiting


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: User | None = None) -> Registration | None:
    """Cancel; if a place was freed, promote the first waiting person (once). Returns the promoted one.

    Cancelling twice changes nothing: the second call finds the registration cancelled under the lock.
    """
    meeting = (
        Meeting.objects.select_for_update().select_related("series__region").get(pk=registration.meeting_id)
    )
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    held_place = registration.status in Registration.HOLDING_PLACE
    before = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=registration,
        changes={"status": [before, registration.status]},
        regions=_regions(meeting),
    )
    _mail_after_commit(registration, "cancelled")
    if not held_place:
        return None
    if meeting.capacity is not None:
        taken = Registration.objects.filter(meeting=meeting, status__in=Registration.HOLDING_PLACE).count()
        if taken >= meeting.capacity:
            # The organiser lowered the capacity: the freed place is not a free place.
            return None
    return _promote_first_waiting(meeting)


@transaction.atomic
def registration_approve(*, registration: Registration, actor: User | None) -> Registration:
    Meeting.objects.select_for_update().filter(pk=registration.meeting_id).first()
    registration = (
        Registration.objects.select_for_update()
        .select_related("meeting__series__region")
        .get(pk=registration.pk)
    )
    if registration.status != Registration.Status.PENDING_APPROVAL:
        raise ValidationError(_("Only registrations waiting for approval can be approved."))
    registration.status = Registration.Status.REGISTERED
    registration.save(update_fields=["status"])
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.APPROVE,
        obj=registration,
        changes={"status": [Registration.Status.PENDING_APPROVAL, Registration.Status.REGISTERED]},
        regions=_regions(registration.meeting),
    )
    _mail_after_commit(registration, "approved")
    return registration


def registration_mail_send(*, registration_id: int, kind: str) -> bool:
    """The mail about a registration's state (confirmed, waiting, promoted, ...); sent once per kind."""
    registration = Registration.objects.select_related("meeting__series").filter(pk=registration_id).first()
    if registration is None:
        return False
    meeting = registration.meeting
    with_calendar = kind in (Registration.Status.REGISTERED, "promoted", "approved", InvitationKind.REMINDER)
    return mail_send_once(
        key=f"meetings:registration:{registration.pk}:{kind}",
        recipient=registration.email,
        language=registration.language,
        template="meetings/email/notice",
        context={
            "kind": kind,
            "meeting": meeting,
            "name": registration.name,
            "registration": registration,
            "cancel_path": _cancel_path(registration),
        },
        attachments=[_ics_attachment(meeting)] if with_calendar else [],
    )


@transaction.atomic
def registration_check_in(
    *, registration: Registration, actor: User | None, present: bool = True
) -> Registration:
    registration = (
        Registration.objects.select_for_update()
        .select_related("meeting__series__region")
        .get(pk=registration.pk)
    )
    if registration.status != Registration.Status.REGISTERED:
        raise ValidationError(_("Only registered participants can be checked in."))
    before = snapshot(registration, ["checked_in_at"])
    registration.checked_in_at = (registration.checked_in_at or timezone.now()) if present else None
    registration.save(update_fields=["checked_in_at"])
    changes = diff(before, snapshot(registration, ["checked_in_at"]))
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=registration,
            changes=changes,
            regions=_regions(registration.meeting),
        )
    return registration


# ---------------------------------------------------------------------------------------------
# Topic proposals
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def topic_proposal_create(
    *, meeting: Meeting, actor: User, title: str, description: str = ""
) -> TopicProposal:
    proposal = TopicProposal(meeting=meeting, proposed_by=actor, title=title.strip(), description=description)
    proposal.full_clean()
    proposal.save()
    proposal.supporters.add(actor)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=proposal,
        changes=diff({}, snapshot(proposal)),
        regions=_regions(meeting),
    )
    return proposal


@transaction.atomic
def topic_proposal_support(*, proposal: TopicProposal, actor: User) -> bool:
    """Add the actor's support; False when they already support it."""
    if proposal.supporters.filter(pk=actor.pk).exists():
        return False
    proposal.supporters.add(actor)
    return True


@transaction.atomic
def topic_proposal_answer(
    *, proposal: TopicProposal, actor: User | None, status: str, answer: str = ""
) -> TopicProposal:
    """The organiser's answer; "accepted" puts the topic on the programme, "declined" needs a reason."""
    proposal = (
        TopicProposal.objects.select_for_update()
        .select_related("meeting__series__region")
        .get(pk=proposal.pk)
    )
    if status == TopicProposal.Status.DECLINED and not answer.strip():
        raise ValidationError({"answer": _("Please give a reason when you decline a topic.")})
    if status not in TopicProposal.Status.values or status == TopicProposal.Status.PROPOSED:
        raise ValidationError({"status": _("Choose accepted, later or declined.")})
    before = snapshot(proposal, ["status", "answer"])
    proposal.status = status
    proposal.answer = answer.strip()
    if status == TopicProposal.Status.ACCEPTED and proposal.programme_item_id is None:
        proposal.programme_item = programme_item_add(
            meeting=proposal.meeting, actor=actor, kind=ProgrammeItem.Kind.DISCUSSION, title=proposal.title
        )
    proposal.save(update_fields=["status", "answer", "programme_item"])
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=proposal,
        changes=diff(before, snapshot(proposal, ["status", "answer"])),
        regions=_regions(proposal.meeting),
    )
    return proposal


# ---------------------------------------------------------------------------------------------
# Documents, results, working groups
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    actor: User | None,
    title: str,
    file: File,
    visibility: str,
    meeting: Meeting | None = None,
    working_group: WorkingGroup | None = None,
) -> MeetingDocument:
    document = MeetingDocument(
        meeting=meeting,
        working_group=working_group,
        title=title,
        file=file,
        visibility=visibility,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    document.full_clean()
    document.save()
    region = meeting.series.region if meeting is not None else working_group.region  # type: ignore[union-attr]
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=document,
        changes=diff({}, snapshot(document, ["title", "visibility"])),
        regions=[region],
    )
    return document


class Audience:
    PARTICIPANTS = "participants"
    INVITED = "invited"


@transaction.atomic
def results_distribute(*, meeting: Meeting, actor: User | None, audience: str) -> None:
    """Queue the mail with the review and documents to the participants or to everyone invited."""
    if audience not in (Audience.PARTICIPANTS, Audience.INVITED):
        raise ValidationError({"audience": _("Choose participants or everyone invited.")})
    if not meeting.review.strip():
        raise ValidationError(_("Write the review before you send the results."))
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=meeting,
        changes={"results_sent_to": [None, audience]},
        regions=_regions(meeting),
    )
    from integrationsnetz.meetings.tasks import send_results

    meeting_id = meeting.pk
    transaction.on_commit(lambda: send_results.delay(meeting_id, audience))


def results_mail_send(*, meeting_id: int, audience: str) -> int:
    meeting = Meeting.objects.select_related("series").get(pk=meeting_id)
    if audience == Audience.PARTICIPANTS:
        people = [
            (registration.email, registration.language, registration.name)
            for registration in Registration.objects.filter(
                meeting=meeting, status=Registration.Status.REGISTERED
            )
        ]
    else:
        people = [
            (invitation.email, invitation.language, invitation.name)
            for invitation in Invitation.objects.filter(meeting=meeting)
        ]
    sent = 0
    for email, language, name in people:
        sent += mail_send_once(
            key=f"meetings:results:{meeting.pk}:{email.lower()}",
            recipient=email,
            language=language,
            template="meetings/email/results",
            context={"meeting": meeting, "name": name},
        )
    return sent


@transaction.atomic
def working_group_create(*, actor: User | None, **values: Any) -> WorkingGroup:
    """A new group; without a ``slug`` one is made from the name (unique, never a page name)."""
    organisations = values.pop("organisations", None)
    if not values.get("slug"):
        values["slug"] = _unique_slug(WorkingGroup, values.get("name", ""))
    group = WorkingGroup(**values)
    group.full_clean()
    group.save()
    if organisations is not None:
        group.organisations.set(organisations)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=group,
        changes=diff({}, snapshot(group)),
        regions=[group.region],
    )
    return group


@transaction.atomic
def working_group_update(
    *,
    group: WorkingGroup,
    actor: User | None,
    organisations: list[Organisation] | None = None,
    **values: Any,
) -> WorkingGroup:
    """Change a group's description, region, lead and participating organisations; the slug stays."""
    unknown = set(values) - set(WORKING_GROUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown working group fields: {sorted(unknown)}")
    group = WorkingGroup.objects.select_for_update().select_related("region").get(pk=group.pk)
    before, region_before = snapshot(group, [*WORKING_GROUP_FIELDS, "organisations"]), group.region
    for name, value in values.items():
        setattr(group, name, value)
    group.full_clean()
    group.save()
    if organisations is not None:
        group.organisations.set(organisations)
    changes = diff(before, snapshot(group, [*WORKING_GROUP_FIELDS, "organisations"]))
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=group,
            changes=changes,
            regions=[region_before, group.region],
        )
    return group


@transaction.atomic
def working_group_member_set(*, group: WorkingGroup, user: User, member: bool, actor: User | None) -> None:
    is_member = group.members.filter(pk=user.pk).exists()
    if is_member == member:
        return
    if member:
        group.members.add(user)
    else:
        group.members.remove(user)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=group,
        changes={"members": [None if member else str(user), str(user) if member else None]},
        regions=[group.region],
    )


@transaction.atomic
def announcement_post(*, group: WorkingGroup, actor: User, title: str, body: str) -> Announcement:
    """Post on the board; every member (and the lead) gets it by e-mail after the commit."""
    announcement = Announcement(working_group=group, author=actor, title=title.strip(), body=body.strip())
    announcement.full_clean()
    announcement.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=announcement,
        changes=diff({}, snapshot(announcement, ["title"])),
        regions=[group.region],
    )
    from integrationsnetz.meetings.tasks import notify_announcement

    announcement_id = announcement.pk
    transaction.on_commit(lambda: notify_announcement.delay(announcement_id))
    return announcement


def announcement_mail_send(*, announcement_id: int) -> int:
    announcement = Announcement.objects.select_related("working_group", "author").get(pk=announcement_id)
    group = announcement.working_group
    people = list(group.members.filter(is_active=True))
    if group.lead is not None and group.lead.is_active and group.lead not in people:
        people.append(group.lead)
    sent = 0
    for person in people:
        if announcement.author_id == person.pk:
            continue
        sent += mail_send_once(
            key=f"meetings:announcement:{announcement.pk}:{person.pk}",
            recipient=person.email,
            language=person.preferred_language,
            template="meetings/email/announcement",
            context={"announcement": announcement, "group": group, "name": person.get_full_name()},
        )
    return sent
