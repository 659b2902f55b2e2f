"""``manage.py request_confirmations``: the yearly confirmation sweep, for cron when no beat runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from integrationsnetz.directory.tasks import request_confirmations


class Command(BaseCommand):
    help = (
        "E-mail every organisation unconfirmed for DIRECTORY_CONFIRMATION_MONTHS a link to confirm its entry."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = request_confirmations()
        self.stdout.write(f"Asked {count} organisation(s) to confirm their entry.")
