"""Load the regions and vocabularies of the demo from the CSV files in this package.

Only rows that are missing are created: running the loader again changes nothing, and names the
office has edited since are kept.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.core.services import region_save_many

DEMO_DIR = Path(__file__).resolve().parent
REGIONS_FILE = DEMO_DIR / "regions_sachsen.csv"


@dataclass
class CoreDemoResult:
    regions: int = 0
    fields_of_action: int = 0
    target_groups: int = 0
    languages: int = 0


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def regions_load(path: Path = REGIONS_FILE) -> int:
    """Create the regions of ``path`` that do not exist yet (rows list parents before children)."""
    existing = set(Region.objects.values_list("key", flat=True))
    rows = [
        {"key": row["key"], "name": row["name"], "kind": row["kind"], "parent_key": row["parent"]}
        for row in read_rows(path)
        if row["key"] not in existing
    ]
    region_save_many(rows)
    return len(rows)


def _create_missing(model: type[FieldOfAction] | type[TargetGroup], rows: list[dict[str, str]]) -> int:
    existing = set(model.objects.values_list("slug", flat=True))
    created = [
        model(
            slug=row["slug"],
            name_de=row["name_de"],
            name_en=row["name_en"],
            description=row.get("description", ""),
            position=int(row["position"] or 0),
        )
        for row in rows
        if row["slug"] not in existing
    ]
    for item in created:
        item.full_clean()
        item.save()
    return len(created)


def vocabularies_load() -> tuple[int, int, int]:
    """Fields of action, target groups and languages; returns how many of each were created."""
    fields = _create_missing(FieldOfAction, read_rows(DEMO_DIR / "fields_of_action.csv"))
    groups = _create_missing(TargetGroup, read_rows(DEMO_DIR / "target_groups.csv"))
    existing_codes = set(Language.objects.values_list("code", flat=True))
    languages = 0
    for row in read_rows(DEMO_DIR / "languages.csv"):
        if row["code"] in existing_codes:
            continue
        language = Language(
            code=row["code"],
            name_de=row["name_de"],
            name_en=row["name_en"],
            native_name=row["native_name"],
            direction=Language.Direction(row["direction"]),
        )
        language.full_clean()
        language.save()
        languages += 1
    return fields, groups, languages


@transaction.atomic
def core_demo_load() -> CoreDemoResult:
    """Regions and vocabularies of the demo, in one transaction."""
    regions = regions_load()
    fields, groups, languages = vocabularies_load()
    return CoreDemoResult(regions=regions, fields_of_action=fields, target_groups=groups, languages=languages)
