"""Bitmaps over organisation ids for filtering and counting facets without SQL aggregates.

At 100,000 organisations an SQL aggregate per facet value over the filtered and text-matched set
takes seconds. Instead every filter value (kind, field of action, target group, language, region
subtree) is a Python ``int`` whose bit ``i`` is set when the organisation with id ``i`` has that
value; filtering is ``&`` of a few ints and counting is ``int.bit_count()``, microseconds each.

The index is derived data, never the source of truth: it is built from the database in two
queries and cached in process memory and in Django's cache (shared by several app servers), both
keyed by :func:`current_versions`, a cheap probe that every facet-relevant write changes (services
and admin save the organisation, which bumps ``updated_at``, in the same transaction as its
many-to-many fields; triggers count insertions and deletions; region changes change a checksum).
A write that changed facet-relevant data without saving the organisation would go unnoticed.

The matches of a text query, in relevance order, are cached the same way (:func:`text_matches`),
under a version that also counts every change of the indexed text.
"""

# SQL here only interpolates model table names; values are parameters.
# ruff: noqa: S608
from __future__ import annotations

import hashlib
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection

from integrationsnetz.core.models import Region
from integrationsnetz.directory import search
from integrationsnetz.directory.models import Organisation

CACHE_PREFIX = "directory:facet-index:v1:"
CACHE_TIMEOUT = 24 * 60 * 60
TEXT_CACHE_PREFIX = "directory:text-matches:v1:"
TEXT_CACHE_TIMEOUT = 60 * 60
# Queries whose matches a process keeps (a common word is about 1 MB: 60,000 ids and keys).
TEXT_CACHE_ENTRIES = 32

# The many-to-many facets, by the name the selectors use: (relation on Organisation, column of the term).
M2M_FACETS = {
    "field": "fields_of_action",
    "group": "target_groups",
    "language": "languages",
}


def bitmap_from_ids(ids: Iterable[int], size: int) -> int:
    """A bitmap with the bits of ``ids`` set (ids at or beyond ``size`` bits are left out).

    Setting bytes in a bytearray is linear; ``|=`` on a growing big int would be quadratic.
    """
    buffer = bytearray((size + 7) // 8)
    for pk in ids:
        if 0 <= pk < size:
            buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


@dataclass
class FacetIndex:
    version: str
    size: int  # number of bits: the highest organisation id + 1
    active: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    # "field" / "group" / "language" -> term id -> organisations with that term
    terms: dict[str, dict[int, int]] = field(default_factory=dict)
    # region id -> organisations seated in or serving the region or one of its sub-regions
    regions: dict[int, int] = field(default_factory=dict)
    # Active organisations in (name, id) order, and each id's position in it (-1: not active).
    name_order: array[int] = field(default_factory=lambda: array("q"))
    name_rank: array[int] = field(default_factory=lambda: array("q"))

    def to_bytes(self, bitmap: int) -> bytes:
        """``bitmap`` as bytes, so that testing one bit is an index instead of a big-int shift."""
        return bitmap.to_bytes((self.size + 7) // 8, "little")

    def bitmap(self, ids: Iterable[int]) -> int:
        return bitmap_from_ids(ids, self.size)


def current_versions() -> tuple[str, str]:
    """Short fingerprints of what the index and what the text matches are built from, in one query.

    The index: highest id and latest ``updated_at`` of the organisations, the insert/delete counter
    (see ``search.VERSION_TABLE``) and a checksum of the region tree. The text: that, plus the counter
    of changes to the indexed text. Every part is an index lookup or a scan of the small region table.
    """
    organisations = Organisation._meta.db_table
    regions = Region._meta.db_table
    sql = (
        f"SELECT (SELECT MAX(id) FROM {organisations}), (SELECT MAX(updated_at) FROM {organisations}), "
        f"(SELECT counter FROM {search.VERSION_TABLE} WHERE id = 2), "
        f"(SELECT COUNT(*) FROM {regions}), (SELECT MAX(id) FROM {regions}), "
        f"(SELECT SUM(COALESCE(parent_id, 0)) FROM {regions}), (SELECT SUM(LENGTH(path)) FROM {regions}), "
        f"(SELECT counter FROM {search.VERSION_TABLE} WHERE id = 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    # The database name keeps test databases and servers sharing one cache apart.
    raw = repr((connection.vendor, connection.settings_dict.get("NAME"), *row[:-1]))
    index_version = hashlib.sha256(raw.encode()).hexdigest()[:32]
    text_version = hashlib.sha256(repr((raw, row[-1])).encode()).hexdigest()[:32]
    return index_version, text_version


def _rows(cursor: Any, batch: int = 10_000) -> Iterator[tuple[Any, ...]]:
    """The cursor's rows in batches, so that a million of them never sit in memory as tuples."""
    while rows := cursor.fetchmany(batch):
        yield from rows


def build(version: str) -> FacetIndex:
    """The index from the database in two queries: active organisations in name order, then their
    regions and many-to-many terms together with the region tree."""
    organisations = Organisation._meta.db_table
    order = array("q")
    kind_of: list[str] = []
    seat_of = array("q")
    selects = []
    for number, name in enumerate(("regions_served", *M2M_FACETS.values())):
        relation: Any = Organisation._meta.get_field(name)
        through = relation.remote_field.through
        term_column = through._meta.get_field(relation.m2m_reverse_field_name()).column
        selects.append(f"SELECT {number}, organisation_id, {term_column}, 0 FROM {through._meta.db_table}")
    # The region tree comes along in the same query (kind 4: id, parent, depth).
    selects.append(f"SELECT 4, id, parent_id, depth FROM {Region._meta.db_table}")
    tree: list[tuple[int, int | None, int]] = []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, kind, region_id FROM {organisations} WHERE status = %s ORDER BY name, id",
            [Organisation.Status.ACTIVE],
        )
        for pk, kind, region_id in _rows(cursor):
            order.append(pk)
            kind_of.append(kind)
            seat_of.append(-1 if region_id is None else region_id)
        size = max(order, default=-1) + 1
        index = FacetIndex(version=version, size=size)
        nbytes = (size + 7) // 8

        def buffer_for(buffers: dict[Any, bytearray], key: Any) -> bytearray:
            buffer = buffers.get(key)
            if buffer is None:
                buffer = buffers[key] = bytearray(nbytes)
            return buffer

        active = bytearray(nbytes)
        kinds: dict[str, bytearray] = {}
        seats: dict[int, bytearray] = {}
        name_rank = array("q", [-1]) * size
        for position, pk in enumerate(order):
            byte, bit = pk >> 3, 1 << (pk & 7)
            active[byte] |= bit
            buffer_for(kinds, kind_of[position])[byte] |= bit
            if seat_of[position] >= 0:
                buffer_for(seats, seat_of[position])[byte] |= bit
            name_rank[pk] = position
        del kind_of, seat_of
        # Served regions go with the seats: the region facet counts either.
        term_buffers: list[dict[int, bytearray]] = [seats, {}, {}, {}]
        cursor.execute(" UNION ALL ".join(selects))
        for which, first, second, third in _rows(cursor):
            if which == 4:
                tree.append((first, second, third))
            elif first < size:  # higher ids are not active
                buffer_for(term_buffers[which], second)[first >> 3] |= 1 << (first & 7)
    index.active = int.from_bytes(active, "little")
    index.kinds = {kind: int.from_bytes(buffer, "little") for kind, buffer in kinds.items()}
    index.name_order = order
    index.name_rank = name_rank
    for name, buffers in zip(M2M_FACETS, term_buffers[1:], strict=True):
        index.terms[name] = {term: int.from_bytes(buffer, "little") for term, buffer in buffers.items()}
    # Region subtrees: deepest first, each region's set goes into its parent's as well.
    direct = {region: int.from_bytes(buffer, "little") for region, buffer in seats.items()}
    known = {pk for pk, _parent, _depth in tree}
    for pk, parent, _depth in sorted(tree, key=lambda node: -node[2]):
        own = direct.get(pk)
        if own and parent is not None:
            direct[parent] = direct.get(parent, 0) | own
    index.regions = {pk: bitmap for pk, bitmap in direct.items() if bitmap and pk in known}
    return index


_shared: dict[str, FacetIndex] = {}
_lock = threading.RLock()


def get_index(version: str) -> FacetIndex:
    """The index for ``version``: from memory, else Django's cache, else built (and cached)."""
    known = _shared.get("index")
    if known is not None and known.version == version:
        return known
    with _lock:
        known = _shared.get("index")
        if known is not None and known.version == version:
            return known
        key = CACHE_PREFIX + version
        index = cache.get(key)
        if not isinstance(index, FacetIndex) or index.version != version:
            index = build(version)
            cache.set(key, index, CACHE_TIMEOUT)
        _shared["index"] = index
        return index


@dataclass
class TextMatches:
    """Every organisation matching one query: ids best first, their sort keys, and as a bitmap."""

    ids: array[int]
    keys: array[float]
    bitmap: int


_text_cache: OrderedDict[str, TextMatches] = OrderedDict()


def text_matches(query: search.TextQuery, version: str) -> TextMatches:
    """The matches of ``query``, cached (memory, Django's cache) under the text ``version``.

    Ranking every match is what costs (bm25 / ts_rank read each matching document); popular words
    are asked again and again, and only a change to the indexed text changes their answer.
    """
    expression = query.sqlite_match if connection.vendor == "sqlite" else query.text
    key = TEXT_CACHE_PREFIX + hashlib.sha256(repr((version, expression)).encode()).hexdigest()[:40]
    with _lock:
        known = _text_cache.get(key)
        if known is not None:
            _text_cache.move_to_end(key)
            return known
    matches = cache.get(key)
    if not isinstance(matches, TextMatches):
        rows = search.ranked_matches(query)
        ids = array("q", (row[0] for row in rows))
        matches = TextMatches(
            ids=ids,
            keys=array("d", (row[1] for row in rows)),
            bitmap=bitmap_from_ids(ids, max(ids, default=-1) + 1),
        )
        cache.set(key, matches, TEXT_CACHE_TIMEOUT)
    with _lock:
        _text_cache[key] = matches
        while len(_text_cache) > TEXT_CACHE_ENTRIES:
            _text_cache.popitem(last=False)
    return matches
