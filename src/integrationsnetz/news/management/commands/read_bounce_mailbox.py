"""Read delivery status notifications from the bounce mailbox; hard bounces put addresses on hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integrationsnetz.news.bounces import bounce_mailbox_read


class Command(BaseCommand):
    help = "Read bounce reports (DSN) from a Maildir directory or an mbox file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Maildir directory or mbox file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        seen, recorded = bounce_mailbox_read(path)
        self.stdout.write(f"{seen} bounce reports read, {recorded} new")
