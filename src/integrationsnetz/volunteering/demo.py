"""Demo data of the volunteering app from the source documents; running it again changes nothing.

Seed 000 tells how ichhelfe.jetzt (Dresden) brings supply and demand in volunteering together; seed 001
asks for a "scalable platform for help offers and needs". The needs below are of the kinds those
projects describe (accompanying to offices, language mediation, homework help, mentoring, driving,
sport), posted by organisations of the directory demo in Dresden, Leipzig and Nordsachsen. Every
volunteer is FICTITIOUS: names end in "(Demo)", addresses use example.org, logins are disabled.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.accounts.services import membership_grant
from integrationsnetz.core.models import Language, Region
from integrationsnetz.directory.models import Organisation
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import Activity, Need, VolunteerOffer
from integrationsnetz.volunteering.services import LanguageRequirement
from integrationsnetz.volunteering.slots import slots_from

DRESDEN = ("14612", "Dresden", 51.0504, 13.7373)
LEIPZIG = ("14713", "Leipzig", 51.3397, 12.3731)
EILENBURG = ("14730110", "Eilenburg", 51.4592, 12.6333)
TORGAU = ("14730310", "Torgau", 51.5603, 13.0056)
DELITZSCH = ("14730070", "Delitzsch", 51.5258, 12.3425)

# (organisation slug, place, title, activity, weekday slots, languages, helpers, certificate)
NEEDS: list[dict[str, Any]] = [
    {
        "organisation": "ichhelfe-jetzt",
        "place": DRESDEN,
        "title": "Begleitung zur Ausländerbehörde (Demo)",
        "activity": Activity.ACCOMPANYING,
        "slots": [(1, 0), (3, 0)],
        "languages": [("ar", 3), ("de", 3)],
    },
    {
        "organisation": "ichhelfe-jetzt",
        "place": DRESDEN,
        "title": "Hausaufgabenhilfe für Grundschulkinder (Demo)",
        "activity": Activity.HOMEWORK_HELP,
        "slots": [(0, 1), (2, 1)],
        "languages": [("de", 3)],
        "helpers": 2,
        "certificate": True,
        "recurring": True,
    },
    {
        "organisation": "stadt-leipzig-referat-migration-integration",
        "place": LEIPZIG,
        "title": "Sprachmittlung Dari beim Elternabend (Demo)",
        "activity": Activity.LANGUAGE_MEDIATION,
        "slots": [(2, 2)],
        "languages": [("fa", 3), ("de", 3)],
    },
    {
        "organisation": "stadt-leipzig-referat-migration-integration",
        "place": LEIPZIG,
        "title": "Patenschaft für eine ukrainische Familie (Demo)",
        "activity": Activity.MENTORING,
        "slots": [(5, 0), (5, 1)],
        "languages": [("uk", 2)],
        "recurring": True,
    },
    {
        "organisation": "ama-nordsachsen",
        "place": EILENBURG,
        "title": "Fahrdienst zum Sprachkurs nach Torgau (Demo)",
        "activity": Activity.DRIVING,
        "slots": [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)],
        "helpers": 2,
        "recurring": True,
    },
    {
        "organisation": "ama-nordsachsen",
        "place": DELITZSCH,
        "title": "Fußballtraining mit Jugendlichen (Demo)",
        "activity": Activity.LEISURE_SPORT,
        "slots": [(3, 1)],
        "languages": [("de", 2)],
        "certificate": True,
        "recurring": True,
    },
]

# (e-mail local part, name, place, activities, slots, languages, km, certificate seen)
VOLUNTEERS: list[dict[str, Any]] = [
    {
        "key": "amira",
        "name": "Amira K. (Demo)",
        "place": DRESDEN,
        "activities": [Activity.ACCOMPANYING, Activity.LANGUAGE_MEDIATION],
        "slots": [(1, 0), (1, 1), (3, 0)],
        "languages": [("ar", 4), ("de", 3)],
        "km": 8,
    },
    {
        "key": "jonas",
        "name": "Jonas B. (Demo)",
        "place": DRESDEN,
        "activities": [Activity.HOMEWORK_HELP, Activity.MENTORING],
        "slots": [(0, 1), (2, 1), (4, 1)],
        "languages": [("de", 4), ("en", 3)],
        "km": 5,
        "certificate": True,
        "max_matches": 2,
    },
    {
        "key": "farid",
        "name": "Farid N. (Demo)",
        "place": LEIPZIG,
        "activities": [Activity.LANGUAGE_MEDIATION],
        "slots": [(2, 2), (4, 2)],
        "languages": [("fa", 4), ("de", 3)],
        "km": 15,
    },
    {
        "key": "olena",
        "name": "Olena S. (Demo)",
        "place": LEIPZIG,
        "activities": [Activity.MENTORING, Activity.LEISURE_SPORT],
        "slots": [(5, 0), (5, 1), (6, 1)],
        "languages": [("uk", 4), ("ru", 4), ("de", 2)],
        "km": 10,
    },
    {
        "key": "heike",
        "name": "Heike W. (Demo)",
        "place": EILENBURG,
        "activities": [Activity.DRIVING, Activity.ACCOMPANYING],
        "slots": [(0, 0), (1, 0), (2, 0)],
        "languages": [("de", 4)],
        "km": 40,
    },
    {
        "key": "paul",
        "name": "Paul R. (Demo)",
        "place": DELITZSCH,
        "activities": [Activity.LEISURE_SPORT],
        "slots": [(3, 1), (3, 2)],
        "languages": [("de", 4)],
        "km": 20,
        "certificate": True,
    },
    {
        "key": "unused-torgau",
        "name": "Martin T. (Demo)",
        "place": TORGAU,
        "activities": [Activity.LANGUAGE_CAFE],
        "slots": [(6, 1)],
        "languages": [("de", 4), ("en", 2)],
        "km": 10,
    },
]


def _requirements(pairs: list[tuple[str, int]], languages: dict[str, Language]) -> list[LanguageRequirement]:
    return [
        LanguageRequirement(language=languages[code], level=level)
        for code, level in pairs
        if code in languages
    ]


def _demo_volunteer(spec: dict[str, Any], languages: dict[str, Language], today: date) -> bool:
    email = f"volunteer-{spec['key']}@example.org"
    if User.objects.filter(email=email).exists():
        return False
    user = User(email=email, full_name=spec["name"], preferred_language="de")
    user.set_unusable_password()
    user.save()
    membership_grant(user=user, role=Role.VOLUNTEER)
    key, town, latitude, longitude = spec["place"]
    offer = services.offer_save(
        user=user,
        actor=None,
        activities=spec["activities"],
        region=Region.objects.get(key=key),
        town=town,
        latitude=latitude + 0.01,
        longitude=longitude - 0.01,
        availability=slots_from(spec["slots"]),
        available_from=today - timedelta(days=30),
        max_distance_km=spec["km"],
        max_matches=spec.get("max_matches", 1),
        languages=_requirements(spec["languages"], languages),
    )
    if spec.get("certificate"):
        services.qualification_record(
            offer=offer,
            kind="certificate_of_conduct",
            seen_on=today - timedelta(days=60),
            expires_on=today + timedelta(days=5 * 365 - 60),
            actor=None,
        )
    return True


def _first_date(today: date, weekday: int) -> date:
    """The need's weekday one to two weeks ahead, so that one-off needs fall on their slots' day."""
    return today + timedelta(days=7 + (weekday - today.weekday()) % 7)


@transaction.atomic
def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    today = timezone.localdate()
    languages = {language.code: language for language in Language.objects.all()}
    organisations = Organisation.objects.in_bulk({spec["organisation"] for spec in NEEDS}, field_name="slug")
    needs = 0
    for spec in NEEDS:
        organisation = organisations.get(spec["organisation"])
        if (
            organisation is None
            or Need.objects.filter(organisation=organisation, title=spec["title"]).exists()
        ):
            continue
        key, town, latitude, longitude = spec["place"]
        services.need_create(
            actor=None,
            organisation=organisation,
            title=spec["title"],
            activity=spec["activity"],
            region=Region.objects.get(key=key),
            town=town,
            latitude=latitude,
            longitude=longitude,
            starts_on=_first_date(today, spec["slots"][0][0]),
            recurring=spec.get("recurring", False),
            slots=slots_from(spec["slots"]),
            helpers_wanted=spec.get("helpers", 1),
            requires_certificate_of_conduct=spec.get("certificate", False),
            languages=_requirements(spec["languages"], languages) if "languages" in spec else [],
            description="Fiktiver Demo-Bedarf nach dem Vorbild von ichhelfe.jetzt (Seed 000).",
        )
        needs += 1
    # Dresden and Leipzig show proposals; the Nordsachsen office waits for its verification.
    for slug in ("ichhelfe-jetzt", "stadt-leipzig-referat-migration-integration"):
        if slug in organisations:
            services.organisation_verify(organisation=organisations[slug], actor=None)
    volunteers = sum(_demo_volunteer(spec, languages, today) for spec in VOLUNTEERS)
    return (
        f"volunteering: {needs} needs and {volunteers} fictitious volunteers created "
        f"({Need.objects.count()} needs, {VolunteerOffer.objects.count()} offers in all)"
    )
