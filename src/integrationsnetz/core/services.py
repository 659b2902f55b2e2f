"""Writes of regions and vocabularies."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from integrationsnetz.core.models import Region


@transaction.atomic
def region_save(*, key: str, name: str, kind: str, parent: Region | None) -> Region:
    """Create or update the region with this official key, keeping ``path`` of it and below it right."""
    region = Region.objects.select_for_update().filter(key=key).first()
    if region is None:
        region = Region(key=key)
    old_path = region.path
    region.name = name
    region.kind = Region.Kind(kind)
    region.parent = parent
    region.path = region.compute_path()
    region.depth = region.path.count("/") - 2
    region.full_clean(exclude=["path"])
    region.save()
    if old_path and old_path != region.path:
        for descendant in Region.objects.filter(path__startswith=old_path).exclude(pk=region.pk):
            descendant.path = region.path + descendant.path[len(old_path) :]
            descendant.depth = descendant.path.count("/") - 2
            descendant.save(update_fields=["path", "depth"])
    return region


def region_save_many(rows: list[dict[str, Any]]) -> list[Region]:
    """Save rows of ``key, name, kind, parent_key`` in order (parents before children)."""
    saved: dict[str, Region] = {}
    result = []
    for row in rows:
        parent_key = row.get("parent_key") or ""
        parent = saved.get(parent_key) or (Region.objects.get(key=parent_key) if parent_key else None)
        region = region_save(key=row["key"], name=row["name"], kind=row["kind"], parent=parent)
        saved[region.key] = region
        result.append(region)
    return result
