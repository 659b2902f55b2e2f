"""Every write to the directory: views, API, admin, imports and commands all call these."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integrationsnetz.accounts.models import AuditLogEntry, Role, User
from integrationsnetz.accounts.services import audit_log_record, diff, membership_grant, snapshot
from integrationsnetz.core.mail import mail_send_once
from integrationsnetz.directory.models import (
    ContactPerson,
    ExternalIdentifier,
    JoinApplication,
    Location,
    Network,
    NetworkMembership,
    Organisation,
    Service,
)
from integrationsnetz.directory.search_text import organisation_search_text

ORGANISATION_M2M = ("regions_served", "fields_of_action", "target_groups", "languages")
SERVICE_M2M = ("languages", "fields_of_action", "target_groups", "service_areas", "locations")

# Shown beside the consent checkbox and stored with the contact when consent is first given.
CONSENT_WORDING = gettext_lazy(
    "The person named here agrees that their name, function, e-mail address, phone number and "
    "languages are shown publicly in the directory of the Integrationsnetz. They can withdraw this "
    "consent at any time; the entry is then shown with the function only."
)
CONFIRMATION_SALT = "integrationsnetz.directory.confirmation"
CONFIRMATION_LINK_MAX_AGE = timedelta(days=30)


class ConcurrentEditError(ValidationError):
    """The row changed after the editor loaded it."""


# Slugs that name editing pages under /verzeichnis/; an organisation must not shadow them.
RESERVED_SLUGS = frozenset({"redaktion", "beitreten", "bestaetigen", "export", "karte", "api"})


def _unique_slug(name: str, exclude_pk: int = 0) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _set_fields(instance: Any, values: dict[str, Any], m2m_names: Iterable[str]) -> dict[str, Any]:
    """Assign plain fields now; return the many-to-many values to set after saving."""
    m2m = {}
    for name, value in values.items():
        if name in m2m_names:
            m2m[name] = value
        else:
            setattr(instance, name, value)
    return m2m


def organisation_refresh_search_text(organisation: Organisation) -> None:
    organisation.search_text = organisation_search_text(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(search_text=organisation.search_text)


@transaction.atomic
def organisation_create(*, actor: User | None, **values: Any) -> Organisation:
    """Create an organisation (already active: the office or a coordinator adds it)."""
    organisation = Organisation()
    m2m = _set_fields(organisation, values, ORGANISATION_M2M)
    if not organisation.slug:
        organisation.slug = _unique_slug(organisation.name)
    if organisation.status == Organisation.Status.ACTIVE and organisation.confirmed_at is None:
        organisation.confirmed_at = timezone.now()
    organisation.full_clean()
    organisation.save()
    for name, value in m2m.items():
        getattr(organisation, name).set(value)
    organisation_refresh_search_text(organisation)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        obj=organisation,
        changes=diff({}, snapshot(organisation)),
        regions=[organisation.region],
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: User | None,
    expected_updated_at: datetime | None = None,
    **values: Any,
) -> Organisation:
    """Change an organisation; the audit log records every changed field as old -> new.

    With ``expected_updated_at`` (the time the editor's form was loaded), a change made by someone
    else in between raises :class:`ConcurrentEditError` instead of being silently overwritten.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if expected_updated_at is not None and organisation.updated_at != expected_updated_at:
        raise ConcurrentEditError(
            _(
                "Someone else changed this organisation while you were editing it. "
                "Reload the page to see their changes, then make yours again."
            )
        )
    before = snapshot(organisation)
    m2m = _set_fields(organisation, values, ORGANISATION_M2M)
    organisation.full_clean()
    organisation.save()
    for name, value in m2m.items():
        getattr(organisation, name).set(value)
    organisation_refresh_search_text(organisation)
    changes = diff(before, snapshot(organisation))
    if changes:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=organisation,
            changes=changes,
            regions=[organisation.region],
        )
    return organisation


PartT = TypeVar("PartT", Service, Location, ContactPerson)


def _part_save(
    model: type[PartT],
    *,
    organisation: Organisation,
    actor: User | None,
    part: PartT | None,
    values: dict[str, Any],
    m2m_names: Iterable[str] = (),
    prepare: Callable[[PartT], None] | None = None,
) -> PartT:
    """Create (``part=None``) or change one part of an organisation's entry, with its audit record."""
    if part is None:
        instance = model(organisation=organisation)
        before: dict[str, Any] = {}
        action = AuditLogEntry.Action.CREATE
    else:
        instance = model._default_manager.select_for_update().get(pk=part.pk, organisation=organisation)
        before = snapshot(instance)
        action = AuditLogEntry.Action.UPDATE
    m2m = _set_fields(instance, values, m2m_names)
    if prepare is not None:
        prepare(instance)
    instance.full_clean()
    instance.save()
    for name, value in m2m.items():
        getattr(instance, name).set(value)
    changes = diff(before, snapshot(instance))
    if changes:
        audit_log_record(
            actor=actor, action=action, obj=instance, changes=changes, regions=[organisation.region]
        )
    return instance


@transaction.atomic
def service_save(
    *, organisation: Organisation, actor: User | None, service: Service | None = None, **values: Any
) -> Service:
    """Create (``service=None``) or change a service of ``organisation``."""
    saved = _part_save(
        Service, organisation=organisation, actor=actor, part=service, values=values, m2m_names=SERVICE_M2M
    )
    organisation_refresh_search_text(organisation)
    return saved


def _stamp_consent(contact: ContactPerson) -> None:
    """Consent is time-stamped, with the wording shown, when it is first given; withdrawal clears it."""
    if contact.consent_to_publish and contact.consent_recorded_at is None:
        contact.consent_recorded_at = timezone.now()
        if not contact.consent_wording:
            contact.consent_wording = str(CONSENT_WORDING)
    if not contact.consent_to_publish:
        contact.consent_recorded_at = None


@transaction.atomic
def contact_person_save(
    *,
    organisation: Organisation,
    actor: User | None,
    contact: ContactPerson | None = None,
    languages: Iterable[Any] | None = None,
    **values: Any,
) -> ContactPerson:
    """Create or change a contact person; consent is time-stamped when it is first given."""
    if languages is not None:
        values["languages"] = languages
    return _part_save(
        ContactPerson,
        organisation=organisation,
        actor=actor,
        part=contact,
        values=values,
        m2m_names=("languages",),
        prepare=_stamp_consent,
    )


def _record_delete(*, actor: User | None, obj: Any, organisation: Organisation) -> None:
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=obj,
        changes=diff(snapshot(obj), {}),
        regions=[organisation.region],
    )


@transaction.atomic
def service_delete(*, service: Service, actor: User | None) -> None:
    service = Service.objects.select_for_update().select_related("organisation__region").get(pk=service.pk)
    organisation = service.organisation
    _record_delete(actor=actor, obj=service, organisation=organisation)
    service.delete()
    organisation_refresh_search_text(organisation)


@transaction.atomic
def location_save(
    *, organisation: Organisation, actor: User | None, location: Location | None = None, **values: Any
) -> Location:
    """Create (``location=None``) or change a location of ``organisation``."""
    return _part_save(Location, organisation=organisation, actor=actor, part=location, values=values)


@transaction.atomic
def location_delete(*, location: Location, actor: User | None) -> None:
    location = Location.objects.select_for_update().select_related("organisation__region").get(pk=location.pk)
    _record_delete(actor=actor, obj=location, organisation=location.organisation)
    location.delete()


@transaction.atomic
def contact_person_delete(*, contact: ContactPerson, actor: User | None) -> None:
    contact = (
        ContactPerson.objects.select_for_update().select_related("organisation__region").get(pk=contact.pk)
    )
    _record_delete(actor=actor, obj=contact, organisation=contact.organisation)
    contact.delete()


@transaction.atomic
def organisation_networks_set(
    *, organisation: Organisation, actor: User | None, memberships: Iterable[tuple[Network, date | None]]
) -> None:
    """Make the organisation's network memberships exactly ``(network, since)``; log what changed."""
    wanted = {network.pk: (network, since) for network, since in memberships}
    current = {m.network_id: m for m in NetworkMembership.objects.filter(organisation=organisation)}
    before = {str(m.network_id): str(m.since or "") for m in current.values()}
    for network_id, membership in current.items():
        if network_id not in wanted:
            membership.delete()
    for network_id, (network, since) in wanted.items():
        existing = current.get(network_id)
        if existing is None:
            NetworkMembership.objects.create(organisation=organisation, network=network, since=since)
        elif existing.since != since:
            existing.since = since
            existing.save(update_fields=["since"])
    after = {str(network_id): str(since or "") for network_id, (_network, since) in wanted.items()}
    if before != after:
        names = dict(Network.objects.filter(pk__in=[*current, *wanted]).values_list("pk", "short_name"))

        def describe(values: dict[str, str]) -> list[str]:
            return sorted(
                f"{names.get(int(pk), pk)} ({since})" if since else str(names.get(int(pk), pk))
                for pk, since in values.items()
            )

        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            obj=organisation,
            changes={"networks": [describe(before), describe(after)]},
            regions=[organisation.region],
        )


@transaction.atomic
def organisation_external_identifiers_set(
    *, organisation: Organisation, actor: User | None, identifiers: Iterable[tuple[str, str]]
) -> None:
    """Make the organisation's identifiers in other registers exactly ``(scheme, identifier)``."""
    wanted = {(scheme.strip().lower(), identifier.strip()) for scheme, identifier in identifiers}
    current = {(e.scheme, e.identifier): e for e in organisation.external_identifiers.all()}
    if set(current) == wanted:
        return
    for key, entry in current.items():
        if key not in wanted:
            entry.delete()
    for scheme, identifier in sorted(wanted - set(current)):
        entry = ExternalIdentifier(organisation=organisation, scheme=scheme, identifier=identifier)
        entry.full_clean()
        entry.save()
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        obj=organisation,
        changes={
            "external_identifiers": [
                sorted(f"{s}:{i}" for s, i in current),
                sorted(f"{s}:{i}" for s, i in wanted),
            ]
        },
        regions=[organisation.region],
    )


# --- Applications to join ----------------------------------------------------------------------------


@transaction.atomic
def organisation_apply(*, applicant: User, message: str = "", **values: Any) -> JoinApplication:
    """A logged-in person asks for a new organisation to be listed; it stays hidden until approved."""
    values["status"] = Organisation.Status.APPLIED
    values["confirmed_at"] = None
    organisation = organisation_create(actor=applicant, **values)
    return JoinApplication.objects.create(organisation=organisation, applicant=applicant, message=message)


def _application_decide(
    *, application: JoinApplication, actor: User, approve: bool, reason: str
) -> JoinApplication:
    application = (
        JoinApplication.objects.select_for_update(of=("self",))
        .select_related("organisation__region", "applicant")
        .get(pk=application.pk)
    )
    if application.status != JoinApplication.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))
    organisation = application.organisation
    before = organisation.status
    application.status = JoinApplication.Status.APPROVED if approve else JoinApplication.Status.REJECTED
    application.reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    organisation.status = Organisation.Status.ACTIVE if approve else Organisation.Status.REJECTED
    if approve:
        organisation.confirmed_at = application.decided_at
    organisation.save(update_fields=["status", "confirmed_at", "updated_at"])
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.APPROVE if approve else AuditLogEntry.Action.REJECT,
        obj=organisation,
        changes={"status": [before, organisation.status], **({"reason": ["", reason]} if reason else {})},
        regions=[organisation.region],
    )
    if approve and application.applicant is not None:
        membership_grant(
            user=application.applicant,
            role=Role.ORGANISATION_EDITOR,
            organisation=organisation,
            actor=actor,
        )
    if application.applicant is not None:
        from integrationsnetz.directory.tasks import send_application_decision

        application_id = application.pk
        transaction.on_commit(lambda: send_application_decision.delay(application_id))
    return application


@transaction.atomic
def application_approve(*, application: JoinApplication, actor: User, reason: str = "") -> JoinApplication:
    """Activate the organisation and make its applicant its editor; the applicant is told by e-mail."""
    return _application_decide(application=application, actor=actor, approve=True, reason=reason)


@transaction.atomic
def application_reject(*, application: JoinApplication, actor: User, reason: str) -> JoinApplication:
    """Turn the application down with a reason that the applicant receives by e-mail."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the applicant a reason.")})
    return _application_decide(application=application, actor=actor, approve=False, reason=reason)


# --- E-mail, sent at most once ------------------------------------------------------------------------


def application_decision_notify(*, application_id: int) -> bool:
    """Tell the applicant the office's decision, in the applicant's language (once)."""
    application = (
        JoinApplication.objects.select_related("organisation", "applicant").filter(pk=application_id).first()
    )
    if application is None or application.applicant is None:
        return False
    if application.status == JoinApplication.Status.PENDING:
        return False
    applicant = application.applicant
    approved = application.status == JoinApplication.Status.APPROVED
    return mail_send_once(
        key=f"application-decision:{application.pk}",
        recipient=applicant.email,
        language=applicant.preferred_language or settings.LANGUAGE_CODE,
        template="directory/email/application_approved"
        if approved
        else "directory/email/application_rejected",
        context={
            "application": application,
            "organisation": application.organisation,
            "applicant": applicant,
            "edit_url": settings.SITE_URL
            + reverse("directory:organisation_edit", args=[application.organisation.slug]),
        },
    )


# --- Yearly confirmation ------------------------------------------------------------------------------


def confirmation_due_before(now: datetime | None = None) -> datetime:
    """Entries last confirmed (or asked) before this moment are due for a confirmation request."""
    now = now or timezone.now()
    months = now.year * 12 + now.month - 1 - settings.DIRECTORY_CONFIRMATION_MONTHS
    year, month = divmod(months, 12)
    # The 31st of a shorter month becomes its last day.
    for day in range(now.day, 27, -1):
        try:
            return now.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    return now.replace(year=year, month=month + 1, day=min(now.day, 28))


def _unconfirmed_since(due: datetime) -> Q:
    return (Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=due)) & (
        Q(confirmation_requested_at__isnull=True) | Q(confirmation_requested_at__lt=due)
    )


def organisations_due_for_confirmation(now: datetime | None = None) -> list[int]:
    """Ids of active organisations unconfirmed for the period and not asked within it."""
    due = confirmation_due_before(now)
    return list(
        Organisation.objects.filter(status=Organisation.Status.ACTIVE)
        .filter(_unconfirmed_since(due))
        .values_list("pk", flat=True)
        .order_by("pk")
    )


@transaction.atomic
def organisation_request_confirmation(*, organisation_id: int, now: datetime | None = None) -> bool:
    """Mark the organisation as asked and, after commit, send the e-mails. False when not due.

    The row is locked and the condition checked again, so that two sweeps running at once (or a
    retried one) ask only once within the period.
    """
    now = now or timezone.now()
    due = confirmation_due_before(now)
    organisation = (
        Organisation.objects.select_for_update()
        .filter(pk=organisation_id, status=Organisation.Status.ACTIVE)
        .filter(_unconfirmed_since(due))
        .first()
    )
    if organisation is None:
        return False
    Organisation.objects.filter(pk=organisation.pk).update(confirmation_requested_at=now)
    from integrationsnetz.directory.tasks import send_confirmation_request

    transaction.on_commit(lambda: send_confirmation_request.delay(organisation_id))
    return True


def confirmation_token(organisation: Organisation) -> str:
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object({"organisation": organisation.pk})


def confirmation_token_read(token: str) -> int:
    """The organisation id in a confirmation link; raises ``SignatureExpired`` or ``BadSignature``."""
    value = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign_object(
        token, max_age=CONFIRMATION_LINK_MAX_AGE
    )
    if not isinstance(value, dict) or not isinstance(value.get("organisation"), int):
        raise signing.BadSignature("unexpected payload")
    return int(value["organisation"])


def confirmation_request_send(*, organisation_id: int) -> int:
    """E-mail the organisation and its editors the one-click link; each recipient at most once per request."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or organisation.confirmation_requested_at is None:
        return 0
    recipients: dict[str, str] = {}
    if organisation.email:
        recipients[organisation.email.lower()] = settings.LANGUAGE_CODE
    editors = User.objects.filter(
        memberships__role=Role.ORGANISATION_EDITOR, memberships__organisation=organisation, is_active=True
    ).only("email", "preferred_language")
    for editor in editors:
        recipients[editor.email.lower()] = editor.preferred_language or settings.LANGUAGE_CODE
    token = confirmation_token(organisation)
    context = {
        "organisation": organisation,
        "confirm_url": settings.SITE_URL + reverse("directory:confirm", args=[token]),
        "edit_url": settings.SITE_URL + reverse("directory:organisation_edit", args=[organisation.slug]),
        "valid_days": CONFIRMATION_LINK_MAX_AGE.days,
    }
    requested = organisation.confirmation_requested_at.isoformat()
    sent = 0
    for email, language in sorted(recipients.items()):
        sent += mail_send_once(
            key=f"confirmation:{organisation.pk}:{requested}:{email}",
            recipient=email,
            language=language,
            template="directory/email/confirmation_request",
            context=context,
        )
    return sent


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, actor: User | None) -> Organisation:
    """The entry is still current: set ``confirmed_at`` (the next request comes a period later)."""
    organisation = Organisation.objects.select_for_update().select_related("region").get(pk=organisation.pk)
    before = str(organisation.confirmed_at or "")
    organisation.confirmed_at = timezone.now()
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=organisation.confirmed_at)
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.CONFIRM,
        obj=organisation,
        changes={"confirmed_at": [before, str(organisation.confirmed_at)]},
        regions=[organisation.region],
    )
    return organisation
