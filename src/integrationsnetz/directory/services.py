"""Every write to the directory: views, API, admin, imports and commands all call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.directory.models import ContactPerson, Organisation, Service
from integrationsnetz.directory.search_text import organisation_search_text

ORGANISATION_M2M = ("regions_served", "fields_of_action", "target_groups", "languages")
SERVICE_M2M = ("languages", "fields_of_action", "target_groups", "service_areas", "locations")


def _unique_slug(name: str, exclude_pk: int = 0) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
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
def organisation_update(*, organisation: Organisation, actor: User | None, **values: Any) -> Organisation:
    """Change an organisation; the audit log records every changed field as old -> new."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
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


@transaction.atomic
def service_save(
    *, organisation: Organisation, actor: User | None, service: Service | None = None, **values: Any
) -> Service:
    """Create (``service=None``) or change a service of ``organisation``."""
    if service is None:
        service = Service(organisation=organisation)
        before: dict[str, Any] = {}
        action = AuditLogEntry.Action.CREATE
    else:
        service = Service.objects.select_for_update().get(pk=service.pk, organisation=organisation)
        before = snapshot(service)
        action = AuditLogEntry.Action.UPDATE
    m2m = _set_fields(service, values, SERVICE_M2M)
    service.full_clean()
    service.save()
    for name, value in m2m.items():
        getattr(service, name).set(value)
    organisation_refresh_search_text(organisation)
    changes = diff(before, snapshot(service))
    if changes:
        audit_log_record(
            actor=actor, action=action, obj=service, changes=changes, regions=[organisation.region]
        )
    return service


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
    if contact is None:
        contact = ContactPerson(organisation=organisation)
        before: dict[str, Any] = {}
        action = AuditLogEntry.Action.CREATE
    else:
        contact = ContactPerson.objects.select_for_update().get(pk=contact.pk, organisation=organisation)
        before = snapshot(contact)
        action = AuditLogEntry.Action.UPDATE
    for name, value in values.items():
        setattr(contact, name, value)
    if contact.consent_to_publish and contact.consent_recorded_at is None:
        contact.consent_recorded_at = timezone.now()
    if not contact.consent_to_publish:
        contact.consent_recorded_at = None
    contact.full_clean()
    contact.save()
    if languages is not None:
        contact.languages.set(languages)
    changes = diff(before, snapshot(contact))
    if changes:
        audit_log_record(
            actor=actor, action=action, obj=contact, changes=changes, regions=[organisation.region]
        )
    return contact
