"""The volunteering part of /api/v1 (a django-ninja router that api/v1.py mounts at /volunteering).

- ``/needs``: open needs still looking for helpers, for everyone, anonymised (activity, town, date, languages; no organisation,
  no street, coordinates rounded to about a kilometre);
- ``/offer``: the token user's own offer; ``/matches``: the token user's own matches, as volunteer or
  as organisation. Contact data appear in a match only after mutual consent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.api.auth import READ_ERRORS, WRITE_ERRORS, TokenAuth
from integrationsnetz.api.schemas import MAX_PAGE, MAX_PAGE_SIZE
from integrationsnetz.core import policy
from integrationsnetz.volunteering import selectors, services
from integrationsnetz.volunteering.models import Match, VolunteerOffer
from integrationsnetz.volunteering.slots import choices_from_slots

router = Router(tags=["volunteering"])


class LanguageNeedOut(Schema):
    language: str = Field(description="ISO 639-1 code")
    min_level: int = Field(description="1 basic, 2 conversational, 3 fluent, 4 native")


class NeedOut(Schema):
    id: int
    title: str
    activity: str
    town: str
    region: str = Field(description="Official key of the town or district.")
    starts_on: date
    recurring: bool
    slots: list[str] = Field(description='Weekly slots as "<weekday 0-6>-<part of day 0-2>".')
    helpers_wanted: int
    requires_certificate_of_conduct: bool
    expires_on: date | None = Field(description="Looking for helpers until this day (inclusive).")
    languages: list[LanguageNeedOut]
    latitude: float = Field(description="Rounded to two decimals (town level).")
    longitude: float = Field(description="Rounded to two decimals (town level).")


class NeedPage(Schema):
    items: list[NeedOut]
    total: int
    page: int
    page_size: int


class OfferOut(Schema):
    id: int
    status: str
    activities: list[str]
    town: str
    max_distance_km: int
    availability: list[str]
    hours_per_week: int
    max_matches: int
    available_from: date
    available_until: date | None
    languages: list[LanguageNeedOut]


class ContactOut(Schema):
    name: str
    email: str
    phone: str


class MatchOut(Schema):
    id: int
    status: str
    need_id: int
    need_title: str
    town: str
    score: float
    proposed_at: datetime
    meets_at: datetime | None
    role: str = Field(description='"volunteer" or "organisation": the token user\'s side.')
    volunteer: ContactOut | None = Field(None, description="Only after mutual consent.")
    organisation: str | None = Field(None, description="Only after mutual consent.")


class StepIn(Schema):
    action: str = Field(description='"accept" (volunteer), "confirm", "start" or "complete" (organisation)')


def need_out(need: Any) -> dict[str, Any]:
    return {
        "id": need.pk,
        "title": need.title,
        "activity": need.activity,
        "town": need.town,
        "region": need.region.key,
        "starts_on": need.starts_on,
        "recurring": need.recurring,
        "slots": choices_from_slots(need.slots),
        "helpers_wanted": need.helpers_wanted,
        "requires_certificate_of_conduct": need.requires_certificate_of_conduct,
        "expires_on": need.expires_on,
        "languages": [
            {"language": item.language.code, "min_level": item.min_level} for item in need.languages.all()
        ],
        "latitude": round(need.latitude, 2),
        "longitude": round(need.longitude, 2),
    }


@router.get("/needs", response={200: NeedPage, **READ_ERRORS})
def needs(
    request: HttpRequest,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Open needs, anonymised."""
    queryset = selectors.needs_public()
    start = (page - 1) * page_size
    return {
        "items": [need_out(need) for need in queryset[start : start + page_size]],
        "total": queryset.count(),
        "page": page,
        "page_size": page_size,
    }


@router.get("/offer", auth=TokenAuth(), response={200: OfferOut, **READ_ERRORS})
def own_offer(request: HttpRequest) -> dict[str, Any]:
    """The token user's own offer (404 without one)."""
    offer = (
        VolunteerOffer.objects.filter(user_id=request.auth.pk)  # type: ignore[attr-defined]
        .prefetch_related("languages__language")
        .first()
    )
    if offer is None:
        raise Http404
    return {
        "id": offer.pk,
        "status": offer.status,
        "activities": offer.activities,
        "town": offer.town,
        "max_distance_km": offer.max_distance_km,
        "availability": choices_from_slots(offer.availability),
        "hours_per_week": offer.hours_per_week,
        "max_matches": offer.max_matches,
        "available_from": offer.available_from,
        "available_until": offer.available_until,
        "languages": [{"language": i.language.code, "min_level": i.level} for i in offer.languages.all()],
    }


def match_out(match: Match, user: Any) -> dict[str, Any]:
    consent = policy.can(user, "see_contact", match)
    volunteer = match.offer.user
    return {
        "id": match.pk,
        "status": match.status,
        "need_id": match.need_id,
        "need_title": match.need.title,
        "town": match.need.town,
        "score": match.score,
        "proposed_at": match.proposed_at,
        "meets_at": match.meets_at,
        "role": "volunteer" if volunteer.pk == user.pk else "organisation",
        "volunteer": (
            {"name": volunteer.get_full_name(), "email": volunteer.email, "phone": match.offer.phone}
            if consent
            else None
        ),
        "organisation": match.need.organisation.name if consent else None,
    }


@router.get("/matches", auth=TokenAuth(), response={200: list[MatchOut], **READ_ERRORS})
def matches(request: HttpRequest) -> list[dict[str, Any]]:
    """The token user's matches: as volunteer, and for the needs of organisations they edit."""
    user = request.auth  # type: ignore[attr-defined]
    organisation_ids = scopes_of(user).edited_organisation_ids
    queryset = (
        Match.objects.filter(offer__user_id=user.pk)
        | Match.objects.filter(need__organisation_id__in=organisation_ids)
    ).select_related("need", "need__organisation", "need__region", "offer", "offer__user", "offer__region")
    return [match_out(match, user) for match in queryset.order_by("-proposed_at", "-pk")[:200]]


@router.post("/matches/{match_id}/step", auth=TokenAuth(), response={200: MatchOut, **WRITE_ERRORS})
def match_step(request: HttpRequest, match_id: int, payload: StepIn) -> dict[str, Any]:
    """Take the next workflow step on an own match (others get 404)."""
    user = request.auth  # type: ignore[attr-defined]
    try:
        match = selectors.match_for_page(match_id)
    except Match.DoesNotExist as missing:
        raise Http404 from missing
    policy.require(user, "view", match)
    if payload.action not in services.TRANSITIONS:
        raise Http404
    who = services.TRANSITIONS[payload.action][2]
    policy.require(user, "act_as_volunteer" if who == "volunteer" else "act_as_organisation", match)
    try:
        services.match_advance(match=match, action=payload.action, actor=user)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return match_out(selectors.match_for_page(match_id), user)
