"""Forms get a description and can be retired; a form may belong to several matters (was one)."""

from typing import Any

from django.db import migrations, models


def matter_to_matters(apps: Any, schema_editor: Any) -> None:
    Form = apps.get_model("guide", "Form")
    for form in Form.objects.exclude(matter=None):
        form.matters.add(form.matter_id)


def matters_to_matter(apps: Any, schema_editor: Any) -> None:
    Form = apps.get_model("guide", "Form")
    for form in Form.objects.prefetch_related("matters"):
        first = next(iter(form.matters.all()), None)
        if first is not None:
            form.matter_id = first.pk
            form.save(update_fields=["matter"])


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0002_matter_retired_guide_language_active"),
    ]

    operations = [
        migrations.AddField(
            model_name="form",
            name="description",
            field=models.TextField(blank=True, verbose_name="description (German)"),
        ),
        migrations.AddField(
            model_name="form",
            name="retired",
            field=models.BooleanField(default=False, verbose_name="retired"),
        ),
        # The new field takes over the related name "forms" once the old one is gone.
        migrations.AddField(
            model_name="form",
            name="matters",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="guide.matter", verbose_name="matters"
            ),
        ),
        migrations.RunPython(matter_to_matters, matters_to_matter),
        migrations.RemoveField(model_name="form", name="matter"),
        migrations.AlterField(
            model_name="form",
            name="matters",
            field=models.ManyToManyField(
                blank=True, related_name="forms", to="guide.matter", verbose_name="matters"
            ),
        ),
    ]
