"""Test data for volunteering: a need in Eilenburg and volunteers nearby, built through the services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.core.models import Language, Region
from integrationsnetz.directory.models import Organisation
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import Activity, Need, VolunteerOffer
from integrationsnetz.volunteering.services import LanguageRequirement
from integrationsnetz.volunteering.slots import slot_bit

EILENBURG = (51.4592, 12.6333)
TUESDAY_AFTERNOON = slot_bit(1, 1)


def arabic() -> Language:
    language, _ = Language.objects.get_or_create(
        code="ar", defaults={"name_de": "Arabisch", "name_en": "Arabic", "native_name": "العربية"}
    )
    return language


def next_weekday(weekday: int) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7)


def make_need(organisation: Organisation, region: Region, **kwargs: Any) -> Need:
    values: dict[str, Any] = {
        "actor": None,
        "organisation": organisation,
        "title": "Hausaufgabenhilfe",
        "activity": Activity.HOMEWORK_HELP,
        "region": region,
        "town": "Eilenburg",
        "postal_code": "04838",
        "latitude": EILENBURG[0],
        "longitude": EILENBURG[1],
        "starts_on": next_weekday(1),
        "slots": TUESDAY_AFTERNOON,
        "languages": [LanguageRequirement(language=arabic(), level=2)],
    }
    values.update(kwargs)
    return services.need_create(**values)


def make_volunteer(region: Region, email: str = "vol@example.org", **kwargs: Any) -> VolunteerOffer:
    user = User.objects.create_user(email, "a-long-password-1", full_name="Samira Haddad")
    membership_grant(user=user, role=Role.VOLUNTEER)
    values: dict[str, Any] = {
        "user": user,
        "actor": user,
        "activities": [Activity.HOMEWORK_HELP],
        "region": region,
        "town": "Eilenburg",
        "latitude": EILENBURG[0] + 0.02,
        "longitude": EILENBURG[1],
        "availability": TUESDAY_AFTERNOON,
        "available_from": timezone.localdate() - timedelta(days=10),
        "phone": "0341 000000",
        "languages": [LanguageRequirement(language=arabic(), level=4)],
    }
    values.update(kwargs)
    return services.offer_save(**values)
