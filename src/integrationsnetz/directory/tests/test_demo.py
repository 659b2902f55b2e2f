"""The directory half of ``manage.py load_demo``: the seeds' organisations, networks and demo users."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role, User
from integrationsnetz.directory.models import (
    ContactPerson,
    Location,
    Network,
    NetworkMembership,
    Organisation,
    Service,
)
from integrationsnetz.directory.selectors import SearchFilters, organisation_search

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """Load the demo once for this module, inside a transaction that is rolled back at its end.

    Each test runs in a savepoint inside it (pytest-django's ``db``), so tests stay isolated while
    the loader, the slow part, runs once.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo_output(_demo_loaded: str, db: Any) -> str:
    return _demo_loaded


def _state() -> dict[str, Any]:
    """Everything the loader writes, to compare two runs."""
    return {
        "counts": [
            model.objects.count()
            for model in (
                Organisation,
                Service,
                Location,
                ContactPerson,
                Network,
                NetworkMembership,
                User,
                Membership,
                AuditLogEntry,
            )
        ],
        "organisations": list(
            Organisation.objects.order_by("pk").values_list("pk", "updated_at", "search_text")
        ),
        "services": list(Service.objects.order_by("pk").values_list("pk", "updated_at")),
        "passwords": list(User.objects.order_by("pk").values_list("password", flat=True)),
    }


def test_psz_leipzig_and_das_boot_are_found_by_psychosoziale(demo_output: str) -> None:
    psz = Organisation.objects.select_related("region").get(slug="psz-leipzig")
    boot = Organisation.objects.select_related("region").get(slug="das-boot-ggmbh")

    assert (psz.short_name, psz.kind, psz.region.key) == (
        "PSZ Leipzig",
        Organisation.Kind.COUNSELLING,
        "14713",
    )
    assert (boot.name, boot.kind, boot.region.key) == (
        "das BOOT gGmbH",
        Organisation.Kind.COUNSELLING,
        "14612",
    )
    found = set(
        Organisation.objects.filter(search_text__icontains="psychosoziale").values_list("slug", flat=True)
    )
    assert {"psz-leipzig", "das-boot-ggmbh"} <= found
    assert psz.services.filter(name__icontains="Psychosoziale Beratung").exists()
    assert psz.contacts.get().function == "Projektleitung"
    assert boot.contacts.get().name == "Tilo Erning"


def test_the_public_search_finds_both_psychosocial_centres(demo_output: str) -> None:
    result = organisation_search(SearchFilters(query="psychosoziale"), page_size=50)

    assert {"psz-leipzig", "das-boot-ggmbh"} <= {organisation.slug for organisation in result.organisations}


def test_the_state_commissioners_office_has_the_address_of_the_press_release(demo_output: str) -> None:
    office = Organisation.objects.get(slug="geschaeftsstelle-saechsischer-auslaenderbeauftragter")

    assert (office.street, office.postal_code, office.city) == (
        "Bernhard-von-Lindenau-Platz 1",
        "01067",
        "Dresden",
    )
    assert office.phone == "0351 493-5171"
    assert office.kind == Organisation.Kind.COMMISSIONER
    press = office.contacts.get(name="Markus Guffler")
    assert (press.function, press.email, press.phone) == ("Presse- und Öffentlichkeitsarbeit", "", "")


def test_nordsachsen_migration_service_contact_points_carry_the_newsletters_numbers(demo_output: str) -> None:
    office = Organisation.objects.select_related("parent").get(slug="ama-nordsachsen")

    assert office.parent is not None and office.parent.slug == "landratsamt-nordsachsen"
    phones = {location.city: location.phone for location in office.locations.select_related("region")}
    assert phones == {
        "Eilenburg": "0151/58049677",
        "Delitzsch": "0151/58049672",
        "Oschatz": "0160/90742106",
        "Schkeuditz": "0151/58049668",
        "Taucha": "0151/58049669",
        "Torgau": "0151/58049673",
    }
    assert all(
        location.region is not None and location.region.path.startswith("/14/14730/")
        for location in office.locations.select_related("region")
    )
    general = office.services.get(name="Allgemeiner Migrationsdienst (AMD)")
    assert general.locations.count() == 6
    assert set(general.service_areas.values_list("key", flat=True)) == {
        "14730-SR-EIL",
        "14730-SR-DZ",
        "14730-SR-OZ",
        "14730-SR-SKD",
        "14730-SR-TA",
        "14730-SR-TO",
    }
    assert office.services.get(name="Rückkehrberatung").application_process == "Telefon 0151/58049671"


def test_every_organisation_the_issue_lists_is_there(demo_output: str) -> None:
    names = " | ".join(Organisation.objects.values_list("name", flat=True))
    short_names = set(Organisation.objects.values_list("short_name", flat=True))
    for expected in (
        "Regionaldirektion Sachsen",
        "IT-hilft gGmbH",
        "Verbraucherzentrale Sachsen",
        "Sächsischer Flüchtlingsrat",
        "Landratsamt Nordsachsen",
        "Landratsamt Mittelsachsen",
        "Agentur für Arbeit Leipzig",
        "Jobcenter Leipzig",
        "Handwerkskammer zu Leipzig",
        "Industrie- und Handelskammer zu Leipzig",
        "Landessportbund Sachsen",
        "LIGA der Freien Wohlfahrtspflege",
        "Landeszentrale für politische Bildung",
        "ichhelfe.jetzt",
        "Stadt Radebeul",
        "Deutsches Hygiene-Museum Dresden",
        "Saxonia Systems AG",
        "Landratsamt Landkreis Leipzig",
        "Bundesamt für Migration und Flüchtlinge",
        "Sächsisches Staatsministerium für Soziales",
    ):
        assert expected in names, expected
    assert {"DSMO", "SLMO", "INS", "IQ Sachsen", "INT mbH", "BAMF", "PSZ Leipzig"} <= short_names
    assert (
        Organisation.objects.filter(status=Organisation.Status.ACTIVE).count() == Organisation.objects.count()
    )


def test_networks_and_memberships_with_known_since_dates(demo_output: str) -> None:
    nims = Network.objects.get(short_name="NIMS")
    assert nims.founded == datetime.date(2010, 1, 1) and nims.region.key == "14"
    assert set(Network.objects.values_list("short_name", flat=True)) == {
        "NIMS",
        "KAIB",
        "AK IBA Mittelsachsen",
        "NI Nordsachsen",
        "RESQUE Plus",
    }
    office = NetworkMembership.objects.get(
        network=nims, organisation__slug="geschaeftsstelle-saechsischer-auslaenderbeauftragter"
    )
    assert office.since == datetime.date(2010, 1, 1)
    resque = NetworkMembership.objects.filter(
        network__short_name="RESQUE Plus", since=datetime.date(2010, 12, 1)
    )
    assert {membership.organisation.slug for membership in resque.select_related("organisation")} >= {
        "saechsischer-fluechtlingsrat",
        "int-mbh",
        "agentur-fuer-arbeit-leipzig",
        "jobcenter-leipzig",
        "hwk-leipzig",
        "ihk-leipzig",
    }
    assert NetworkMembership.objects.filter(network__short_name="AK IBA Mittelsachsen").count() >= 4


def test_no_contact_person_is_public_and_none_has_direct_contact_data(demo_output: str) -> None:
    contacts = ContactPerson.objects.all()

    assert contacts.count() > 20
    assert not any(contact.is_public or contact.consent_to_publish for contact in contacts)
    assert not contacts.exclude(email="").exists()
    assert not contacts.exclude(phone="").exists()


def test_every_e_mail_address_is_an_example_org_address(demo_output: str) -> None:
    addresses = [
        *Organisation.objects.exclude(email="").values_list("email", flat=True),
        *Service.objects.exclude(email="").values_list("email", flat=True),
        *ContactPerson.objects.exclude(email="").values_list("email", flat=True),
        *User.objects.values_list("email", flat=True),
    ]

    assert addresses
    assert all(address.endswith("@example.org") for address in addresses)


def test_demo_users_one_per_role_printed_with_password_and_second_factor_note(demo_output: str) -> None:
    # The logins; other modules' fictitious people (e.g. volunteers) have no usable password.
    logins = Membership.objects.exclude(user__password__startswith="!")
    roles = {
        email: (role, region or "", organisation or "")
        for email, role, region, organisation in logins.values_list(
            "user__email", "role", "region__key", "organisation__slug"
        )
    }

    assert roles == {
        "office@example.org": (Role.OFFICE_ADMIN, "", ""),
        "nordsachsen@example.org": (Role.REGIONAL_COORDINATOR, "14730", ""),
        "mittelsachsen@example.org": (Role.REGIONAL_COORDINATOR, "14522", ""),
        "editor@example.org": (Role.ORGANISATION_EDITOR, "", "it-hilft-ggmbh"),
        "member@example.org": (Role.MEMBER, "", "saechsischer-fluechtlingsrat"),
        "volunteer@example.org": (Role.VOLUNTEER, "", ""),
    }
    assert User.objects.get(email="office@example.org").check_password("demo-integrationsnetz")
    for email in roles:
        assert email in demo_output
    assert "demo-integrationsnetz" in demo_output
    assert "TOTP" in demo_output


def test_the_audit_log_records_the_created_organisations(demo_output: str) -> None:
    entries = AuditLogEntry.objects.filter(
        object_type="directory.organisation", action=AuditLogEntry.Action.CREATE
    )

    assert entries.count() == Organisation.objects.count()
    assert AuditLogEntry.objects.filter(object_type="directory.location").count() == Location.objects.count()


def test_running_load_demo_twice_changes_nothing(demo_output: str) -> None:
    before = _state()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert _state() == before
    assert "Created 0 regions" in out.getvalue()
    assert "0 organisations (0 updated)" in out.getvalue()
