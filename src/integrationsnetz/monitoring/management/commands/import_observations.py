"""``manage.py import_observations FILE --indicator SLUG --region KEY [--shape wide|long] [--dry-run]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.importing import SHAPES, observations_import
from integrationsnetz.monitoring.models import Indicator


class Command(BaseCommand):
    help = "Import observations of an indicator from a CSV or XLSX file (long or wide shape)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV (UTF-8) or XLSX file")
        parser.add_argument("--indicator", required=True, help="slug of the indicator")
        parser.add_argument("--region", required=True, help="official key of the region (AGS)")
        parser.add_argument("--shape", choices=SHAPES, default="wide")
        parser.add_argument("--source", default="", help="source stored with every value of a wide file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, store nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        indicator = Indicator.objects.filter(slug=options["indicator"]).first()
        if indicator is None:
            raise CommandError(f"Unknown indicator {options['indicator']!r}")
        region = Region.objects.filter(key=options["region"]).first()
        if region is None:
            raise CommandError(f"Unknown region key {options['region']!r}")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        plan = observations_import(
            path.name,
            data,
            shape=options["shape"],
            indicator=indicator,
            region=region,
            source=options["source"],
            dry_run=options["dry_run"],
        )
        if plan.errors:
            for error in plan.errors:
                where = f"line {error.row}" if error.row else "file"
                if error.column:
                    where += f", column {error.column}"
                self.stderr.write(f"{where}: {error.message}")
            raise CommandError(f"{len(plan.errors)} problem(s); nothing was stored.")
        if plan.result is None:
            self.stdout.write(f"Dry run: {len(plan.values)} values are fine; nothing was stored.")
            return
        self.stdout.write(
            f"{plan.result.created} created, {plan.result.updated} updated, {plan.result.unchanged} unchanged."
        )
