"""The working-group segment of an issue points to a meetings.WorkingGroup instead of a typed name.

Existing names are carried over where exactly one working group has that name (ignoring case). A
planned issue whose name matches no group goes back to draft: without its segment it would otherwise
go to every subscriber of the newsletter.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_working_groups(apps, schema_editor):  # type: ignore[no-untyped-def]
    Issue = apps.get_model("news", "Issue")
    WorkingGroup = apps.get_model("meetings", "WorkingGroup")
    for issue in Issue.objects.exclude(segment_working_group_name=""):
        groups = list(WorkingGroup.objects.filter(name__iexact=issue.segment_working_group_name.strip())[:2])
        if len(groups) == 1:
            issue.segment_working_group = groups[0]
            issue.save(update_fields=["segment_working_group"])
        elif issue.status == "scheduled":
            issue.status = "draft"
            issue.scheduled_at = None
            issue.save(update_fields=["status", "scheduled_at"])


def unlink_working_groups(apps, schema_editor):  # type: ignore[no-untyped-def]
    Issue = apps.get_model("news", "Issue")
    for issue in Issue.objects.filter(segment_working_group__isnull=False).select_related(
        "segment_working_group"
    ):
        issue.segment_working_group_name = issue.segment_working_group.name
        issue.save(update_fields=["segment_working_group_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="issue", old_name="segment_working_group", new_name="segment_working_group_name"
        ),
        migrations.AddField(
            model_name="issue",
            name="segment_working_group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.workinggroup",
                verbose_name="only members of working group",
            ),
        ),
        migrations.RunPython(link_working_groups, unlink_working_groups),
        migrations.RemoveField(model_name="issue", name="segment_working_group_name"),
    ]
