"""The matching engine: hard rules, an explainable score, top proposals per need and a batch plan.

It works on plain specs (no ORM objects), so that it can be tested with hypothesis and benchmarked
without a database; selectors.py builds the specs from the tables. Stage 1 (hard rules) is written
twice on purpose: :func:`hard_rule_violations` is the readable definition, :class:`OfferTable` the
vectorised one that serves thousands of needs per second; a property test keeps the two equal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from integrationsnetz.volunteering.models import Activity
from integrationsnetz.volunteering.slots import weekdays_of

EARTH_RADIUS_KM = 6371.0088
# Each match in a batch plan is worth this much plus its score: with scores below 10 the plan first
# serves as many needs as it can and only then prefers the better pairs.
MATCH_WORTH = 100.0
ACTIVITY_INDEX = {value: index for index, value in enumerate(Activity.values)}
FAR_FUTURE = date.max.toordinal()


class NeedSpec(NamedTuple):
    id: int
    activity: str
    latitude: float
    longitude: float
    starts_on: date
    slots: int
    # (ISO language code, minimum level); every one of them is required.
    languages: tuple[tuple[str, int], ...] = ()
    requires_certificate: bool = False
    # How many more helpers the need wants (helpers wanted minus matches already made).
    helpers_wanted: int = 1


class OfferSpec(NamedTuple):
    id: int
    activities: tuple[str, ...]
    latitude: float
    longitude: float
    max_distance_km: float
    availability: int
    available_from: date
    available_until: date | None = None
    languages: tuple[tuple[str, int], ...] = ()
    # (seen on, counts until) of each seen extended certificate of conduct.
    certificates: tuple[tuple[date, date], ...] = ()
    load: int = 0
    capacity: int = 1


class Reason(NamedTuple):
    """One explanation of a proposal; ``code`` picks the sentence, ``params`` fill it (see reasons.py)."""

    code: str
    params: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, **self.params}


class Proposal(NamedTuple):
    offer_id: int
    score: float
    distance_km: float
    reasons: tuple[Reason, ...]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def hard_rule_violations(need: NeedSpec, offer: OfferSpec) -> list[str]:
    """The stage-1 rules a pair breaks (empty: the pair may be proposed)."""
    broken = []
    spoken = dict(offer.languages)
    if any(spoken.get(code, 0) < level for code, level in need.languages):
        broken.append("language")
    if need.requires_certificate and not _certificate_valid(need, offer):
        broken.append("qualification")
    if not (need.slots & offer.availability) or not (
        offer.available_from <= need.starts_on
        and (offer.available_until is None or need.starts_on <= offer.available_until)
    ):
        broken.append("availability")
    distance = haversine_km(need.latitude, need.longitude, offer.latitude, offer.longitude)
    if distance > offer.max_distance_km:
        broken.append("distance")
    if offer.load >= offer.capacity:
        broken.append("capacity")
    return broken


def _score_parts(need: NeedSpec, offer: OfferSpec, distance_km: float) -> tuple[float, tuple[Reason, ...]]:
    """Stage 2 for one eligible pair: the score and the reasons a person reads."""
    score = 0.0
    reasons: list[Reason] = []
    spoken = dict(offer.languages)
    # Reasons state only what holds: a kept match whose need was changed may break a rule (see rescore_pair).
    for code, level in need.languages:
        if spoken.get(code, 0) >= level:
            reasons.append(Reason("speaks", {"language": code, "level": spoken[code]}))
    score += 0.5 * sum(min(spoken.get(code, 0) - level, 2) for code, level in need.languages)
    reasons.append(Reason("distance", {"km": round(distance_km)}))
    score += 2.0 * (1.0 - distance_km / max(offer.max_distance_km, 1.0))
    common = need.slots & offer.availability
    if common:
        reasons.append(Reason("free_on", {"weekdays": weekdays_of(common)}))
    if need.activity in offer.activities:
        score += 3.0
        # The activity the volunteer named first is the one they prefer.
        if offer.activities and offer.activities[0] == need.activity:
            score += 1.0
        reasons.append(Reason("activity", {"activity": need.activity}))
    score -= offer.load / max(offer.capacity, 1)
    if offer.load == 0:
        reasons.append(Reason("free_capacity", {}))
    if need.requires_certificate and _certificate_valid(need, offer):
        reasons.append(Reason("certificate", {}))
    return round(score, 6), tuple(reasons)


def _certificate_valid(need: NeedSpec, offer: OfferSpec) -> bool:
    return any(seen <= need.starts_on <= until for seen, until in offer.certificates)


def score_pair(need: NeedSpec, offer: OfferSpec) -> Proposal:
    distance = haversine_km(need.latitude, need.longitude, offer.latitude, offer.longitude)
    score, reasons = _score_parts(need, offer, distance)
    return Proposal(offer_id=offer.id, score=score, distance_km=distance, reasons=reasons)


def rescore_pair(need: NeedSpec, offer: OfferSpec) -> tuple[Proposal, list[str]]:
    """Score and reasons of an existing match after its need changed, and the rules the pair now breaks.

    ``offer.load`` must leave out the match itself, as it did when the match was proposed. A broken rule
    is added as a reason too, so that whoever reads the match sees why it no longer fits.
    """
    broken = [rule for rule in hard_rule_violations(need, offer) if rule != "capacity"]
    proposal = score_pair(need, offer)
    if broken:
        proposal = proposal._replace(reasons=(*proposal.reasons, Reason("breaks", {"rules": broken})))
    return proposal, broken


class OfferTable:
    """The offers of one search as numpy columns; evaluates many needs against all offers at once.

    Needs are taken in chunks: each rule is one array operation over a (needs x offers) matrix, so the
    cost per pair is a few nanoseconds instead of a Python call. Distances use unit vectors: a pair is
    within ``d`` km when the dot product of their vectors is at least cos(d / R), the same condition
    as the haversine formula without a trigonometric call per pair.
    """

    CHUNK = 64

    def __init__(self, offers: Sequence[OfferSpec]) -> None:
        self.offers = list(offers)
        count = len(self.offers)
        self.ids = np.array([o.id for o in self.offers], dtype=np.int64)
        lat = np.radians(np.array([o.latitude for o in self.offers], dtype=np.float64))
        lon = np.radians(np.array([o.longitude for o in self.offers], dtype=np.float64))
        self.unit = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
        self.max_distance = np.array([o.max_distance_km for o in self.offers], dtype=np.float64)
        self.min_dot = np.cos(np.minimum(self.max_distance / EARTH_RADIUS_KM, math.pi))
        self.availability = np.array([o.availability for o in self.offers], dtype=np.int64)
        self.available_from = np.array([o.available_from.toordinal() for o in self.offers], dtype=np.int64)
        self.available_until = np.array(
            [o.available_until.toordinal() if o.available_until else FAR_FUTURE for o in self.offers],
            dtype=np.int64,
        )
        self.has_room = np.array([o.load < o.capacity for o in self.offers], dtype=bool)
        self._column_cache: dict[str | None, np.ndarray] = {}
        self.activity_bits = np.array(
            [sum(1 << ACTIVITY_INDEX[a] for a in set(o.activities)) for o in self.offers], dtype=np.int64
        )
        self.preferred = np.array(
            [ACTIVITY_INDEX[o.activities[0]] if o.activities else -1 for o in self.offers], dtype=np.int64
        )
        self.load_share = np.array([o.load / max(o.capacity, 1) for o in self.offers], dtype=np.float64)
        codes = sorted({code for o in self.offers for code, _ in o.languages})
        self.language_column = {code: index for index, code in enumerate(codes)}
        self.levels = np.zeros((max(len(codes), 1), count), dtype=np.int8)
        for row, offer in enumerate(self.offers):
            for code, level in offer.languages:
                self.levels[self.language_column[code], row] = level
        width = max((len(o.certificates) for o in self.offers), default=0) or 1
        # Padding (1, 0) is an empty period: no date lies in it.
        self.certificate_from = np.ones((width, count), dtype=np.int64)
        self.certificate_until = np.zeros((width, count), dtype=np.int64)
        for row, offer in enumerate(self.offers):
            for column, (seen, until) in enumerate(offer.certificates):
                self.certificate_from[column, row] = seen.toordinal()
                self.certificate_until[column, row] = until.toordinal()

    def __len__(self) -> int:
        return len(self.offers)

    def _columns(self, code: str | None) -> np.ndarray:
        """Rows worth looking at: offers with room, speaking ``code`` when a language is given.

        Any rule would exclude the others; leaving them out first shrinks the matrices several times.
        """
        cached = self._column_cache.get(code)
        if cached is None:
            keep = self.has_room.copy()
            if code is not None:
                column = self.language_column.get(code)
                keep &= self.levels[column] > 0 if column is not None else False
            cached = self._column_cache[code] = np.flatnonzero(keep)
        return cached

    def _key(self, need: NeedSpec) -> str | None:
        """The need's most selective required language (fewest speakers), or None without one."""
        if not need.languages:
            return None
        return min((code for code, _ in need.languages), key=lambda code: (self._columns(code).size, code))

    def _chunk(
        self, needs: Sequence[NeedSpec], columns: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The eligible (need, offer) pairs among ``columns``: need index, offer row, km and score."""
        days = np.array([need.starts_on.toordinal() for need in needs], dtype=np.int64)[:, None]
        slots = np.array([need.slots for need in needs], dtype=np.int64)[:, None]
        lat = np.radians(np.array([need.latitude for need in needs]))
        lon = np.radians(np.array([need.longitude for need in needs]))
        need_unit = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
        dot = need_unit @ self.unit[:, columns]
        mask = dot >= self.min_dot[columns][None, :]
        mask &= (self.availability[columns][None, :] & slots) != 0
        mask &= self.available_from[columns][None, :] <= days
        mask &= self.available_until[columns][None, :] >= days
        required: dict[str, np.ndarray] = {}
        for row, need in enumerate(needs):
            for code, level in need.languages:
                required.setdefault(code, np.zeros(len(needs), dtype=np.int8))[row] = level
        spoken_of: dict[str, np.ndarray] = {}
        for code, asked in required.items():
            column = self.language_column.get(code)
            spoken = self.levels[column][columns] if column is not None else np.zeros(columns.size, np.int8)
            spoken_of[code] = spoken
            mask &= (asked[:, None] == 0) | (spoken[None, :] >= asked[:, None])
        wants_certificate = np.array([need.requires_certificate for need in needs])
        if wants_certificate.any():
            valid = (
                (self.certificate_from[:, columns][None, :, :] <= days[:, :, None])
                & (self.certificate_until[:, columns][None, :, :] >= days[:, :, None])
            ).any(axis=1)
            mask &= ~wants_certificate[:, None] | valid
        need_index, position = np.nonzero(mask)
        rows = columns[position]
        distance = EARTH_RADIUS_KM * np.arccos(np.clip(dot[need_index, position], -1.0, 1.0))
        score = 2.0 * (1.0 - distance / np.maximum(self.max_distance[rows], 1.0))
        for code, asked in required.items():
            wanted = asked[need_index].astype(np.int64)
            surplus = np.minimum(spoken_of[code][position].astype(np.int64) - wanted, 2)
            score += np.where(wanted > 0, 0.5 * surplus, 0.0)
        bits = np.array([ACTIVITY_INDEX[need.activity] for need in needs], dtype=np.int64)[need_index]
        score += 3.0 * ((self.activity_bits[rows] >> bits) & 1) + 1.0 * (self.preferred[rows] == bits)
        score -= self.load_share[rows]
        return need_index, rows, distance, np.round(score, 6)

    def eligible(self, need: NeedSpec) -> tuple[np.ndarray, np.ndarray]:
        """Row indices of the offers that pass every hard rule, and their distances in km."""
        _, rows, distance, _ = self._chunk([need], self._columns(self._key(need)))
        order = np.argsort(rows, kind="stable")
        return rows[order], distance[order]

    def ranked(self, needs: Sequence[NeedSpec], limit: int) -> list[list[tuple[int, float, float]]]:
        """Per need the best ``limit`` eligible rows as (row, distance, vectorised score), best first.

        Equal scores keep the offers' order, so the same input always gives the same ranking.
        """
        results: list[list[tuple[int, float, float]]] = [[] for _ in needs]
        groups: dict[str | None, list[int]] = {}
        for index, need in enumerate(needs):
            groups.setdefault(self._key(need), []).append(index)
        for key in sorted(groups, key=lambda code: code or ""):
            columns = self._columns(key)
            if not columns.size:
                continue
            indices = groups[key]
            for start in range(0, len(indices), self.CHUNK):
                chunk = indices[start : start + self.CHUNK]
                need_index, rows, distance, score = self._chunk([needs[i] for i in chunk], columns)
                # One stable sort: by need, then best score; equal scores stay in row order (ascending
                # already, as np.nonzero returns them). Scores lie far below 100.
                order = np.argsort(need_index * 100.0 - score, kind="stable")
                need_index, rows, distance, score = (
                    need_index[order],
                    rows[order],
                    distance[order],
                    score[order],
                )
                # The first ``limit`` entries of each need's run.
                starts = np.searchsorted(need_index, np.arange(len(chunk)))
                rank = np.arange(need_index.size) - starts[need_index]
                keep = rank < limit
                for position, row, km, value in zip(
                    need_index[keep].tolist(),
                    rows[keep].tolist(),
                    distance[keep].tolist(),
                    score[keep].tolist(),
                    strict=True,
                ):
                    results[chunk[position]].append((row, km, value))
        return results

    def proposals(self, need: NeedSpec, limit: int = 5) -> list[Proposal]:
        """The best ``limit`` eligible offers with their reasons, best first."""
        return self.proposals_for_all([need], limit)[0]

    def proposals_for_all(self, needs: Sequence[NeedSpec], limit: int = 5) -> list[list[Proposal]]:
        ranked = self.ranked(needs, limit)
        return [
            [
                Proposal(self.offers[row].id, *_scored(need, self.offers[row], distance))
                for row, distance, _score in rows
            ]
            for need, rows in zip(needs, ranked, strict=True)
        ]


def _scored(need: NeedSpec, offer: OfferSpec, distance: float) -> tuple[float, float, tuple[Reason, ...]]:
    score, reasons = _score_parts(need, offer, distance)
    return score, distance, reasons


class Edge(NamedTuple):
    need_id: int
    offer_id: int
    score: float


def plan_edges(needs: Sequence[NeedSpec], table: OfferTable, per_need: int | None = None) -> list[Edge]:
    """The eligible pairs the plan chooses from; ``per_need`` keeps only each need's best ones."""
    wanting = [need for need in needs if need.helpers_wanted > 0]
    edges = [
        Edge(need.id, table.offers[row].id, score)
        for need, rows in zip(wanting, table.ranked(wanting, per_need or len(table)), strict=True)
        for row, _distance, score in rows
    ]
    edges.sort(key=lambda edge: (edge.need_id, edge.offer_id))
    return edges


def solve_plan(
    edges: Sequence[Edge], need_capacity: dict[int, int], offer_capacity: dict[int, int]
) -> list[Edge]:
    """Choose pairs: each need at most its wanted helpers, each offer at most its free places.

    A b-matching on a bipartite graph: its constraint matrix is totally unimodular, so HiGHS' simplex
    returns an integral optimum of the linear programme (a min-cost flow). Same input, same plan.
    """
    if not edges:
        return []
    need_ids = sorted({edge.need_id for edge in edges})
    offer_ids = sorted({edge.offer_id for edge in edges})
    need_row = {need_id: row for row, need_id in enumerate(need_ids)}
    offer_row = {offer_id: len(need_ids) + row for row, offer_id in enumerate(offer_ids)}
    columns = np.arange(len(edges))
    rows = np.concatenate(
        [
            np.array([need_row[edge.need_id] for edge in edges]),
            np.array([offer_row[edge.offer_id] for edge in edges]),
        ]
    )
    matrix = coo_matrix(
        (np.ones(2 * len(edges)), (rows, np.concatenate([columns, columns]))),
        shape=(len(need_ids) + len(offer_ids), len(edges)),
    ).tocsr()
    limits = np.array(
        [max(need_capacity.get(need_id, 0), 0) for need_id in need_ids]
        + [max(offer_capacity.get(offer_id, 0), 0) for offer_id in offer_ids],
        dtype=np.float64,
    )
    worth = np.array([MATCH_WORTH + edge.score for edge in edges])
    result = linprog(-worth, A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs-ds")
    if result.status != 0:  # pragma: no cover - a bounded, feasible LP (x = 0 is feasible)
        raise RuntimeError(f"The batch plan could not be solved: {result.message}")
    return [edge for edge, value in zip(edges, result.x, strict=True) if value > 0.5]


def batch_plan(
    needs: Sequence[NeedSpec], offers: Sequence[OfferSpec], per_need: int | None = None
) -> list[Edge]:
    """The plan for a district: which volunteer to propose for which need."""
    table = OfferTable(offers)
    edges = plan_edges(needs, table, per_need=per_need)
    return solve_plan(
        edges,
        {need.id: need.helpers_wanted for need in needs},
        {offer.id: offer.capacity - offer.load for offer in offers},
    )


def plan_worth(plan: Sequence[Edge]) -> float:
    return sum(MATCH_WORTH + edge.score for edge in plan)
