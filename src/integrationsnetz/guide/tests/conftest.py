"""A small guide on top of the shared actors: two matters, three target groups, entries on three levels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from integrationsnetz.core.models import TargetGroup
from integrationsnetz.core.tests.factories import FieldOfActionFactory, TargetGroupFactory
from integrationsnetz.directory.models import ContactPerson, Organisation
from integrationsnetz.directory.tests.factories import ContactPersonFactory, OrganisationFactory
from integrationsnetz.guide import services
from integrationsnetz.guide.models import InfoPage, Matter, Responsibility


@dataclass
class Guide:
    asylum: TargetGroup
    recognised: TargetGroup
    eu: TargetGroup
    permit: Matter
    course: Matter
    bamf: Organisation
    office: Organisation
    contact: ContactPerson
    state_entry: Responsibility
    district_entry: Responsibility
    town_entry: Responsibility
    page: InfoPage


@pytest.fixture
def guide(actors: Any, settings: Any, tmp_path: Any) -> Guide:
    settings.MEDIA_ROOT = tmp_path
    law: Any = FieldOfActionFactory(
        slug="asyl-aufenthaltsrecht", name_de="Asyl- und Aufenthaltsrecht", name_en="Asylum law"
    )
    language: Any = FieldOfActionFactory(slug="sprache", name_de="Sprache", name_en="Language")
    asylum: Any = TargetGroupFactory(
        slug="asylsuchende", name_de="Asylsuchende", name_en="Asylum seekers", position=1
    )
    recognised: Any = TargetGroupFactory(
        slug="anerkannte-gefluechtete",
        name_de="Anerkannte Geflüchtete",
        name_en="Recognised refugees",
        position=2,
    )
    eu: Any = TargetGroupFactory(
        slug="eu-buergerinnen", name_de="EU-Bürgerinnen", name_en="EU citizens", position=3
    )
    permit = services.matter_save(
        actor=None,
        slug="arbeitserlaubnis",
        name="Arbeitserlaubnis",
        field_of_action=law,
        description="Erlaubnis, in Deutschland zu arbeiten.",
        what_to_bring="Reisepass",
        leika_key="99010001000000",
    )
    course = services.matter_save(
        actor=None, slug="integrationskurs", name="Integrationskurs", field_of_action=language
    )
    bamf: Any = OrganisationFactory(
        name="Bundesamt für Migration und Flüchtlinge", slug="bamf", region=actors.state
    )
    office: Any = OrganisationFactory(
        name="Ausländerbehörde Nordsachsen",
        slug="abh-nordsachsen",
        region=actors.nordsachsen,
        city="Torgau",
        street="Schlossstraße 27",
        postal_code="04860",
        phone="03421 7580",
    )
    contact: Any = ContactPersonFactory(
        organisation=office, name="Erika Muster", function="Sachgebietsleitung"
    )
    state_entry = services.responsibility_save(
        actor=None, matter=course, region=actors.state, organisation=bamf, legal_basis="§ 44 AufenthG"
    )
    district_entry = services.responsibility_save(
        actor=None,
        matter=permit,
        region=actors.nordsachsen,
        organisation=office,
        contact=contact,
        target_groups=[asylum, recognised],
        valid_from=date(2020, 1, 1),
    )
    town_entry = services.responsibility_save(
        actor=None,
        matter=permit,
        region=actors.eilenburg,
        organisation=actors.organisation,
        role=Responsibility.Role.ADVISES,
        conditions="Nur Erstberatung",
    )
    page = services.info_page_save(
        actor=None,
        slug="ankommen",
        region=actors.state,
        topic=InfoPage.Topic.ARRIVAL,
        title="Ankommen in Sachsen",
        body="Willkommen in Sachsen.",
    )
    return Guide(
        asylum,
        recognised,
        eu,
        permit,
        course,
        bamf,
        office,
        contact,
        state_entry,
        district_entry,
        town_entry,
        page,
    )
