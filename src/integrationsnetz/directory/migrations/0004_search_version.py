"""A counter of changes to the indexed text, bumped by triggers, for re-validating cached text matches.

On PostgreSQL a table with one row and a statement-level trigger on the organisation table; on
SQLite :func:`integrationsnetz.directory.search.ensure_sqlite_index` creates the table and
row-level triggers next to the FTS5 ones (and again after every ``migrate``).
"""

from django.db import migrations


def forward(apps, schema_editor):
    from integrationsnetz.directory import search

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in search.POSTGRES_VERSION_FORWARD:
            schema_editor.execute(statement)
    elif connection.vendor == "sqlite":
        search.ensure_sqlite_index(connection)


def backward(apps, schema_editor):
    from integrationsnetz.directory import search

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in search.POSTGRES_VERSION_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_join_applications_imports")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
