"""Full-text search over ``Organisation.search_text``, one implementation per database backend.

PostgreSQL: a stored ``tsvector`` column (German configuration, so "psychosoziale" finds
"Psychosoziales Zentrum") with a GIN index, plus pg_trgm word similarity so typos still find
("Flüchtlinsrat") when the full text finds nothing. SQLite (the embedded default): an FTS5 table kept in sync by triggers; the
German stemming happens in Python (snowballstemmer) on both the indexed text and the query, because
FTS5 has no German stemmer. Typos on SQLite are handled by expanding a query word that matches
nothing into the indexed words within a small edit distance.

The page does not join the index with the filters: :func:`ranked_matches` returns every match in
relevance order in one query, and ``facets.py`` caches that per query and filters it with bitmaps.
Triggers count every change of the indexed text (``VERSION_TABLE``) so that the cache is re-validated.

Both the column and the FTS5 table live outside the Django model on purpose: they are derived data
that only this module reads. Migration 0002 creates them; on SQLite :func:`ensure_sqlite_index`
runs again after every ``migrate`` because SQLite "alter table" in Django rebuilds the table and
drops its triggers.
"""

# SQL here only interpolates this module's constant table and function names; values are parameters.
# ruff: noqa: S608, S611
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import snowballstemmer
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import Expression, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from integrationsnetz.directory.models import Organisation

# Longer queries are cut: nobody types more, and it bounds the work one request can cause.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
# Words shorter than this are not corrected for typos (too many near neighbours).
MIN_FUZZY_LENGTH = 5

FTS_TABLE = "directory_organisation_fts"
FTS_VOCABULARY = "directory_organisation_fts_vocabulary"
FTS_FUNCTION = "integrationsnetz_search_document"
PG_VECTOR_COLUMN = "search_vector"
# Counters bumped by triggers on both backends, so that cached search data can be re-validated with
# one cheap query: row 1 counts changes of the indexed text (insert, delete, update of the name or
# search text), row 2 inserts and deletions of organisations (cheaper to read than COUNT(*)).
VERSION_TABLE = "directory_search_version"

_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(text: str) -> str:
    """The query as the backends get it: no control characters, single spaces, bounded length."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@functools.lru_cache(maxsize=1)
def _stemmer() -> Any:
    return snowballstemmer.stemmer("german")


def _fold(word: str) -> str:
    """Drop accents that are left after stemming (é -> e); the stemmer already maps ä/ae -> a."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The German stem of one word, lower case and without diacritics ("Flüchtlinge" -> "fluchtling")."""
    lowered = word.lower().replace("ß", "ss")
    return _fold(_stemmer().stemWord(lowered))


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def search_document(text: str | None) -> str:
    """The text as the SQLite FTS5 table stores it: stems separated by spaces."""
    return " ".join(stem(word) for word in words(text or ""))


def query_stems(text: str) -> list[str]:
    """The distinct stems of a query, in order, at most :data:`MAX_QUERY_WORDS`."""
    stems: list[str] = []
    for word in words(clean_query(text)):
        stemmed = stem(word)
        if stemmed and stemmed not in stems:
            stems.append(stemmed)
    return stems[:MAX_QUERY_WORDS]


def edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) once it must exceed ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    return 1 if len(word) < 9 else 2


# --------------------------------------------------------------------------------------------
# SQLite: FTS5 table, triggers and the Python function they call


def _register_sqlite_function(raw_connection: Any) -> None:
    raw_connection.create_function(FTS_FUNCTION, 1, search_document, deterministic=True)


@receiver(connection_created)
def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        _register_sqlite_function(connection.connection)


_SQLITE_TRIGGERS = {
    "directory_organisation_fts_insert": f"""
        CREATE TRIGGER IF NOT EXISTS directory_organisation_fts_insert
        AFTER INSERT ON directory_organisation BEGIN
            INSERT INTO {FTS_TABLE}(rowid, name, body) VALUES (
                new.id, {FTS_FUNCTION}(new.name || ' ' || new.short_name), {FTS_FUNCTION}(new.search_text)
            );
        END""",
    "directory_organisation_fts_update": f"""
        CREATE TRIGGER IF NOT EXISTS directory_organisation_fts_update
        AFTER UPDATE OF name, short_name, search_text ON directory_organisation BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
            INSERT INTO {FTS_TABLE}(rowid, name, body) VALUES (
                new.id, {FTS_FUNCTION}(new.name || ' ' || new.short_name), {FTS_FUNCTION}(new.search_text)
            );
        END""",
    "directory_organisation_fts_delete": f"""
        CREATE TRIGGER IF NOT EXISTS directory_organisation_fts_delete
        AFTER DELETE ON directory_organisation BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        END""",
    "directory_search_version_insert": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_version_insert
        AFTER INSERT ON directory_organisation BEGIN
            UPDATE {VERSION_TABLE} SET counter = counter + 1 WHERE id IN (1, 2);
        END""",
    "directory_search_version_update": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_version_update
        AFTER UPDATE OF name, short_name, search_text ON directory_organisation BEGIN
            UPDATE {VERSION_TABLE} SET counter = counter + 1 WHERE id = 1;
        END""",
    "directory_search_version_delete": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_version_delete
        AFTER DELETE ON directory_organisation BEGIN
            UPDATE {VERSION_TABLE} SET counter = counter + 1 WHERE id IN (1, 2);
        END""",
}

# PostgreSQL: the same counter, bumped once per statement (migration 0004 creates it).
POSTGRES_VERSION_FORWARD = [
    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (id smallint PRIMARY KEY, counter bigint NOT NULL)",
    f"INSERT INTO {VERSION_TABLE} (id, counter) VALUES (1, 0), (2, 0) ON CONFLICT (id) DO NOTHING",
    f"""CREATE OR REPLACE FUNCTION directory_search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE {VERSION_TABLE} SET counter = counter + 1 WHERE id = 1 OR (id = 2 AND TG_OP <> 'UPDATE');
            RETURN NULL;
        END $$""",
    "DROP TRIGGER IF EXISTS directory_search_version_bump ON directory_organisation",
    "CREATE TRIGGER directory_search_version_bump AFTER INSERT OR DELETE OR UPDATE OF name, short_name, "
    "search_text ON directory_organisation FOR EACH STATEMENT EXECUTE FUNCTION directory_search_version_bump()",
    "DROP TRIGGER IF EXISTS directory_search_version_truncate ON directory_organisation",
    "CREATE TRIGGER directory_search_version_truncate AFTER TRUNCATE ON directory_organisation "
    "FOR EACH STATEMENT EXECUTE FUNCTION directory_search_version_bump()",
]
POSTGRES_VERSION_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_search_version_truncate ON directory_organisation",
    "DROP TRIGGER IF EXISTS directory_search_version_bump ON directory_organisation",
    "DROP FUNCTION IF EXISTS directory_search_version_bump()",
    f"DROP TABLE IF EXISTS {VERSION_TABLE}",
]


def ensure_sqlite_index(connection: BaseDatabaseWrapper) -> None:
    """Create the FTS5 table and its triggers when missing, and refill the table when they were.

    Idempotent; runs in migration 0002 and after every ``migrate`` (see the module docstring).
    """
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    _register_sqlite_function(connection.connection)
    with connection.cursor() as cursor:
        tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master").fetchall()}
        if "directory_organisation" not in tables:
            return
        missing = (
            FTS_TABLE not in tables
            or VERSION_TABLE not in tables
            or any(name not in tables for name in _SQLITE_TRIGGERS)
        )
        if not missing:
            return
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (id INTEGER PRIMARY KEY, counter INTEGER NOT NULL)"
        )
        # A rebuilt index is a change too: text matches cached before it are not reused.
        cursor.execute(f"INSERT OR IGNORE INTO {VERSION_TABLE} (id, counter) VALUES (1, 0), (2, 0)")
        cursor.execute(f"UPDATE {VERSION_TABLE} SET counter = counter + 1")
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "name, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_VOCABULARY} USING fts5vocab({FTS_TABLE}, 'row')"
        )
        for statement in _SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, name, body) SELECT id, "
            f"{FTS_FUNCTION}(name || ' ' || short_name), {FTS_FUNCTION}(search_text) "
            "FROM directory_organisation"
        )


def drop_sqlite_index(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in _SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_VOCABULARY}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {VERSION_TABLE}")


@receiver(post_migrate)
def _after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if getattr(sender, "label", None) != "directory":
        return
    from django.db import connections

    ensure_sqlite_index(connections[using])


def _sqlite_match_expression(stems: list[str]) -> str:
    """An FTS5 query that cannot be a syntax error: every word quoted, prefix-matched, AND-ed.

    A word no indexed word starts with is replaced by the indexed words within an edit distance of
    one or two (typos), found in one query over the FTS5 vocabulary.
    """
    candidates = _sqlite_vocabulary_near(stems)
    parts = []
    for word in stems:
        near = candidates.get(word)
        if near is None:
            parts.append(f'"{word}"*')
        elif near:
            parts.append("(" + " OR ".join(f'"{term}"' for term in sorted(near)) + ")")
        else:
            parts.append(f'"{word}"')  # matches nothing, as it should
    return " ".join(parts)


def _sqlite_vocabulary_near(stems: list[str]) -> dict[str, set[str]]:
    """For each word without a prefix match: the indexed words that are near it (maybe none)."""
    if not stems:
        return {}
    selects, params = [], []
    for index, word in enumerate(stems):
        # Words sharing the first two letters; typos in the first two letters are not corrected.
        start = word[:2]
        selects.append(f"SELECT {index}, term FROM {FTS_VOCABULARY} WHERE term >= %s AND term < %s")
        params += [start, start + "\U0010ffff"]
    with default_connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    terms_by_word: dict[str, list[str]] = {word: [] for word in stems}
    for index, term in rows:
        terms_by_word[stems[index]].append(term)
    result: dict[str, set[str]] = {}
    for word, terms in terms_by_word.items():
        if any(term.startswith(word) for term in terms):
            continue
        if len(word) < MIN_FUZZY_LENGTH:
            result[word] = set()
            continue
        limit = _allowed_typos(word)
        result[word] = {
            term
            for term in terms
            # A typo may also sit in a word the user did not finish typing: compare prefixes too.
            if edit_distance(word, term, limit) <= limit or edit_distance(word, term[: len(word)], 1) <= 1
        }
    return result


# --------------------------------------------------------------------------------------------
# The interface the selectors use


@dataclass(frozen=True)
class TextQuery:
    """A visitor's query prepared for the current database backend."""

    text: str
    stems: tuple[str, ...]
    sqlite_match: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.stems


def prepare(text: str) -> TextQuery:
    """Clean ``text``; on SQLite also build the FTS5 expression (one vocabulary query)."""
    cleaned = clean_query(text)
    stems = tuple(query_stems(cleaned))
    match = ""
    if stems and default_connection.vendor == "sqlite":
        match = _sqlite_match_expression(list(stems))
    return TextQuery(text=cleaned, stems=stems, sqlite_match=match)


def _pg_search_query(query: TextQuery) -> SearchQuery:
    return SearchQuery(query.text, config="german", search_type="websearch")


class _SearchVectorColumn(Expression):
    """The stored ``search_vector`` column of the organisation table, under whatever alias it has.

    A plain RawSQL naming the table would break as soon as the query becomes a subquery (``U0``).
    """

    output_field = SearchVectorField()

    def __init__(self) -> None:
        super().__init__()
        self.alias = ""

    def resolve_expression(self, query: Any = None, *args: Any, **kwargs: Any) -> _SearchVectorColumn:
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map: Mapping[str, str]) -> _SearchVectorColumn:
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler: Any, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        return (
            f"{compiler.quote_name_unless_alias(self.alias)}.{connection.ops.quote_name(PG_VECTOR_COLUMN)}",
            [],
        )


def restrict(queryset: QuerySet[Organisation], query: TextQuery) -> QuerySet[Organisation]:
    """Only the organisations matching ``query`` (all of them for an empty query)."""
    if not query.text:
        return queryset
    if query.is_empty:
        return queryset.none()
    if default_connection.vendor == "postgresql":
        vector_matches = SearchVectorExact(_SearchVectorColumn(), _pg_search_query(query))
        return queryset.filter(Q(vector_matches) | Q(TrigramWordSimilar(F("search_text"), query.text)))
    return queryset.filter(
        id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (query.sqlite_match,))
    )


def ranked_page_ids(
    queryset: QuerySet[Organisation], query: TextQuery, *, start: int, stop: int
) -> list[int]:
    """The ids of one page of ``queryset`` (not yet restricted to the query) in relevance order."""
    if query.is_empty:
        return []
    if default_connection.vendor == "postgresql":
        ranked = (
            restrict(queryset, query)
            .annotate(
                relevance=SearchRank(_SearchVectorColumn(), _pg_search_query(query))
                + TrigramWordSimilarity(query.text, "name")
            )
            .order_by("-relevance", "name", "id")
        )
        return list(ranked.values_list("id", flat=True)[start:stop])
    try:
        base_sql, base_params = queryset.order_by().values("id").query.sql_with_params()
    except EmptyResultSet:
        return []
    sql = (
        f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE} JOIN directory_organisation o ON o.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid IN ({base_sql}) "
        f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0), o.name, o.id LIMIT %s OFFSET %s"
    )
    with default_connection.cursor() as cursor:
        cursor.execute(sql, [query.sqlite_match, *base_params, stop - start, start])
        return [row[0] for row in cursor.fetchall()]


_PREFIX_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def pg_prefix_query(text: str) -> str:
    """A ``to_tsquery`` text in which every word of ``text`` is a prefix ("Beratung:*"), AND-ed.

    Only letters and digits get through, so it cannot be a tsquery syntax error.
    """
    return " & ".join(f"{word}:*" for word in _PREFIX_WORD.findall(clean_query(text))[:MAX_QUERY_WORDS])


def ranked_matches(query: TextQuery) -> list[tuple[int, float]]:
    """Every organisation matching ``query`` as (id, sort key), best first; equal keys are ties.

    One query on the full-text index, without joining anything: the selectors filter and break
    ties (by name) in Python. The sort key is the relevance the page is ordered by (SQLite: bm25
    with the name weighted; PostgreSQL: ``ts_rank`` plus the trigram word similarity of the name),
    with lower keys first.

    PostgreSQL also matches every word as a prefix of an indexed word ("Beratung" finds
    "Beratungsstelle"), as SQLite does. The trigram search over the whole text, which used to add
    such matches, reads every document for a common word (seconds at 100,000 organisations), so it
    now runs only when the full text finds nothing, to forgive typos.
    """
    if query.is_empty:
        return []
    if default_connection.vendor == "postgresql":
        table = Organisation._meta.db_table
        relevance = (
            f"ts_rank({PG_VECTOR_COLUMN}, websearch_to_tsquery('german'::regconfig, %s)) "
            "+ word_similarity(%s, name)"
        )
        condition = f"{PG_VECTOR_COLUMN} @@ websearch_to_tsquery('german'::regconfig, %s)"
        params = [query.text, query.text, query.text]
        prefix = pg_prefix_query(query.text)
        if prefix:
            condition += f" OR {PG_VECTOR_COLUMN} @@ to_tsquery('german'::regconfig, %s)"
            params.append(prefix)
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, -({relevance}) AS key FROM {table} WHERE {condition} ORDER BY key", params
            )
            rows = cursor.fetchall()
            if not rows:
                cursor.execute(
                    f"SELECT id, -({relevance}) AS key FROM {table} WHERE search_text %%> %s ORDER BY key",
                    [query.text, query.text, query.text],
                )
                rows = cursor.fetchall()
        return rows
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({FTS_TABLE}, 10.0, 1.0) AS key FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY key",
            [query.sqlite_match],
        )
        return cursor.fetchall()
