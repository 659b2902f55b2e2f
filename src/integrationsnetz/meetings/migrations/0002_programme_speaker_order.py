"""Directory speakers of a programme item get an explicit position.

The plain many-to-many link listed them by organisation; the existing links are carried over with
that order as their position, so nothing on the pages changes until an organiser reorders them.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def links_to_positions(apps: Any, schema_editor: Any) -> None:
    ProgrammeItem = apps.get_model("meetings", "ProgrammeItem")
    ProgrammeItemSpeaker = apps.get_model("meetings", "ProgrammeItemSpeaker")
    OldLink = ProgrammeItem.speaker_contacts.through
    links = OldLink.objects.order_by(
        "programmeitem_id",
        "contactperson__organisation__name",
        "contactperson__organisation_id",
        "contactperson__position",
        "contactperson__name",
        "contactperson_id",
    ).values_list("programmeitem_id", "contactperson_id")
    positions: dict[int, int] = {}
    rows = []
    for item_id, contact_id in links.iterator():
        positions[item_id] = positions.get(item_id, 0) + 1
        rows.append(ProgrammeItemSpeaker(item_id=item_id, contact_id=contact_id, position=positions[item_id]))
    ProgrammeItemSpeaker.objects.bulk_create(rows, batch_size=500)


def positions_to_links(apps: Any, schema_editor: Any) -> None:
    ProgrammeItem = apps.get_model("meetings", "ProgrammeItem")
    ProgrammeItemSpeaker = apps.get_model("meetings", "ProgrammeItemSpeaker")
    OldLink = ProgrammeItem.speaker_contacts.through
    OldLink.objects.bulk_create(
        [
            OldLink(programmeitem_id=item_id, contactperson_id=contact_id)
            for item_id, contact_id in ProgrammeItemSpeaker.objects.values_list("item_id", "contact_id")
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_search_version"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProgrammeItemSpeaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "contact",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="programme_speaker_links",
                        to="directory.contactperson",
                        verbose_name="contact person",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speaker_links",
                        to="meetings.programmeitem",
                        verbose_name="programme item",
                    ),
                ),
            ],
            options={
                "verbose_name": "speaker from the directory",
                "verbose_name_plural": "speakers from the directory",
                "ordering": ["position", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("item", "contact"), name="meetings_speaker_once_per_item"
                    ),
                    models.UniqueConstraint(
                        fields=("item", "position"), name="meetings_speaker_position_per_item"
                    ),
                ],
            },
        ),
        migrations.RunPython(links_to_positions, positions_to_links),
        migrations.RemoveField(model_name="programmeitem", name="speaker_contacts"),
        migrations.AddField(
            model_name="programmeitem",
            name="speaker_contacts",
            field=models.ManyToManyField(
                blank=True,
                related_name="programme_items",
                through="meetings.ProgrammeItemSpeaker",
                to="directory.contactperson",
                verbose_name="speakers from the directory",
            ),
        ),
    ]
