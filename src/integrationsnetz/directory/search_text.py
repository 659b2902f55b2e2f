"""The text of an organisation that full-text search reads, built in one place.

Vocabulary names go in both languages so that an English query ("housing") finds a German entry.
Only public data belongs here: the text is searchable by everyone, so contact persons are left out.
"""

from __future__ import annotations

import functools

from django.utils import translation

from integrationsnetz.directory.models import Organisation


@functools.lru_cache(maxsize=64)
def kind_labels(kind: str) -> tuple[str, ...]:
    """The kind's name in German and English, whatever language the saving request speaks."""
    labels = []
    for language in ("de", "en"):
        with translation.override(language):
            labels.append(str(Organisation.Kind(kind).label))
    return tuple(labels)


def organisation_search_text(organisation: Organisation) -> str:
    """Names, description, places, vocabularies, and the names and descriptions of its services."""
    parts = [
        organisation.name,
        organisation.short_name,
        organisation.description,
        organisation.postal_code,
        organisation.city,
        *(kind_labels(organisation.kind) if organisation.kind else ()),
    ]
    if organisation.region_id:
        parts.append(organisation.region.name)
    if organisation.pk:
        parts += [region.name for region in organisation.regions_served.all()]
        for vocabulary in (organisation.fields_of_action.all(), organisation.target_groups.all()):
            for term in vocabulary:
                parts += [term.name_de, term.name_en]
        for language in organisation.languages.all():
            parts += [language.name_de, language.name_en]
        for service in organisation.services.exclude(status="defunct"):
            parts += [service.name, service.description]
        parts += [location.city for location in organisation.locations.all()]
    seen: set[str] = set()
    unique = []
    for part in parts:
        if part and part not in seen:
            seen.add(part)
            unique.append(part)
    return "\n".join(unique)
