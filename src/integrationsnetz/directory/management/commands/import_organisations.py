"""``manage.py import_organisations FILE [--dry-run] [--user EMAIL]``: the upload page's import, from a shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integrationsnetz.accounts.models import User
from integrationsnetz.core.importing import ImportFailed, RowError
from integrationsnetz.directory.importing import (
    organisation_rows_check,
    organisation_table_read,
    organisations_import,
)


def format_errors(errors: list[RowError]) -> str:
    return "\n".join(
        f"row {error.row}" + (f", column {error.column}" if error.column else "") + f": {error.message}"
        for error in errors
    )


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file; every row is saved, or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")
        parser.add_argument(
            "--user",
            default="",
            help="E-mail of the user to import as (their rights apply; the audit log names them).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        actor = None
        if options["user"]:
            actor = User.objects.filter(email=options["user"].lower(), is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {options['user']}")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        table = organisation_table_read(path.name, data)
        if table.errors:
            raise CommandError("The file cannot be imported:\n" + format_errors(table.errors))
        plan = organisation_rows_check(table.rows, user=actor)
        if plan.errors:
            raise CommandError("Nothing was saved:\n" + format_errors(plan.errors))
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {plan.creates} new, {plan.updates} changed organisations; nothing saved."
            )
            return
        try:
            result = organisations_import(table.rows, actor=actor)
        except ImportFailed as failure:
            raise CommandError("Nothing was saved:\n" + format_errors(failure.errors)) from failure
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result['created']} new and {result['updated']} changed organisations."
            )
        )
