"""Reads shared by pages, the API, the batch plan and the benchmark; each fixes its number of queries."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.models import Region
from integrationsnetz.volunteering.matching import NeedSpec, OfferSpec, OfferTable, Proposal
from integrationsnetz.volunteering.models import (
    OPEN_STATUSES,
    HoursEntry,
    Match,
    Need,
    NeedLanguage,
    OfferLanguage,
    Qualification,
    QualificationKind,
    VolunteerOffer,
)

# No volunteer travels further than this (the form's maximum); it bounds the search for offers.
MAX_TRAVEL_KM = 200


def district_of(region: Region) -> Region:
    """The district or district-free city a region lies in (itself when it is one)."""
    keys = [key for key in region.path.strip("/").split("/") if key]
    if len(keys) <= 2:
        return region
    return Region.objects.get(key=keys[1])


def needs_current(day: date | None = None) -> QuerySet[Need]:
    """Open needs whose "looking until" day has not passed."""
    day = day or timezone.localdate()
    return Need.objects.filter(status=Need.Status.OPEN).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=day)
    )


def needs_public() -> QuerySet[Need]:
    """Open needs for everyone: the templates and the API show only anonymised fields of these."""
    return (
        needs_current()
        .select_related("region")
        .prefetch_related(Prefetch("languages", NeedLanguage.objects.select_related("language")))
        .order_by("starts_on", "pk")
    )


def needs_managed_by(user: Any) -> QuerySet[Need]:
    scopes = scopes_of(user)
    queryset = Need.objects.select_related("organisation", "region").annotate(
        match_count=Count("matches", filter=Q(matches__status__in=OPEN_STATUSES))
    )
    if scopes.is_office:
        return queryset.order_by("-created_at", "-pk")
    condition = Q(organisation_id__in=scopes.edited_organisation_ids)
    for path in scopes.coordinated_paths:
        condition |= Q(region__path__startswith=path)
    return queryset.filter(condition).order_by("-created_at", "-pk")


def matches_of_volunteer(user: Any) -> QuerySet[Match]:
    return (
        Match.objects.filter(offer__user_id=user.pk)
        .select_related("need", "need__region", "need__organisation", "offer")
        .order_by("-proposed_at", "-pk")
    )


def matches_of_need(need: Need) -> QuerySet[Match]:
    return Match.objects.filter(need=need).select_related("offer", "offer__user", "offer__region")


def need_for_page() -> QuerySet[Need]:
    return Need.objects.select_related("region", "organisation").prefetch_related(
        Prefetch("languages", NeedLanguage.objects.select_related("language"))
    )


def match_for_page(pk: int) -> Match:
    return (
        Match.objects.select_related(
            "need", "need__organisation", "need__region", "offer", "offer__user", "offer__region"
        )
        .prefetch_related(Prefetch("need__languages", NeedLanguage.objects.select_related("language")))
        .get(pk=pk)
    )


def need_spec(need: Need) -> NeedSpec:
    """The need as the engine sees it; ``helpers_wanted`` counts only the places still free."""
    taken = need.matches.filter(status__in=OPEN_STATUSES | {Match.Status.COMPLETED}).count()
    return NeedSpec(
        id=need.pk,
        activity=need.activity,
        latitude=need.latitude,
        longitude=need.longitude,
        starts_on=need.starts_on,
        slots=need.slots,
        languages=tuple((item.language.code, item.min_level) for item in need.languages.all()),
        requires_certificate=need.requires_certificate_of_conduct,
        helpers_wanted=max(need.helpers_wanted - taken, 0),
    )


def need_specs(needs: QuerySet[Need]) -> list[NeedSpec]:
    """Specs of many needs in three queries (plain values: thousands of needs are read for a plan)."""
    rows = list(
        needs.order_by("pk").values_list(
            "pk",
            "activity",
            "latitude",
            "longitude",
            "starts_on",
            "slots",
            "requires_certificate_of_conduct",
            "helpers_wanted",
        )
    )
    ids = needs.values("pk")
    languages: dict[int, list[tuple[str, int]]] = {}
    for need_id, code, level in NeedLanguage.objects.filter(need_id__in=ids).values_list(
        "need_id", "language__code", "min_level"
    ):
        languages.setdefault(need_id, []).append((code, level))
    taken = dict(
        Match.objects.filter(need_id__in=ids, status__in=OPEN_STATUSES | {Match.Status.COMPLETED})
        .values("need_id")
        .annotate(count=Count("pk"))
        .values_list("need_id", "count")
    )
    return [
        NeedSpec(
            id=pk,
            activity=activity,
            latitude=latitude,
            longitude=longitude,
            starts_on=starts_on,
            slots=slots,
            languages=tuple(sorted(languages.get(pk, []))),
            requires_certificate=certificate,
            helpers_wanted=max(wanted - taken.get(pk, 0), 0),
        )
        for pk, activity, latitude, longitude, starts_on, slots, certificate, wanted in rows
    ]


def offer_specs(offers: QuerySet[VolunteerOffer]) -> list[OfferSpec]:
    """Specs of active offers in four queries: offers, languages, certificates, open matches."""
    active = offers.filter(status=VolunteerOffer.Status.ACTIVE)
    rows = list(
        active.order_by("pk").values_list(
            "pk",
            "activities",
            "latitude",
            "longitude",
            "max_distance_km",
            "availability",
            "available_from",
            "available_until",
            "max_matches",
        )
    )
    # Subqueries rather than lists of ids: a district has thousands of offers.
    ids = active.values("pk")
    languages: dict[int, list[tuple[str, int]]] = {}
    for offer_id, code, level in OfferLanguage.objects.filter(offer_id__in=ids).values_list(
        "offer_id", "language__code", "level"
    ):
        languages.setdefault(offer_id, []).append((code, level))
    certificates: dict[int, list[tuple[date, date]]] = {}
    for offer_id, seen_on, expires_on in Qualification.objects.filter(
        offer_id__in=ids, kind=QualificationKind.CERTIFICATE_OF_CONDUCT
    ).values_list("offer_id", "seen_on", "expires_on"):
        certificates.setdefault(offer_id, []).append((seen_on, expires_on))
    loads = dict(
        Match.objects.filter(offer_id__in=ids, status__in=OPEN_STATUSES)
        .values("offer_id")
        .annotate(count=Count("pk"))
        .values_list("offer_id", "count")
    )
    return [
        OfferSpec(
            id=pk,
            activities=tuple(activities),
            latitude=latitude,
            longitude=longitude,
            max_distance_km=max_distance_km,
            availability=availability,
            available_from=available_from,
            available_until=available_until,
            languages=tuple(sorted(languages.get(pk, []))),
            certificates=tuple(sorted(certificates.get(pk, []))),
            load=loads.get(pk, 0),
            capacity=max_matches,
        )
        for pk, activities, latitude, longitude, max_distance_km, availability, available_from, available_until, max_matches in rows
    ]


def offers_near(latitude: float, longitude: float) -> QuerySet[VolunteerOffer]:
    """Offers close enough that their volunteer might travel (a box, refined by the hard rules)."""
    dlat = MAX_TRAVEL_KM / 111.0
    dlon = MAX_TRAVEL_KM / (111.0 * max(math.cos(math.radians(latitude)), 0.01))
    return VolunteerOffer.objects.filter(
        latitude__range=(latitude - dlat, latitude + dlat),
        longitude__range=(longitude - dlon, longitude + dlon),
    )


def offers_in_district(district: Region) -> QuerySet[VolunteerOffer]:
    return VolunteerOffer.objects.filter(region__path__startswith=district.path)


def proposals_for(need: Need, limit: int = 5) -> list[tuple[Proposal, VolunteerOffer]]:
    """The best offers for a need that have no match with it yet, with their offers for display."""
    already = set(need.matches.values_list("offer_id", flat=True))
    specs = [
        spec for spec in offer_specs(offers_near(need.latitude, need.longitude)) if spec.id not in already
    ]
    proposals = OfferTable(specs).proposals(need_spec(need), limit=limit)
    offers = VolunteerOffer.objects.select_related("user", "region").in_bulk(
        [proposal.offer_id for proposal in proposals]
    )
    return [(proposal, offers[proposal.offer_id]) for proposal in proposals]


def hours_of_match(match: Match) -> QuerySet[HoursEntry]:
    return HoursEntry.objects.filter(match=match).order_by("-day", "-pk")


def approved_hours(offer: VolunteerOffer, start: date, end: date) -> list[dict[str, Any]]:
    """Approved hours per organisation in a period, for the certificate (one query)."""
    return list(
        HoursEntry.objects.filter(
            match__offer=offer, status=HoursEntry.Status.APPROVED, day__range=(start, end)
        )
        .values("match__need__organisation__name", "match__need__activity")
        .annotate(total=Sum("hours"), first=Min("day"), last=Max("day"))
        .order_by("match__need__organisation__name", "match__need__activity")
    )


def approved_hours_by_day(offer: VolunteerOffer) -> list[tuple[date, Decimal]]:
    return list(
        HoursEntry.objects.filter(match__offer=offer, status=HoursEntry.Status.APPROVED)
        .values_list("day", "hours")
        .order_by("day")
    )


def hours_waiting_for(user: Any) -> QuerySet[HoursEntry]:
    """Logged hours the user's organisations still have to approve."""
    organisation_ids = scopes_of(user).edited_organisation_ids
    return (
        HoursEntry.objects.filter(
            status=HoursEntry.Status.LOGGED, match__need__organisation_id__in=organisation_ids
        )
        .select_related("match", "match__need", "match__offer__user")
        .order_by("day", "pk")
    )


@dataclass
class LanguageShortage:
    code: str
    name: str
    needed: int
    offered: int


@dataclass
class DistrictDashboard:
    district: Region
    unmet_needs: Sequence[Need]
    unused_offers: int
    active_offers: int
    open_needs: int
    median_days_to_match: float | None
    matched_needs: int
    shortages: list[LanguageShortage]


def district_dashboard(district: Region) -> DistrictDashboard:
    """The coordinators' figures for one district, in a fixed number of queries."""
    needs = list(
        Need.objects.filter(region__path__startswith=district.path, status=Need.Status.OPEN)
        .select_related("region")
        .annotate(
            taken=Count(
                "matches",
                filter=Q(matches__status__in=OPEN_STATUSES | {Match.Status.COMPLETED}),
                distinct=True,
            )
        )
        .order_by("starts_on", "pk")
    )
    unmet = [need for need in needs if need.taken < need.helpers_wanted]
    offers = VolunteerOffer.objects.filter(
        region__path__startswith=district.path, status=VolunteerOffer.Status.ACTIVE
    )
    active_offers = offers.count()
    unused = offers.exclude(matches__status__in=OPEN_STATUSES | {Match.Status.COMPLETED}).count()
    # Time to match: from a need's creation to its first match confirmed by the organisation.
    first_confirmations = (
        Match.objects.filter(need__region__path__startswith=district.path, confirmed_at__isnull=False)
        .values("need_id", "need__created_at")
        .annotate(first=Min("confirmed_at"))
    )
    durations = [(row["first"] - row["need__created_at"]) / timedelta(days=1) for row in first_confirmations]
    german = (get_language() or "de").startswith("de")
    needed: Counter[str] = Counter()
    names: dict[str, str] = {}
    for code, name_de, name_en in NeedLanguage.objects.filter(
        need__region__path__startswith=district.path, need__status=Need.Status.OPEN
    ).values_list("language__code", "language__name_de", "language__name_en"):
        needed[code] += 1
        names[code] = name_de if german else name_en
    offered = dict(
        OfferLanguage.objects.filter(
            offer__region__path__startswith=district.path,
            offer__status=VolunteerOffer.Status.ACTIVE,
            language__code__in=list(needed),
        )
        .values("language__code")
        .annotate(count=Count("offer_id", distinct=True))
        .values_list("language__code", "count")
    )
    shortages = sorted(
        (
            LanguageShortage(code=code, name=names[code], needed=count, offered=offered.get(code, 0))
            for code, count in needed.items()
            if offered.get(code, 0) < count
        ),
        key=lambda item: (item.offered - item.needed, item.code),
    )
    return DistrictDashboard(
        district=district,
        unmet_needs=unmet,
        unused_offers=unused,
        active_offers=active_offers,
        open_needs=len(needs),
        median_days_to_match=round(statistics.median(durations), 1) if durations else None,
        matched_needs=len(durations),
        shortages=shortages,
    )
