"""The directory's part of a person's data export and account deletion: contact persons with their address.

Registered with :mod:`integrationsnetz.accounts.personal_data` from ``DirectoryConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from integrationsnetz.accounts import personal_data
from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.accounts.services import audit_log_record
from integrationsnetz.directory.models import ContactPerson

# Stands in for the name of an erased contact; the entry itself stays, as the organisation's contact
# point may still be needed by newcomers ("N. N." = name unknown).
ERASED_NAME = "N. N."
ERASED = "erased"
PERSONAL_FIELDS = ("name", "email", "phone", "consent_to_publish", "consent_recorded_at", "consent_wording")


def _contacts_of(user: Any) -> Any:
    if not user.email:
        return ContactPerson.objects.none()
    return ContactPerson.objects.filter(email__iexact=user.email)


def export_contact_persons(user: Any) -> dict[str, Any]:
    contacts = _contacts_of(user).select_related("organisation").prefetch_related("languages").order_by("pk")
    return {
        "contact_persons": [
            {
                "organisation": contact.organisation.name,
                "name": contact.name,
                "function": contact.function,
                "email": contact.email,
                "phone": contact.phone,
                "languages": [language.code for language in contact.languages.all()],
                "consent_to_publish": contact.consent_to_publish,
                "consent_recorded_at": (
                    contact.consent_recorded_at.isoformat() if contact.consent_recorded_at else None
                ),
                "consent_wording": contact.consent_wording,
            }
            for contact in contacts
        ]
    }


@transaction.atomic
def erase_contact_persons(user: Any) -> None:
    """Remove the person's name, address and phone from contact entries and withdraw the consent.

    The audit log keeps that a change happened, but not the values: earlier entries of the contact
    lose theirs, and the new entry names only the erased fields.
    """
    for contact in _contacts_of(user).select_for_update(of=("self",)).select_related("organisation"):
        contact.name = ERASED_NAME
        contact.email = ""
        contact.phone = ""
        contact.consent_to_publish = False
        contact.consent_recorded_at = None
        contact.consent_wording = ""
        contact.save()
        contact.languages.clear()
        _erase_audit_values(contact.pk)
        audit_log_record(
            actor=None,
            action=AuditLogEntry.Action.UPDATE,
            obj=contact,
            changes={field: [ERASED, ""] for field in PERSONAL_FIELDS},
            regions=[contact.organisation.region],
        )


def _erase_audit_values(contact_id: int) -> None:
    entries = AuditLogEntry.objects.filter(object_type="directory.contactperson", object_id=str(contact_id))
    for entry in entries:
        entry.object_repr = ERASED_NAME
        entry.changes = {
            field: ([ERASED, ERASED] if field in PERSONAL_FIELDS else values)
            for field, values in (entry.changes or {}).items()
        }
        entry.save(update_fields=["object_repr", "changes"])


personal_data.register("directory", exporter=export_contact_persons, eraser=erase_contact_persons)
