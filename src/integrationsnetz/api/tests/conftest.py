"""Directory data the API tests read: vocabularies, services, a location and two contact persons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from integrationsnetz.api.services import api_token_create
from integrationsnetz.core.tests.factories import FieldOfActionFactory, LanguageFactory, TargetGroupFactory
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
)


@dataclass
class Data:
    actors: Any
    health: Any
    language_course: Any
    refugees: Any
    arabic: Any
    location: Any
    service: Any
    other_service: Any
    public_contact: Any
    private_contact: Any
    hidden: Any


@pytest.fixture
def data(actors: Any) -> Data:
    health = FieldOfActionFactory(slug="gesundheit", name_de="Gesundheit", name_en="Health")
    language_course = FieldOfActionFactory(slug="sprache", name_de="Sprache", name_en="Language")
    refugees = TargetGroupFactory(slug="gefluechtete", name_de="Geflüchtete", name_en="Refugees")
    arabic = LanguageFactory(code="ar")
    organisation = actors.organisation
    organisation.description = "Psychosoziale Beratung in Eilenburg"
    organisation.phone = "+49 3423 000000"
    organisation.save()
    organisation.fields_of_action.set([health])
    organisation.target_groups.set([refugees])
    location: Any = LocationFactory(
        organisation=organisation,
        name="Beratungsstelle Eilenburg",
        city="Eilenburg",
        street="Markt 1",
        postal_code="04838",
        latitude="51.459000",
        longitude="12.633000",
        phone="+49 3423 000001",
    )
    service: Any = ServiceFactory(
        organisation=organisation,
        name="Psychosoziale Beratung",
        description="Beratung für Geflüchtete",
        opening_hours="Mo–Fr 9–12 Uhr",
        minimum_age=16,
    )
    service.fields_of_action.set([health])
    service.target_groups.set([refugees])
    service.languages.set([arabic])
    service.service_areas.set([actors.nordsachsen])
    service.locations.set([location])
    other_service: Any = ServiceFactory(organisation=actors.other_organisation, name="Sprachcafé Freiberg")
    other_service.fields_of_action.set([language_course])
    other_service.service_areas.set([actors.mittelsachsen])
    public_contact = ContactPersonFactory(
        organisation=organisation,
        name="Erika Beispiel",
        function="Beratung",
        email="erika@example.org",
        consent_to_publish=True,
        consent_recorded_at=timezone.now(),
    )
    private_contact = ContactPersonFactory(
        organisation=organisation,
        name="Max Verborgen",
        function="Leitung",
        email="max@example.org",
    )
    hidden = OrganisationFactory(
        name="Noch nicht freigegeben", status=Organisation.Status.APPLIED, region=actors.eilenburg
    )
    ServiceFactory(organisation=hidden, name="Verborgener Dienst")
    return Data(
        actors=actors,
        health=health,
        language_course=language_course,
        refugees=refugees,
        arabic=arabic,
        location=location,
        service=service,
        other_service=other_service,
        public_contact=public_contact,
        private_contact=private_contact,
        hidden=hidden,
    )


@pytest.fixture
def token_for() -> Any:
    """``token_for(user)`` issues an API token and returns the Authorization header value."""

    def issue(user: Any) -> str:
        _, plain = api_token_create(user=user, name="test")
        return f"Bearer {plain}"

    return issue
