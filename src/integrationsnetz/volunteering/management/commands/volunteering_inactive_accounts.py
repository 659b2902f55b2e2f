"""Notify volunteers whose accounts have been unused for the period and delete those notified earlier."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from integrationsnetz.volunteering import services


class Command(BaseCommand):
    help = "Notify inactive volunteer accounts and delete those whose notice period has passed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count, change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            due = services.inactive_volunteers(timezone.now()).count()
            self.stdout.write(f"{due} inactive volunteer account(s) would be notified or deleted.")
            return
        notified = services.inactive_volunteers_notify()
        deleted = services.inactive_volunteers_delete()
        self.stdout.write(f"Notified {notified}, deleted {deleted} inactive volunteer account(s).")
