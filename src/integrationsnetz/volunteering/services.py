"""Every write in volunteering: pages, the API, the demo, tasks and commands call these functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integrationsnetz.accounts.models import AuditLogEntry, Role, User
from integrationsnetz.accounts.services import (
    account_delete,
    audit_log_record,
    diff,
    membership_grant,
    snapshot,
)
from integrationsnetz.core.mail import mail_send_once
from integrationsnetz.core.models import Language, Region
from integrationsnetz.directory.models import Organisation
from integrationsnetz.volunteering import matching
from integrationsnetz.volunteering.models import (
    CONSENTED_STATUSES,
    OPEN_STATUSES,
    HoursEntry,
    InactivityNotice,
    Match,
    MatchMessage,
    Need,
    NeedLanguage,
    OfferLanguage,
    OrganisationVerification,
    Qualification,
    QualificationKind,
    VolunteerOffer,
)
from integrationsnetz.volunteering.reasons import rules_text
from integrationsnetz.volunteering.selectors import (
    need_spec,
    need_specs,
    needs_current,
    offer_specs,
    offers_in_district,
)
from integrationsnetz.volunteering.slots import parts_of, slots_on

# tasks.py imports this module, so the tasks are imported inside the functions that queue them.

# Before mutual consent each side may send this many platform messages per day and match: enough to
# arrange a first meeting, too few to spam a volunteer.
MESSAGES_PER_DAY_BEFORE_CONSENT = 5
# Needs and offers older than this are asked whether they are still current.
CONFIRMATION_PERIOD = timedelta(days=90)
# A confirmation request not answered in this time withdraws the entry (the link stays valid as long).
CONFIRMATION_ANSWER_PERIOD = timedelta(days=30)
CONFIRMATION_SALT = "volunteering.confirmation"
# Volunteer accounts unused this long get a notice; still unused a notice period later, they are deleted.
INACTIVITY_PERIOD = timedelta(days=730)
INACTIVITY_NOTICE_PERIOD = timedelta(days=30)
# Reminders go out this long before an appointment.
REMINDER_AHEAD = timedelta(days=1)

TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    # action: (allowed from, new status, who acts)
    "accept": (frozenset({Match.Status.PROPOSED}), Match.Status.ACCEPTED_BY_VOLUNTEER, "volunteer"),
    "confirm": (
        frozenset({Match.Status.ACCEPTED_BY_VOLUNTEER}),
        Match.Status.CONFIRMED_BY_ORGANISATION,
        "organisation",
    ),
    "start": (frozenset({Match.Status.CONFIRMED_BY_ORGANISATION}), Match.Status.ACTIVE, "organisation"),
    "complete": (frozenset({Match.Status.ACTIVE}), Match.Status.COMPLETED, "organisation"),
}


def _actor(user: Any) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


# --- Organisations -----------------------------------------------------------------------------------


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, actor: User | None, note: str = ""
) -> OrganisationVerification:
    verification, created = OrganisationVerification.objects.get_or_create(
        organisation=organisation, defaults={"verified_by": _actor(actor), "note": note}
    )
    if created:
        audit_log_record(
            actor=_actor(actor),
            action=AuditLogEntry.Action.APPROVE,
            obj=verification,
            changes={"verified": [None, str(verification.verified_at)]},
            regions=[organisation.region],
        )
    return verification


# --- Needs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageRequirement:
    language: Language
    level: int


@transaction.atomic
def need_create(
    *,
    actor: User | None,
    organisation: Organisation,
    title: str,
    activity: str,
    region: Region,
    town: str,
    latitude: float,
    longitude: float,
    starts_on: date,
    slots: int,
    description: str = "",
    postal_code: str = "",
    recurring: bool = False,
    helpers_wanted: int = 1,
    requires_certificate_of_conduct: bool = False,
    expires_on: date | None = None,
    languages: Sequence[LanguageRequirement] = (),
) -> Need:
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("This day lies in the past.")})
    if not recurring:
        # A one-off need happens on its date: its slots are the chosen parts of the day on that weekday.
        slots = slots_on(starts_on, parts_of(slots))
    need = Need(
        organisation=organisation,
        created_by=_actor(actor),
        title=title,
        activity=activity,
        description=description,
        region=region,
        town=town,
        postal_code=postal_code,
        latitude=latitude,
        longitude=longitude,
        starts_on=starts_on,
        recurring=recurring,
        slots=slots,
        helpers_wanted=helpers_wanted,
        requires_certificate_of_conduct=requires_certificate_of_conduct,
        expires_on=expires_on,
    )
    need.full_clean()
    need.save()
    NeedLanguage.objects.bulk_create(
        NeedLanguage(need=need, language=item.language, min_level=item.level) for item in languages
    )
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.CREATE,
        obj=need,
        changes=diff({}, snapshot(need)),
        regions=[region],
    )
    return need


# Changes of these fields are material: the volunteers already matched are told by e-mail.
MATERIAL_NEED_FIELDS: dict[str, tuple[str, ...]] = {
    "time": ("starts_on", "recurring", "slots"),
    "place": ("region", "town", "postal_code", "latitude", "longitude"),
    "qualification": ("requires_certificate_of_conduct",),
}
# The volunteer has said yes in these states: an edit keeps the match and tells them.
COMMITTED_STATUSES = frozenset(
    {Match.Status.ACCEPTED_BY_VOLUNTEER, Match.Status.CONFIRMED_BY_ORGANISATION, Match.Status.ACTIVE}
)


@dataclass(frozen=True)
class NeedEdit:
    """What an edit of a need did: its audited changes and the matches told or withdrawn."""

    need: Need
    changes: dict[str, list[Any]]
    material: tuple[str, ...]
    told_match_ids: tuple[int, ...]
    withdrawn_match_ids: tuple[int, ...]


def _need_snapshot(need: Need) -> dict[str, Any]:
    values = snapshot(need)
    values["languages"] = sorted(
        f"{code}:{level}" for code, level in need.languages.values_list("language__code", "min_level")
    )
    return values


@transaction.atomic
def need_update(
    *,
    need: Need,
    actor: User | None,
    title: str,
    region: Region,
    town: str,
    latitude: float,
    longitude: float,
    starts_on: date,
    slots: int,
    description: str = "",
    postal_code: str = "",
    recurring: bool = False,
    helpers_wanted: int = 1,
    requires_certificate_of_conduct: bool = False,
    expires_on: date | None = None,
    languages: Sequence[LanguageRequirement] = (),
) -> NeedEdit:
    """Change a posted need without losing its matches.

    Accepted and confirmed matches stay; their volunteers are told by e-mail when the time, the place
    or the required qualification changed. Proposals the change makes impossible under the hard rules
    are withdrawn with a reason the volunteer reads. Every remaining match gets the score and reasons
    of the changed need.
    """
    need = Need.objects.select_for_update().select_related("region").get(pk=need.pk)
    if need.status == Need.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn need cannot be changed."))
    before = _need_snapshot(need)
    old_spec = need_spec(need)
    errors: dict[str, list[ValidationError]] = {}
    if expires_on is not None and expires_on != need.expires_on and expires_on < timezone.localdate():
        errors["expires_on"] = [ValidationError(_("This day lies in the past."))]
    consented = need.matches.filter(status__in=CONSENTED_STATUSES).count()
    if helpers_wanted < consented:
        errors["helpers_wanted"] = [
            ValidationError(
                ngettext(
                    "%(count)d volunteer is already confirmed; ask for at least as many.",
                    "%(count)d volunteers are already confirmed; ask for at least as many.",
                    consented,
                )
                % {"count": consented}
            )
        ]
    if not recurring:
        slots = slots_on(starts_on, parts_of(slots))
    values = {
        "title": title,
        "description": description,
        "region": region,
        "town": town,
        "postal_code": postal_code,
        "latitude": latitude,
        "longitude": longitude,
        "starts_on": starts_on,
        "recurring": recurring,
        "slots": slots,
        "helpers_wanted": helpers_wanted,
        "requires_certificate_of_conduct": requires_certificate_of_conduct,
        "expires_on": expires_on,
    }
    for name, value in values.items():
        setattr(need, name, value)
    try:
        need.full_clean()
    except ValidationError as error:
        error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    # More helpers wanted reopens a filled need; fewer may fill an open one.
    if need.status == Need.Status.FILLED and consented < helpers_wanted:
        need.status = Need.Status.OPEN
    elif need.status == Need.Status.OPEN and consented >= helpers_wanted:
        need.status = Need.Status.FILLED
    need.save()
    NeedLanguage.objects.filter(need=need).delete()
    NeedLanguage.objects.bulk_create(
        NeedLanguage(need=need, language=item.language, min_level=item.level) for item in languages
    )
    changes = diff(before, _need_snapshot(need))
    if not changes:
        return NeedEdit(need=need, changes={}, material=(), told_match_ids=(), withdrawn_match_ids=())
    material = tuple(
        kind for kind, fields in MATERIAL_NEED_FIELDS.items() if any(field in changes for field in fields)
    )
    edit = audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.UPDATE,
        obj=need,
        changes=changes,
        regions=[need.region],
    )
    told, withdrawn = _matches_follow_need(need=need, old_spec=old_spec, actor=actor)
    if not material:
        told = []
    if told or withdrawn:
        from integrationsnetz.volunteering.tasks import send_need_change_mails

        match_ids, kinds = [*told, *withdrawn], list(material)
        transaction.on_commit(lambda: send_need_change_mails.delay(edit.pk, match_ids, kinds))
    return NeedEdit(
        need=need,
        changes=changes,
        material=material,
        told_match_ids=tuple(told),
        withdrawn_match_ids=tuple(withdrawn),
    )


def _matches_follow_need(
    *, need: Need, old_spec: matching.NeedSpec, actor: User | None
) -> tuple[list[int], list[int]]:
    """Rescore the need's open matches; withdraw proposals the change made impossible.

    Returns the ids of the committed matches (their volunteers said yes) and of the withdrawn proposals.
    """
    new_spec = need_spec(need)
    matches = list(
        Match.objects.select_for_update(of=("self",))
        .filter(need=need, status__in=OPEN_STATUSES)
        .select_related("offer__user")
        .order_by("pk")
    )
    # Paused or withdrawn offers have no spec: their matches keep what was stored.
    specs = {
        spec.id: spec
        for spec in offer_specs(VolunteerOffer.objects.filter(pk__in=[m.offer_id for m in matches]))
    }
    now = timezone.now()
    told: list[int] = []
    withdrawn: list[int] = []
    rescored: list[Match] = []
    for match in matches:
        if match.status in COMMITTED_STATUSES:
            told.append(match.pk)
        offer_spec = specs.get(match.offer_id)
        if offer_spec is None:
            continue
        # The match counts in the offer's load; it did not when it was proposed.
        offer_spec = offer_spec._replace(load=max(offer_spec.load - 1, 0))
        proposal, broken = matching.rescore_pair(new_spec, offer_spec)
        before = set(matching.hard_rule_violations(old_spec, offer_spec))
        newly_broken = [rule for rule in broken if rule not in before]
        if match.status == Match.Status.PROPOSED and newly_broken:
            volunteer = match.offer.user
            with translation.override(volunteer.preferred_language or settings.LANGUAGE_CODE):
                end_reason = _(
                    "The organisation changed the need; it no longer fits your offer (%(rules)s)."
                ) % {"rules": rules_text(newly_broken)}
            match.status = Match.Status.DID_NOT_HAPPEN
            match.end_reason = end_reason
            match.ended_at = now
            match.save(update_fields=["status", "end_reason", "ended_at"])
            audit_log_record(
                actor=_actor(actor),
                action=AuditLogEntry.Action.UPDATE,
                obj=match,
                changes={"status": [Match.Status.PROPOSED, match.status], "end_reason": ["", end_reason]},
                regions=[need.region],
            )
            withdrawn.append(match.pk)
            continue
        match.score = proposal.score
        match.reasons = [reason.as_json() for reason in proposal.reasons]
        rescored.append(match)
    Match.objects.bulk_update(rescored, ["score", "reasons"])
    return told, withdrawn


@transaction.atomic
def need_set_status(*, need: Need, status: str, actor: User | None) -> Need:
    need = Need.objects.select_for_update().select_related("region").get(pk=need.pk)
    before = snapshot(need, ["status"])
    need.status = Need.Status(status)
    need.save(update_fields=["status"])
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.UPDATE,
        obj=need,
        changes=diff(before, snapshot(need, ["status"])),
        regions=[need.region],
    )
    return need


# --- Volunteers and their offers ---------------------------------------------------------------------


@transaction.atomic
def volunteer_register(
    *,
    email: str,
    password: str,
    full_name: str,
    language: str,
    offer: dict[str, Any],
    languages: Sequence[LanguageRequirement] = (),
) -> VolunteerOffer:
    """Sign a volunteer up: the account, the volunteer role and the offer, in one transaction."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("An account with this address exists already. Please log in.")})
    user = User(email=email, full_name=full_name, preferred_language=language)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    audit_log_record(
        actor=user, action=AuditLogEntry.Action.CREATE, obj=user, changes={"email": [None, email]}
    )
    return volunteer_join(user=user, offer=offer, languages=languages)


@transaction.atomic
def volunteer_join(
    *, user: User, offer: dict[str, Any], languages: Sequence[LanguageRequirement] = ()
) -> VolunteerOffer:
    """An account becomes a volunteer's (also an editor's or member's): the role and the offer."""
    membership_grant(user=user, role=Role.VOLUNTEER, actor=user)
    return offer_save(user=user, actor=user, languages=languages, **offer)


@transaction.atomic
def offer_save(
    *,
    user: User,
    actor: User | None,
    activities: Sequence[str],
    region: Region,
    town: str,
    latitude: float,
    longitude: float,
    availability: int,
    available_from: date,
    available_until: date | None = None,
    max_distance_km: int = 10,
    hours_per_week: int = 2,
    max_matches: int = 1,
    postal_code: str = "",
    birth_date: date | None = None,
    phone: str = "",
    languages: Sequence[LanguageRequirement] = (),
) -> VolunteerOffer:
    """Create or change the user's offer (one per volunteer); the spoken languages are replaced."""
    offer = VolunteerOffer.objects.select_for_update().filter(user=user).first()
    before = snapshot(offer) if offer else {}
    if offer is None:
        offer = VolunteerOffer(user=user)
    values = {
        "activities": list(activities),
        "region": region,
        "town": town,
        "postal_code": postal_code,
        "latitude": latitude,
        "longitude": longitude,
        "availability": availability,
        "available_from": available_from,
        "available_until": available_until,
        "max_distance_km": max_distance_km,
        "hours_per_week": hours_per_week,
        "max_matches": max_matches,
        "birth_date": birth_date,
        "phone": phone,
    }
    for name, value in values.items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    OfferLanguage.objects.filter(offer=offer).delete()
    OfferLanguage.objects.bulk_create(
        OfferLanguage(offer=offer, language=item.language, level=item.level) for item in languages
    )
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.UPDATE if before else AuditLogEntry.Action.CREATE,
        obj=offer,
        changes=diff(before, snapshot(offer)),
        regions=[region],
    )
    return offer


@transaction.atomic
def offer_set_status(*, offer: VolunteerOffer, status: str, actor: User | None) -> VolunteerOffer:
    offer = VolunteerOffer.objects.select_for_update().select_related("region").get(pk=offer.pk)
    before = snapshot(offer, ["status"])
    offer.status = VolunteerOffer.Status(status)
    offer.save(update_fields=["status"])
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.UPDATE,
        obj=offer,
        changes=diff(before, snapshot(offer, ["status"])),
        regions=[offer.region],
    )
    return offer


@transaction.atomic
def qualification_record(
    *, offer: VolunteerOffer, kind: str, seen_on: date, expires_on: date, actor: User | None
) -> Qualification:
    """Note that a document was seen (never the document itself)."""
    qualification = Qualification(
        offer=offer,
        kind=QualificationKind(kind),
        seen_on=seen_on,
        expires_on=expires_on,
        seen_by=_actor(actor),
    )
    qualification.full_clean()
    qualification.save()
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.CREATE,
        obj=qualification,
        changes=diff({}, snapshot(qualification, ["kind", "seen_on", "expires_on"])),
        regions=[offer.region],
    )
    return qualification


# --- Matches -----------------------------------------------------------------------------------------


def _spec_pair(need: Need, offer: VolunteerOffer) -> tuple[matching.NeedSpec, matching.OfferSpec]:
    specs = offer_specs(VolunteerOffer.objects.filter(pk=offer.pk))
    if not specs:
        raise ValidationError(_("This volunteer does not offer help at the moment."))
    return need_spec(need), specs[0]


@transaction.atomic
def match_propose(*, need: Need, offer: VolunteerOffer, actor: User | None) -> Match:
    """Propose a volunteer for a need; the hard rules are checked again here, never only in the list."""
    need = Need.objects.select_for_update().select_related("region", "organisation").get(pk=need.pk)
    offer = VolunteerOffer.objects.select_for_update().select_related("user").get(pk=offer.pk)
    if need.status != Need.Status.OPEN or need.expired_on(timezone.localdate()):
        raise ValidationError(_("This need is no longer open."))
    if Match.objects.filter(need=need, offer=offer).exists():
        raise ValidationError(_("This volunteer has already been proposed for this need."))
    need_spec, offer_spec = _spec_pair(need, offer)
    if need_spec.helpers_wanted <= 0:
        raise ValidationError(_("This need has all the helpers it wants."))
    if matching.hard_rule_violations(need_spec, offer_spec):
        raise ValidationError(
            _("This volunteer does not fit the need (language, time, distance or qualification).")
        )
    proposal = matching.score_pair(need_spec, offer_spec)
    match = Match.objects.create(
        need=need,
        offer=offer,
        score=proposal.score,
        reasons=[reason.as_json() for reason in proposal.reasons],
        proposed_by=_actor(actor),
    )
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.CREATE,
        obj=match,
        changes={"status": [None, match.status]},
        regions=[need.region],
    )
    from integrationsnetz.volunteering.tasks import send_match_mail

    transaction.on_commit(lambda: send_match_mail.delay(match.pk, "proposed"))
    return match


@transaction.atomic
def match_advance(
    *, match: Match, action: str, actor: User | None, meets_at: datetime | None = None
) -> Match:
    """Move a match one step along proposed -> accepted -> confirmed -> active -> completed."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown step."))
    allowed, new_status, _who = TRANSITIONS[action]
    match = Match.objects.select_for_update().select_related("need__region").get(pk=match.pk)
    if match.status not in allowed:
        raise ValidationError(_("This step is not possible in the match's current state."))
    before = snapshot(match, ["status", "meets_at"])
    now = timezone.now()
    match.status = new_status
    if action == "accept":
        match.accepted_at = now
    elif action == "confirm":
        match.confirmed_at = now
        if meets_at is not None:
            match.meets_at = meets_at
    elif action == "complete":
        match.ended_at = now
    match.save()
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.UPDATE,
        obj=match,
        changes=diff(before, snapshot(match, ["status", "meets_at"])),
        regions=[match.need.region],
    )
    if action == "confirm" and _filled(match.need):
        Need.objects.filter(pk=match.need_id).update(status=Need.Status.FILLED)
    if action in ("accept", "confirm"):
        from integrationsnetz.volunteering.tasks import send_match_mail

        match_id = match.pk
        transaction.on_commit(lambda: send_match_mail.delay(match_id, action))
    return match


def _filled(need: Need) -> bool:
    confirmed = need.matches.filter(
        status__in=[Match.Status.CONFIRMED_BY_ORGANISATION, Match.Status.ACTIVE, Match.Status.COMPLETED]
    ).count()
    return confirmed >= need.helpers_wanted


@transaction.atomic
def match_end(*, match: Match, reason: str, actor: User | None) -> Match:
    """The match did not happen (declined, withdrawn, no show): the reason is required."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    match = Match.objects.select_for_update().select_related("need__region").get(pk=match.pk)
    if match.status not in OPEN_STATUSES:
        raise ValidationError(_("This match has already ended."))
    before = snapshot(match, ["status", "end_reason"])
    match.status = Match.Status.DID_NOT_HAPPEN
    match.end_reason = reason.strip()
    match.ended_at = timezone.now()
    match.save()
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.UPDATE,
        obj=match,
        changes=diff(before, snapshot(match, ["status", "end_reason"])),
        regions=[match.need.region],
    )
    return match


@transaction.atomic
def match_message_send(*, match: Match, sender: User, body: str, now: datetime | None = None) -> MatchMessage:
    """A message through the platform; before mutual consent at most a few per day and sender."""
    now = now or timezone.now()
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Please write a message.")})
    if len(body) > 2000:
        raise ValidationError({"body": _("Please keep the message under 2,000 characters.")})
    # Lock the match so that two messages sent at once cannot both pass the limit.
    match = Match.objects.select_for_update().get(pk=match.pk)
    if not match.mutual_consent:
        recent = MatchMessage.objects.filter(
            match=match, sender=sender, sent_at__gt=now - timedelta(days=1)
        ).count()
        if recent >= MESSAGES_PER_DAY_BEFORE_CONSENT:
            raise ValidationError(
                {
                    "body": _(
                        "You have sent %(count)d messages today. Until both sides have agreed, "
                        "please wait for an answer before writing again."
                    )
                    % {"count": recent}
                }
            )
    message = MatchMessage.objects.create(match=match, sender=sender, body=body, sent_at=now)
    from integrationsnetz.volunteering.tasks import send_message_mail

    transaction.on_commit(lambda: send_message_mail.delay(message.pk))
    return message


# --- Hours -------------------------------------------------------------------------------------------


@transaction.atomic
def hours_log(*, match: Match, actor: User, day: date, hours: Decimal, note: str = "") -> HoursEntry:
    match = Match.objects.select_related("need__region").get(pk=match.pk)
    if match.status not in (
        Match.Status.ACTIVE,
        Match.Status.COMPLETED,
        Match.Status.CONFIRMED_BY_ORGANISATION,
    ):
        raise ValidationError(_("Hours can be logged once the organisation has confirmed the match."))
    if day > timezone.localdate():
        raise ValidationError({"day": _("Hours can only be logged for days that have passed.")})
    entry = HoursEntry(match=match, day=day, hours=hours, note=note)
    entry.full_clean()
    entry.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=entry,
        changes=diff({}, snapshot(entry, ["day", "hours", "note"])),
        regions=[match.need.region],
    )
    return entry


@transaction.atomic
def hours_decide(*, entry: HoursEntry, approve: bool, actor: User) -> HoursEntry:
    entry = HoursEntry.objects.select_for_update().select_related("match__need__region").get(pk=entry.pk)
    if entry.status != HoursEntry.Status.LOGGED:
        raise ValidationError(_("These hours have already been decided."))
    entry.status = HoursEntry.Status.APPROVED if approve else HoursEntry.Status.REJECTED
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.APPROVE if approve else AuditLogEntry.Action.REJECT,
        obj=entry,
        changes={"status": [HoursEntry.Status.LOGGED, entry.status]},
        regions=[entry.match.need.region],
    )
    return entry


# --- Batch plan --------------------------------------------------------------------------------------


@transaction.atomic
def batch_plan_apply(*, district: Region, actor: User | None, per_need: int = 10) -> list[Match]:
    """Plan the district (min-cost flow) and propose every planned pair."""
    needs = needs_current().filter(region__path__startswith=district.path)
    need_list = need_specs(needs)
    offers = offer_specs(offers_in_district(district))
    existing = set(Match.objects.filter(need__in=needs).values_list("need_id", "offer_id"))
    plan = [
        edge
        for edge in matching.batch_plan(need_list, offers, per_need=per_need)
        if (edge.need_id, edge.offer_id) not in existing
    ]
    need_objects = Need.objects.in_bulk([edge.need_id for edge in plan])
    offer_objects = VolunteerOffer.objects.in_bulk([edge.offer_id for edge in plan])
    return [
        match_propose(need=need_objects[edge.need_id], offer=offer_objects[edge.offer_id], actor=actor)
        for edge in plan
    ]


# --- Still current? ----------------------------------------------------------------------------------


def confirmation_token(kind: str, pk: int) -> str:
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object({"kind": kind, "id": pk})


def confirmation_token_read(token: str) -> tuple[str, int]:
    """``("need"|"offer", id)``; raises ``SignatureExpired`` or ``BadSignature``."""
    value = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign_object(
        token, max_age=CONFIRMATION_ANSWER_PERIOD
    )
    if (
        not isinstance(value, dict)
        or value.get("kind") not in ("need", "offer")
        or not isinstance(value.get("id"), int)
    ):
        raise signing.BadSignature("unexpected payload")
    return str(value["kind"]), int(value["id"])


def _entry_model(kind: str) -> type[Need] | type[VolunteerOffer]:
    return Need if kind == "need" else VolunteerOffer


def confirmations_due(now: datetime | None = None) -> list[tuple[str, int]]:
    now = now or timezone.now()
    due = now - CONFIRMATION_PERIOD
    # A need past its last day is not sought any more: asking whether it is still current would be noise.
    needs = needs_current(timezone.localdate(now)).filter(
        confirmed_at__lt=due, confirmation_requested_at__isnull=True
    )
    offers = VolunteerOffer.objects.filter(
        status=VolunteerOffer.Status.ACTIVE, confirmed_at__lt=due, confirmation_requested_at__isnull=True
    )
    return [("need", pk) for pk in needs.values_list("pk", flat=True)] + [
        ("offer", pk) for pk in offers.values_list("pk", flat=True)
    ]


@transaction.atomic
def confirmation_request(*, kind: str, pk: int, now: datetime | None = None) -> bool:
    """Mark the entry as asked and send the one-click mail after commit; False when not due (any more)."""
    now = now or timezone.now()
    model = _entry_model(kind)
    entry = (
        model.objects.select_for_update()
        .filter(pk=pk, confirmed_at__lt=now - CONFIRMATION_PERIOD, confirmation_requested_at__isnull=True)
        .first()
    )
    if entry is None:
        return False
    model.objects.filter(pk=pk).update(confirmation_requested_at=now)
    from integrationsnetz.volunteering.tasks import send_confirmation_request

    transaction.on_commit(lambda: send_confirmation_request.delay(kind, pk))
    return True


def confirmation_request_send(*, kind: str, pk: int) -> int:
    """The mail with "still current" / "withdraw"; sent once per request and recipient."""
    if kind == "need":
        need = Need.objects.filter(pk=pk).select_related("organisation").first()
        if need is None or need.confirmation_requested_at is None:
            return 0
        recipients = [
            (user.email, user.preferred_language)
            for user in User.objects.filter(
                memberships__role=Role.ORGANISATION_EDITOR,
                memberships__organisation_id=need.organisation_id,
                is_active=True,
            )
        ]
        requested, title = need.confirmation_requested_at, need.title
    else:
        offer = VolunteerOffer.objects.filter(pk=pk).select_related("user").first()
        if offer is None or offer.confirmation_requested_at is None:
            return 0
        recipients = [(offer.user.email, offer.user.preferred_language)]
        requested, title = offer.confirmation_requested_at, ""
    token = confirmation_token(kind, pk)
    context = {
        "kind": kind,
        "title": title,
        "answer_url": settings.SITE_URL + reverse("volunteering:still_current", args=[token]),
        "valid_days": CONFIRMATION_ANSWER_PERIOD.days,
    }
    return sum(
        mail_send_once(
            key=f"volunteering:confirm:{kind}:{pk}:{requested.isoformat()}:{email}",
            recipient=email,
            language=language,
            template="volunteering/email/still_current",
            context=context,
        )
        for email, language in recipients
    )


@transaction.atomic
def confirmation_answer(
    *, kind: str, pk: int, still_current: bool, actor: User | None
) -> Need | VolunteerOffer:
    """The answer to the one-click mail: confirm (the next question comes a period later) or withdraw."""
    model = _entry_model(kind)
    entry = model.objects.select_for_update().select_related("region").get(pk=pk)
    before = snapshot(entry, ["status", "confirmed_at"])
    if still_current:
        entry.confirmed_at = timezone.now()
        entry.confirmation_requested_at = None
    else:
        entry.status = "withdrawn"
    entry.save()
    audit_log_record(
        actor=_actor(actor),
        action=AuditLogEntry.Action.CONFIRM if still_current else AuditLogEntry.Action.UPDATE,
        obj=entry,
        changes=diff(before, snapshot(entry, ["status", "confirmed_at"])),
        regions=[entry.region],
    )
    return entry


@transaction.atomic
def unanswered_withdraw(*, now: datetime | None = None) -> int:
    """Entries asked and not answered within the answer period are withdrawn (they no longer show)."""
    now = now or timezone.now()
    late = now - CONFIRMATION_ANSWER_PERIOD
    count = 0
    for kind, model in (("need", Need), ("offer", VolunteerOffer)):
        active = Need.Status.OPEN if kind == "need" else VolunteerOffer.Status.ACTIVE
        for entry in (
            model.objects.select_for_update()
            .filter(status=active, confirmation_requested_at__lt=late)
            .select_related("region")
        ):
            confirmation_answer(kind=kind, pk=entry.pk, still_current=False, actor=None)
            count += 1
    return count


# --- Inactive accounts -------------------------------------------------------------------------------


def inactive_volunteers(now: datetime) -> Any:
    """Volunteers who have not logged in (nor joined) within the inactivity period."""
    limit = now - INACTIVITY_PERIOD
    return User.objects.filter(memberships__role=Role.VOLUNTEER, date_joined__lt=limit).exclude(
        last_login__gte=limit
    )


@transaction.atomic
def inactive_volunteers_notify(*, now: datetime | None = None) -> int:
    """Tell volunteers unused for the period that their account will be deleted unless they log in."""
    now = now or timezone.now()
    users = list(inactive_volunteers(now).exclude(pk__in=InactivityNotice.objects.values("user_id")))
    InactivityNotice.objects.bulk_create(InactivityNotice(user=user, sent_at=now) for user in users)
    from integrationsnetz.volunteering.tasks import send_inactivity_notice

    for user in users:
        user_id = user.pk
        transaction.on_commit(lambda user_id=user_id: send_inactivity_notice.delay(user_id))  # type: ignore[misc]
    return len(users)


def inactivity_notice_send(*, user_id: int) -> bool:
    user = User.objects.filter(pk=user_id).first()
    notice = InactivityNotice.objects.filter(user_id=user_id).first()
    if user is None or notice is None:
        return False
    return mail_send_once(
        key=f"volunteering:inactive:{user_id}:{notice.sent_at.isoformat()}",
        recipient=user.email,
        language=user.preferred_language,
        template="volunteering/email/inactivity_notice",
        context={
            "name": user.get_full_name(),
            "delete_on": (notice.sent_at + INACTIVITY_NOTICE_PERIOD).date(),
            "login_url": settings.SITE_URL + reverse("accounts:login"),
        },
    )


def inactive_volunteers_delete(*, now: datetime | None = None) -> int:
    """Delete accounts whose notice period passed without a login; a login in between cancels it."""
    now = now or timezone.now()
    count = 0
    for notice in InactivityNotice.objects.filter(sent_at__lt=now - INACTIVITY_NOTICE_PERIOD).select_related(
        "user"
    ):
        user = notice.user
        if user.last_login and user.last_login > notice.sent_at:
            notice.delete()
            continue
        # The account itself goes through accounts: personal data of every app is erased with it.
        account_delete(user=user)
        count += 1
    return count


# --- Reminders ---------------------------------------------------------------------------------------


def reminders_due(now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(
        Match.objects.filter(
            status__in=[Match.Status.CONFIRMED_BY_ORGANISATION, Match.Status.ACTIVE],
            meets_at__gt=now,
            meets_at__lte=now + REMINDER_AHEAD,
        ).values_list("pk", flat=True)
    )
