"""What volunteering holds about a person, for the GDPR export and the account deletion."""

from __future__ import annotations

from typing import Any

from integrationsnetz.volunteering.models import HoursEntry, Match, MatchMessage, VolunteerOffer


def export(user: Any) -> dict[str, Any]:
    offer = VolunteerOffer.objects.filter(user_id=user.pk).first()
    data: dict[str, Any] = {"offer": None, "matches": [], "hours": [], "messages": []}
    if offer is not None:
        data["offer"] = {
            "activities": offer.activities,
            "town": offer.town,
            "postal_code": offer.postal_code,
            "latitude": offer.latitude,
            "longitude": offer.longitude,
            "max_distance_km": offer.max_distance_km,
            "availability": offer.availability,
            "hours_per_week": offer.hours_per_week,
            "available_from": offer.available_from.isoformat(),
            "available_until": offer.available_until.isoformat() if offer.available_until else None,
            "birth_date": offer.birth_date.isoformat() if offer.birth_date else None,
            "phone": offer.phone,
            "status": offer.status,
            "consent_at": offer.consent_at.isoformat(),
            "languages": [
                {"language": item.language.code, "level": item.level}
                for item in offer.languages.select_related("language")
            ],
            "qualifications": [
                {"kind": q.kind, "seen_on": q.seen_on.isoformat(), "expires_on": q.expires_on.isoformat()}
                for q in offer.qualifications.all()
            ],
        }
        data["matches"] = [
            {"need": match.need.title, "status": match.status, "proposed_at": match.proposed_at.isoformat()}
            for match in Match.objects.filter(offer=offer).select_related("need")
        ]
        data["hours"] = [
            {
                "day": entry.day.isoformat(),
                "hours": str(entry.hours),
                "status": entry.status,
                "note": entry.note,
            }
            for entry in HoursEntry.objects.filter(match__offer=offer)
        ]
    data["messages"] = [
        {"sent_at": message.sent_at.isoformat(), "body": message.body}
        for message in MatchMessage.objects.filter(sender_id=user.pk)
    ]
    return data


def erase(user: Any) -> None:
    """The offer goes with its matches, hours and messages; messages the person sent elsewhere too."""
    MatchMessage.objects.filter(sender_id=user.pk).delete()
    VolunteerOffer.objects.filter(user_id=user.pk).delete()
