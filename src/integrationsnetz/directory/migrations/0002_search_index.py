"""Full-text search index: SQLite FTS5 in the embedded default, PostgreSQL GIN indexes in production.

Only one of the two halves runs, chosen by the database vendor; see directory/search.py for why the
index lives outside the model. On PostgreSQL: the pg_trgm extension, a stored ``search_vector``
column generated from ``search_text`` with the German configuration, a GIN index on it, and a
trigram GIN index on ``search_text`` for typo-tolerant matching.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE directory_organisation ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('german'::regconfig, coalesce(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS directory_organisation_search_vector ON directory_organisation "
    "USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS directory_organisation_search_trigram ON directory_organisation "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS directory_organisation_search_trigram",
    "DROP INDEX IF EXISTS directory_organisation_search_vector",
    "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    from integrationsnetz.directory import search

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    elif connection.vendor == "sqlite":
        search.ensure_sqlite_index(connection)


def backward(apps, schema_editor):
    from integrationsnetz.directory import search

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)
    elif connection.vendor == "sqlite":
        search.drop_sqlite_index(connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
