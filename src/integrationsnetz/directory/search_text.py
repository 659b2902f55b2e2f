"""The text of an organisation that full-text search reads, built in one place."""

from __future__ import annotations

from integrationsnetz.directory.models import Organisation


def organisation_search_text(organisation: Organisation) -> str:
    """Names, description, places, and the names and descriptions of its services."""
    parts = [
        organisation.name,
        organisation.short_name,
        organisation.description,
        organisation.city,
        organisation.get_kind_display(),
    ]
    if organisation.pk:
        for service in organisation.services.all():
            parts += [service.name, service.description]
    return "\n".join(part for part in parts if part)
