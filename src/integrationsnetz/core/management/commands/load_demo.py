"""``manage.py load_demo``: the demo data from the source documents, and one demo login per role.

The command composes the apps' own loaders (core: regions and vocabularies; directory: networks,
organisations, users; then monitoring and the modules, each ``<app>.demo.load_demo``). It lives in
core because ``make run`` needs it before anything else; it imports the other loaders inside
``handle`` so that core's modules import nothing from the domain apps. Running it again changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from integrationsnetz.core.demo.loader import core_demo_load


class Command(BaseCommand):
    help = "Load the demo data (regions, vocabularies, networks, organisations, demo users)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even in production (creates demo logins!)."
        )
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "Refusing to load demo data in production: it creates logins with a published "
                "password. Use --force if you really mean it."
            )
        from integrationsnetz.accommodation.demo import load_demo as accommodation_demo_load
        from integrationsnetz.actionplan.demo import load_demo as actionplan_demo_load
        from integrationsnetz.directory.demo import directory_demo_load
        from integrationsnetz.guide.demo import load_demo as guide_demo_load
        from integrationsnetz.meetings.demo import load_demo as meetings_demo_load
        from integrationsnetz.monitoring.demo import load_demo as monitoring_demo_load
        from integrationsnetz.news.demo import load_demo as news_demo_load
        from integrationsnetz.volunteering.demo import load_demo as volunteering_demo_load

        # The search text is built in the site's default language (German stemming in the index).
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            core = core_demo_load()
            directory = directory_demo_load(with_users=not options["no_users"])
            monitoring_demo_load()
            # The modules in the order they build on each other (news quotes meetings and figures).
            summaries = [
                load()
                for load in (
                    guide_demo_load,
                    meetings_demo_load,
                    volunteering_demo_load,
                    actionplan_demo_load,
                    accommodation_demo_load,
                    news_demo_load,
                )
            ]

        self.stdout.write(
            f"Created {core.regions} regions, {core.fields_of_action} fields of action, "
            f"{core.target_groups} target groups, {core.languages} languages, "
            f"{directory.networks} networks, {directory.organisations} organisations "
            f"({directory.organisations_updated} updated), {directory.services} services, "
            f"{directory.locations} locations, {directory.contacts} contact persons, "
            f"{directory.memberships} network memberships."
        )
        for summary in summaries:
            if summary:
                self.stdout.write(summary)
        if not directory.users:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (demo only, never use these passwords elsewhere):"))
        for user in directory.users:
            scope = f" – {user['scope']}" if user["scope"] else ""
            self.stdout.write(f"  {user['email']:<28} {user['password']:<24} {user['role']}{scope}")
        self.stdout.write(
            "The coordinating office and the regional coordinators must set up a second factor "
            "(TOTP, an authenticator app) at their first login."
        )
