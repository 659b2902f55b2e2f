"""The guide's part of a person's data export and account deletion: translator roles and their work.

Editions and translations keep their content when the account goes (they are the network's records);
the link to the person is cut by ``on_delete=SET_NULL`` on ``published_by`` and ``translated_by``.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts import personal_data
from integrationsnetz.guide.models import Edition, Translation, Translator


def export_guide(user: Any) -> dict[str, Any]:
    return {
        "translator_languages": list(
            Translator.objects.filter(user_id=user.pk).order_by("language").values_list("language", flat=True)
        ),
        "translations": [
            {"kind": row.kind, "object_id": row.object_id, "field": row.field, "language": row.language}
            for row in Translation.objects.filter(translated_by_id=user.pk).order_by("pk")
        ],
        "editions_published": [
            {"region": key, "number": number}
            for key, number in Edition.objects.filter(published_by_id=user.pk)
            .order_by("pk")
            .values_list("region__key", "number")
        ],
    }


def erase_guide(user: Any) -> None:
    Translator.objects.filter(user_id=user.pk).delete()


personal_data.register("guide", exporter=export_guide, eraser=erase_guide)
