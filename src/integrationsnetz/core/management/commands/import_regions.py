"""``manage.py import_regions FILE [--dry-run]``: more regions (other states, municipalities) from CSV/XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integrationsnetz.core.importing import (
    ImportFailed,
    RowError,
    region_rows_check,
    region_table_read,
    regions_apply,
)


def format_errors(errors: list[RowError]) -> str:
    return "\n".join(
        f"row {error.row}" + (f", column {error.column}" if error.column else "") + f": {error.message}"
        for error in errors
    )


class Command(BaseCommand):
    help = "Import regions from a CSV or XLSX file with the columns key, name, kind, parent (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        table = region_table_read(path.name, data)
        if table.errors:
            raise CommandError("The file cannot be imported:\n" + format_errors(table.errors))
        plan = region_rows_check(table.rows)
        if plan.errors:
            raise CommandError("Nothing was saved:\n" + format_errors(plan.errors))
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {plan.creates} new, {plan.updates} changed regions; nothing saved.")
            return
        try:
            plan = regions_apply(table.rows)
        except ImportFailed as failure:
            raise CommandError("Nothing was saved:\n" + format_errors(failure.errors)) from failure
        self.stdout.write(
            self.style.SUCCESS(f"Imported {plan.creates} new and {plan.updates} changed regions.")
        )
