"""``manage.py generate_demo``: requested counts, deterministic rows, search text as the services write it."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.directory.models import Organisation, Service
from integrationsnetz.directory.search_text import organisation_search_text
from integrationsnetz.directory.services import organisation_create

pytestmark = pytest.mark.django_db


def _generate(count: int, *, seed: int = 1, services: int = 2) -> str:
    out = StringIO()
    call_command(
        "generate_demo",
        organisations=count,
        services_per_organisation=services,
        seed=seed,
        batch_size=7,  # several batches even for a small count
        stdout=out,
    )
    return out.getvalue()


def _snapshot() -> list[tuple[Any, ...]]:
    rows = []
    organisations = Organisation.objects.order_by("pk").prefetch_related(
        "fields_of_action", "target_groups", "languages", "regions_served", "services__languages"
    )
    for organisation in organisations.select_related("region"):
        rows.append(
            (
                organisation.name,
                organisation.kind,
                organisation.description,
                organisation.city,
                organisation.region.key,
                organisation.latitude,
                organisation.longitude,
                organisation.search_text,
                sorted(item.slug for item in organisation.fields_of_action.all()),
                sorted(item.slug for item in organisation.target_groups.all()),
                sorted(item.code for item in organisation.languages.all()),
                sorted(item.key for item in organisation.regions_served.all()),
                [
                    (
                        service.name,
                        service.description,
                        sorted(language.code for language in service.languages.all()),
                    )
                    for service in organisation.services.all()
                ],
            )
        )
    return rows


def test_generates_the_requested_numbers_of_organisations_and_services() -> None:
    output = _generate(30, services=2)

    assert Organisation.objects.count() == 30
    assert Service.objects.count() == 60
    assert "Created 30 organisations and 60 services" in output
    for organisation in Organisation.objects.select_related("region").prefetch_related(
        "services", "languages"
    ):
        assert organisation.services.count() == 2
        assert len({service.name for service in organisation.services.all()}) == 2
        assert organisation.region.path.startswith("/14/")
        assert organisation.email.endswith("@example.org")
        assert organisation.status == Organisation.Status.ACTIVE
        assert "de" in {language.code for language in organisation.languages.all()}
        assert organisation.latitude is not None and organisation.longitude is not None
        assert Decimal("50.1") < organisation.latitude < Decimal("51.7")
        assert Decimal("11.8") < organisation.longitude < Decimal("15.1")
        assert organisation.fields_of_action.exists()


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows() -> None:
    _generate(12, seed=5)
    first = _snapshot()
    Organisation.objects.all().delete()

    _generate(12, seed=5)
    assert _snapshot() == first
    Organisation.objects.all().delete()

    _generate(12, seed=6)
    assert _snapshot() != first


def test_generated_search_text_matches_the_service_layer() -> None:
    _generate(15)

    organisations = Organisation.objects.select_related("region")
    # The command writes the search text in the site's default language; compare in the same one.
    with translation.override(django_settings.LANGUAGE_CODE):
        for organisation in organisations:
            expected = organisation_search_text(organisation)
            # Same parts; the order of equal-ranked vocabulary names may follow the database collation.
            assert set(organisation.search_text.split("\n")) == set(expected.split("\n"))


def test_generated_rows_leave_room_for_the_next_ordinary_organisation() -> None:
    _generate(5)
    region = Organisation.objects.first().region  # type: ignore[union-attr]

    created = organisation_create(
        actor=None, name="Neuer Verein nach dem Generator e. V.", kind="association", region=region
    )

    assert created.pk > max(Organisation.objects.exclude(pk=created.pk).values_list("pk", flat=True))
    assert AuditLogEntry.objects.filter(object_type="directory.organisation").count() == 1


def test_zero_organisations_creates_nothing() -> None:
    _generate(0)

    assert not Organisation.objects.exists()


def test_negative_counts_are_refused() -> None:
    with pytest.raises(CommandError):
        call_command("generate_demo", organisations=-1, stdout=StringIO())


def test_generate_demo_refuses_to_run_in_production(settings: Any) -> None:
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        _generate(3)

    assert not Organisation.objects.exists()
