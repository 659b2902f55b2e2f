"""The engine: hard rules never broken, scores explained, the batch plan optimal and deterministic."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from integrationsnetz.volunteering.matching import (
    MATCH_WORTH,
    Edge,
    NeedSpec,
    OfferSpec,
    OfferTable,
    batch_plan,
    hard_rule_violations,
    haversine_km,
    plan_edges,
    plan_worth,
    rescore_pair,
    score_pair,
    solve_plan,
)
from integrationsnetz.volunteering.models import Activity
from integrationsnetz.volunteering.slots import ALL_SLOTS, slot_bit

DAY = date(2026, 3, 3)  # a Tuesday
LEIPZIG = (51.3397, 12.3731)
EILENBURG = (51.4607, 12.6337)
LANGUAGES = ["ar", "fa", "uk", "ru", "en"]


def need(**kwargs: object) -> NeedSpec:
    values: dict[str, object] = {
        "id": 1,
        "activity": Activity.HOMEWORK_HELP,
        "latitude": LEIPZIG[0],
        "longitude": LEIPZIG[1],
        "starts_on": DAY,
        "slots": slot_bit(1, 1),
    }
    values.update(kwargs)
    return NeedSpec(**values)  # type: ignore[arg-type]


def offer(**kwargs: object) -> OfferSpec:
    values: dict[str, object] = {
        "id": 1,
        "activities": (Activity.HOMEWORK_HELP,),
        "latitude": LEIPZIG[0] + 0.03,
        "longitude": LEIPZIG[1],
        "max_distance_km": 10,
        "availability": slot_bit(1, 1),
        "available_from": DAY - timedelta(days=30),
    }
    values.update(kwargs)
    return OfferSpec(**values)  # type: ignore[arg-type]


def test_haversine_leipzig_eilenburg() -> None:
    assert 22 < haversine_km(*LEIPZIG, *EILENBURG) < 23


def test_each_hard_rule() -> None:
    assert hard_rule_violations(need(), offer()) == []
    assert hard_rule_violations(need(languages=(("ar", 3),)), offer(languages=(("ar", 2),))) == ["language"]
    assert hard_rule_violations(need(languages=(("ar", 3),)), offer(languages=(("ar", 3),))) == []
    assert hard_rule_violations(need(requires_certificate=True), offer()) == ["qualification"]
    expired = ((DAY - timedelta(days=400), DAY - timedelta(days=1)),)
    assert hard_rule_violations(need(requires_certificate=True), offer(certificates=expired)) == [
        "qualification"
    ]
    valid = ((DAY - timedelta(days=400), DAY),)
    assert hard_rule_violations(need(requires_certificate=True), offer(certificates=valid)) == []
    assert hard_rule_violations(need(slots=slot_bit(2, 0)), offer()) == ["availability"]
    assert hard_rule_violations(need(), offer(available_until=DAY - timedelta(days=1))) == ["availability"]
    assert hard_rule_violations(need(), offer(latitude=EILENBURG[0], longitude=EILENBURG[1])) == ["distance"]
    assert hard_rule_violations(need(), offer(load=1, capacity=1)) == ["capacity"]


def test_reasons_explain_the_score() -> None:
    proposal = score_pair(need(languages=(("ar", 2),)), offer(languages=(("ar", 4),)))
    codes = [reason.code for reason in proposal.reasons]
    assert codes == ["speaks", "distance", "free_on", "activity", "free_capacity"]
    assert proposal.reasons[1].params == {"km": 3}
    assert proposal.reasons[2].params == {"weekdays": [1]}
    # The activity fits and is the preferred one; language two levels above; 3.3 km of 10.
    assert round(proposal.score, 2) == round(3 + 1 + 0.5 * 2 + 2 * (1 - proposal.distance_km / 10), 2)


def test_rescore_states_only_what_holds_and_names_broken_rules() -> None:
    fitting = offer(languages=(("ar", 4),))
    proposal, broken = rescore_pair(need(languages=(("ar", 2),)), fitting)
    assert broken == [] and proposal == score_pair(need(languages=(("ar", 2),)), fitting)
    # The need moved to Thursday, now asks for Farsi and a certificate: the match no longer fits.
    changed = need(slots=slot_bit(3, 1), languages=(("ar", 2), ("fa", 2)), requires_certificate=True)
    proposal, broken = rescore_pair(changed, fitting)
    assert broken == ["language", "qualification", "availability"]
    codes = [reason.code for reason in proposal.reasons]
    assert codes == ["speaks", "distance", "activity", "free_capacity", "breaks"]
    assert proposal.reasons[0].params == {"language": "ar", "level": 4}
    assert proposal.reasons[-1].params == {"rules": broken}
    # A full offer is no reason: the match being rescored is the one that fills it.
    assert rescore_pair(need(), offer(load=1, capacity=1))[1] == []


coordinates = st.tuples(st.floats(51.0, 51.6), st.floats(12.0, 13.0))
levels = st.lists(
    st.tuples(st.sampled_from(LANGUAGES), st.integers(1, 4)), max_size=3, unique_by=lambda x: x[0]
)
days = st.integers(-60, 60).map(lambda n: DAY + timedelta(days=n))


@st.composite
def needs(draw: st.DrawFn, pk: int = 1) -> NeedSpec:
    lat, lon = draw(coordinates)
    return NeedSpec(
        id=pk,
        activity=draw(st.sampled_from(Activity.values)),
        latitude=lat,
        longitude=lon,
        starts_on=draw(days),
        slots=draw(st.integers(1, ALL_SLOTS)),
        languages=tuple(draw(levels)),
        requires_certificate=draw(st.booleans()),
        helpers_wanted=draw(st.integers(1, 3)),
    )


@st.composite
def offers(draw: st.DrawFn, pk: int) -> OfferSpec:
    lat, lon = draw(coordinates)
    start = draw(days)
    certificates = tuple(
        (seen, seen + timedelta(days=draw(st.integers(0, 200)))) for seen in draw(st.lists(days, max_size=2))
    )
    return OfferSpec(
        id=pk,
        activities=tuple(
            draw(st.lists(st.sampled_from(Activity.values), min_size=1, max_size=3, unique=True))
        ),
        latitude=lat,
        longitude=lon,
        max_distance_km=draw(st.integers(1, 60)),
        availability=draw(st.integers(1, ALL_SLOTS)),
        available_from=start,
        available_until=draw(st.none() | st.integers(0, 90).map(lambda n: start + timedelta(days=n))),
        languages=tuple(draw(levels)),
        certificates=certificates,
        load=draw(st.integers(0, 2)),
        capacity=draw(st.integers(1, 3)),
    )


@st.composite
def markets(draw: st.DrawFn) -> tuple[list[NeedSpec], list[OfferSpec]]:
    need_count = draw(st.integers(1, 4))
    offer_count = draw(st.integers(1, 12))
    return [draw(needs(pk=i + 1)) for i in range(need_count)], [
        draw(offers(pk=i + 1)) for i in range(offer_count)
    ]


@settings(max_examples=150, deadline=None)
@given(markets())
def test_hard_rules_are_never_violated(market: tuple[list[NeedSpec], list[OfferSpec]]) -> None:
    need_list, offer_list = market
    table = OfferTable(offer_list)
    by_id = {o.id: o for o in offer_list}
    for one_need in need_list:
        rows, _ = table.eligible(one_need)
        eligible = {offer_list[row].id for row in rows.tolist()}
        # The fast path and the readable definition agree on every pair ...
        assert eligible == {o.id for o in offer_list if not hard_rule_violations(one_need, o)}
        # ... and no proposal breaks a rule.
        for proposal in table.proposals(one_need, limit=3):
            assert hard_rule_violations(one_need, by_id[proposal.offer_id]) == []
    for edge in batch_plan(need_list, offer_list):
        chosen_need = next(n for n in need_list if n.id == edge.need_id)
        assert hard_rule_violations(chosen_need, by_id[edge.offer_id]) == []


def brute_force(edges: list[Edge], need_capacity: dict[int, int], offer_capacity: dict[int, int]) -> float:
    best = 0.0
    for size in range(len(edges) + 1):
        for subset in itertools.combinations(edges, size):
            used_need: dict[int, int] = {}
            used_offer: dict[int, int] = {}
            for edge in subset:
                used_need[edge.need_id] = used_need.get(edge.need_id, 0) + 1
                used_offer[edge.offer_id] = used_offer.get(edge.offer_id, 0) + 1
            if all(used_need[k] <= need_capacity[k] for k in used_need) and all(
                used_offer[k] <= offer_capacity[k] for k in used_offer
            ):
                best = max(best, plan_worth(subset))
    return best


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 4), st.floats(0, 8).map(lambda x: round(x, 3))),
        max_size=9,
        unique_by=lambda x: (x[0], x[1]),
    ),
    st.lists(st.integers(0, 2), min_size=3, max_size=3),
    st.lists(st.integers(0, 2), min_size=4, max_size=4),
)
def test_batch_plan_is_optimal_and_respects_capacities(
    triples: list[tuple[int, int, float]], need_caps: list[int], offer_caps: list[int]
) -> None:
    edges = sorted((Edge(n, o, s) for n, o, s in triples), key=lambda e: (e.need_id, e.offer_id))
    need_capacity = {i + 1: c for i, c in enumerate(need_caps)}
    offer_capacity = {i + 1: c for i, c in enumerate(offer_caps)}
    plan = solve_plan(edges, need_capacity, offer_capacity)
    for need_id, capacity in need_capacity.items():
        assert sum(edge.need_id == need_id for edge in plan) <= capacity
    for offer_id, capacity in offer_capacity.items():
        assert sum(edge.offer_id == offer_id for edge in plan) <= capacity
    assert abs(plan_worth(plan) - brute_force(edges, need_capacity, offer_capacity)) < 1e-6
    # Deterministic: the same input gives the same plan.
    assert solve_plan(edges, need_capacity, offer_capacity) == plan


def test_batch_plan_prefers_more_matches_over_a_better_single_one() -> None:
    # Offer 1 fits both needs (best for need 1); offer 2 fits only need 1. The plan serves both needs.
    edges = [Edge(1, 1, 8.0), Edge(1, 2, 1.0), Edge(2, 1, 0.5)]
    plan = solve_plan(edges, {1: 1, 2: 1}, {1: 1, 2: 1})
    assert sorted((e.need_id, e.offer_id) for e in plan) == [(1, 2), (2, 1)]
    assert plan_worth(plan) == 2 * MATCH_WORTH + 1.5


def test_plan_edges_keeps_each_needs_best() -> None:
    offer_list = [offer(id=i, latitude=LEIPZIG[0] + 0.005 * i) for i in range(1, 6)]
    edges = plan_edges([need()], OfferTable(offer_list), per_need=2)
    assert [edge.offer_id for edge in edges] == [1, 2]
