"""Migration 0002 gives the existing directory speaker links a position in their former order."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0001_initial")]
AFTER = [("meetings", "0002_programme_speaker_order")]


@pytest.mark.django_db(transaction=True)
def test_existing_speaker_links_keep_their_order_as_positions() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old: Any = executor.loader.project_state(BEFORE).apps
    region = old.get_model("core", "Region").objects.create(
        key="14", name="Sachsen", path="/14/", kind="state"
    )
    Organisation = old.get_model("directory", "Organisation")
    ContactPerson = old.get_model("directory", "ContactPerson")

    def contact(organisation_name: str, name: str) -> Any:
        organisation, _created = Organisation.objects.get_or_create(
            name=organisation_name,
            defaults={"slug": organisation_name.lower(), "kind": "authority", "region": region},
        )
        return ContactPerson.objects.create(organisation=organisation, name=name)

    # Created in another order than the old pages listed them (by organisation name).
    minister = contact("Staatsministerium", "Petra Köpping")
    commissioner = contact("Geschäftsstelle", "Geert Mackenroth")
    landtag = contact("Landtag", "Matthias Rößler")
    series = old.get_model("meetings", "MeetingSeries").objects.create(
        name="NIMS", slug="nims", kind="state_network", region=region
    )
    start = datetime.datetime(2016, 3, 23, 14, tzinfo=datetime.UTC)
    meeting = old.get_model("meetings", "Meeting").objects.create(
        series=series, title="Netzwerktreffen", starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    ProgrammeItem = old.get_model("meetings", "ProgrammeItem")
    welcome = ProgrammeItem.objects.create(meeting=meeting, position=1, kind="welcome", title="Begrüßung")
    welcome.speaker_contacts.add(minister, commissioner, landtag)
    closing = ProgrammeItem.objects.create(meeting=meeting, position=2, kind="closing", title="Schluss")
    closing.speaker_contacts.add(commissioner)
    ProgrammeItem.objects.create(meeting=meeting, position=3, kind="open_round", title="Offene Runde")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new: Any = executor.loader.project_state(AFTER).apps
    links = new.get_model("meetings", "ProgrammeItemSpeaker").objects.order_by("item_id", "position")
    assert [(link.item_id, link.position, link.contact_id) for link in links] == [
        (welcome.pk, 1, commissioner.pk),
        (welcome.pk, 2, landtag.pk),
        (welcome.pk, 3, minister.pk),
        (closing.pk, 1, commissioner.pk),
    ]

    # Back again: the plain links return.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    welcome_before = old.get_model("meetings", "ProgrammeItem").objects.get(pk=welcome.pk)
    assert {contact.pk for contact in welcome_before.speaker_contacts.all()} == {
        minister.pk,
        commissioner.pk,
        landtag.pk,
    }

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
