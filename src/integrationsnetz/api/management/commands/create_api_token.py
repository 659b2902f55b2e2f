"""``manage.py create_api_token EMAIL [--name NAME] [--days N]``: issue a write token for a user."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from integrationsnetz.accounts.models import User
from integrationsnetz.api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for the user with this e-mail address and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="API", help="What the token is used for.")
        parser.add_argument("--days", type=int, default=0, help="Expire after this many days (0: never).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active user with the e-mail address {options['email']!r}.")
        if options["days"] < 0:
            raise CommandError("--days must not be negative.")
        expires_at = timezone.now() + timedelta(days=options["days"]) if options["days"] else None
        token, plain = api_token_create(user=user, name=options["name"], expires_at=expires_at)
        # The plain token exists only in this output; the database keeps its hash.
        self.stdout.write(plain)
        self.stderr.write(f"Token {token.prefix}… for {user.email} created; it is not shown again.")
