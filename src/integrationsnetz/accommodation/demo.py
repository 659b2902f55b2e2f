"""Demo data of the accommodation app; running it again changes nothing.

The catalogue follows the published "Heim-TÜV" of the Saxon state commissioner for foreigners (2011:
ten factors such as location and infrastructure, living conditions, safety, care, children and
education, participation and ties to the neighbourhood, rated with a traffic light) and its extension
to a quality-management system from 2016 (seed 001: KAIB meeting of 29 June 2015). The sites, operators
and scores are invented and marked as fictitious everywhere they appear.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import Catalogue, CatalogueVersion, Site
from integrationsnetz.accommodation.services import (
    ActionCheckInput,
    AreaInput,
    CriterionInput,
    InspectionInput,
    ScoreInput,
)
from integrationsnetz.core.models import Region
from integrationsnetz.directory import services as directory_services
from integrationsnetz.directory.models import Organisation

CATALOGUE_SLUG = "heim-tuev"
FICTITIOUS_NOTE = "Fiktive Beispieldaten für die Demonstration – keine echte Unterkunft."


def _c(
    name_de: str, name_en: str, guidance: str, *, weight: int = 1, critical: tuple[int, ...] = ()
) -> CriterionInput:
    return CriterionInput(
        name_de=name_de, name_en=name_en, guidance=guidance, weight=weight, critical_scores=critical
    )


AREAS_2011 = [
    AreaInput(
        "Lage und Infrastruktur",
        "Location and infrastructure",
        (
            _c(
                "Erreichbarkeit mit öffentlichen Verkehrsmitteln",
                "Reachable by public transport",
                "Takt, Weg zur Haltestelle, Kosten.",
            ),
            _c(
                "Einkauf, Ärzte und Behörden in der Nähe",
                "Shops, doctors and authorities nearby",
                "Entfernung und Erreichbarkeit ohne Auto.",
            ),
        ),
    ),
    AreaInput(
        "Wohn- und Lebensbedingungen",
        "Living conditions",
        (
            _c(
                "Wohnfläche und Belegung der Zimmer",
                "Living space and room occupancy",
                "Quadratmeter je Person, Zahl der Personen je Zimmer.",
                weight=2,
            ),
            _c(
                "Sanitäranlagen und Küchen",
                "Sanitary facilities and kitchens",
                "Anzahl, Zustand, Sauberkeit, abschließbar.",
                weight=2,
                critical=(0,),
            ),
            _c(
                "Privatsphäre für Familien und alleinstehende Frauen",
                "Privacy for families and single women",
                "Eigene Wohneinheiten, getrennte Sanitärbereiche.",
            ),
        ),
    ),
    AreaInput(
        "Sicherheit und Gewaltschutz",
        "Safety and protection from violence",
        (
            _c(
                "Brandschutz und Fluchtwege",
                "Fire safety and escape routes",
                "Geprüfte Anlagen, freie Fluchtwege, Unterweisung.",
                weight=2,
                critical=(0,),
            ),
            _c(
                "Gewaltschutzkonzept",
                "Protection-from-violence concept",
                "Schriftliches Konzept, Ansprechpersonen, Schutzräume.",
                weight=2,
                critical=(0,),
            ),
        ),
    ),
    AreaInput(
        "Soziale Betreuung und Beratung",
        "Social care and counselling",
        (
            _c(
                "Betreuungsschlüssel",
                "Ratio of social workers to residents",
                "Stellen der sozialen Betreuung je Bewohnerin und Bewohner.",
                weight=2,
            ),
            _c(
                "Zugang zu Asylverfahrens- und Migrationsberatung",
                "Access to asylum and migration counselling",
                "Sprechzeiten, Dolmetschen, Vermittlung.",
            ),
        ),
    ),
    AreaInput(
        "Kinder und Bildung",
        "Children and education",
        (
            _c(
                "Schul- und Kitabesuch",
                "School and day-care attendance",
                "Anteil der Kinder in Schule und Kita, Wege dorthin.",
            ),
            _c(
                "Spiel- und Lernräume",
                "Rooms to play and learn",
                "Ruhige Lernplätze, Spielflächen drinnen und draußen.",
            ),
        ),
    ),
    AreaInput(
        "Gesundheit",
        "Health",
        (
            _c(
                "Medizinische Versorgung",
                "Medical care",
                "Zugang zu Ärztinnen und Ärzten, Krankenscheine, Dolmetschen.",
            ),
            _c(
                "Psychosoziale Unterstützung",
                "Psychosocial support",
                "Vermittlung an Beratungsstellen für traumatisierte Geflüchtete.",
            ),
        ),
    ),
    AreaInput(
        "Mitwirkung der Bewohnerinnen und Bewohner",
        "Residents' participation",
        (
            _c(
                "Bewohnerversammlungen und Beschwerdeweg",
                "Residents' meetings and complaints",
                "Regelmäßige Treffen, unabhängiger Beschwerdeweg.",
            ),
        ),
    ),
    AreaInput(
        "Einbindung ins Gemeinwesen",
        "Integration into the neighbourhood",
        (
            _c(
                "Kontakte zu Ehrenamtlichen und Vereinen",
                "Contact with volunteers and associations",
                "Patenschaften, Begegnungsangebote, Sprachcafés.",
            ),
            _c(
                "Deutschkurse und Bildungsangebote",
                "German courses and education offers",
                "Angebote vor Ort oder erreichbar, Kinderbetreuung.",
            ),
        ),
    ),
    AreaInput(
        "Heimleitung und Personal",
        "Management and staff",
        (
            _c(
                "Erreichbarkeit der Heimleitung",
                "Availability of the management",
                "Präsenzzeiten, Notfallnummer.",
            ),
            _c(
                "Qualifikation und Schulung des Personals",
                "Qualification and training of staff",
                "Interkulturelle Schulungen, Gewaltschutzschulung.",
            ),
        ),
    ),
]


def _areas_2016() -> list[AreaInput]:
    """The QMS version of 2016: the same areas, two more criteria (decentralised flats came in)."""
    areas = list(AREAS_2011)
    areas[1] = AreaInput(
        areas[1].name_de,
        areas[1].name_en,
        (
            *areas[1].criteria,
            _c(
                "Möglichkeit zum Umzug in eine Wohnung",
                "Chance to move into a flat",
                "Wartezeiten, Unterstützung bei der Wohnungssuche.",
            ),
        ),
    )
    areas[6] = AreaInput(
        areas[6].name_de,
        areas[6].name_en,
        (
            *areas[6].criteria,
            _c(
                "Hausordnung in verständlicher Sprache",
                "House rules in an understandable language",
                "Übersetzt, erklärt, gemeinsam überarbeitet.",
            ),
        ),
    )
    return areas


OPERATORS = [
    ("beispiel-betreiber-nord-fiktiv", "Beispiel-Betreiber Unterkünfte Nord gGmbH (fiktiv)", "14730"),
    ("beispiel-betreiber-sued-fiktiv", "Beispiel-Betreiber Wohnen Süd e. V. (fiktiv)", "14522"),
]

# name, kind, operator slug, district key, postal code, city, places, quality (0-1: how well it does)
SITES = [
    (
        "Gemeinschaftsunterkunft Beispielweg (fiktiv)",
        Site.Kind.SHARED,
        0,
        "14730",
        "04838",
        "Eilenburg",
        120,
        0.8,
    ),
    ("Wohnungsverbund Musterstadt (fiktiv)", Site.Kind.FLATS, 0, "14730", "04509", "Delitzsch", 60, 0.9),
    (
        "Gemeinschaftsunterkunft Am Musterberg (fiktiv)",
        Site.Kind.SHARED,
        1,
        "14522",
        "09599",
        "Freiberg",
        180,
        0.45,
    ),
    (
        "Erstaufnahme Beispielkaserne (fiktiv)",
        Site.Kind.INITIAL_RECEPTION,
        1,
        "14627",
        "01591",
        "Riesa",
        400,
        0.6,
    ),
    ("Gemeinschaftsunterkunft Elbufer (fiktiv)", Site.Kind.SHARED, 0, "14612", "01067", "Dresden", 150, 0.7),
]


def _catalogue() -> tuple[CatalogueVersion, CatalogueVersion]:
    catalogue, _created = Catalogue.objects.get_or_create(
        slug=CATALOGUE_SLUG,
        defaults={
            "name": "Heim-TÜV",
            "description": (
                "Kriterienkatalog zur Qualität der Unterbringung von Geflüchteten, nach dem Vorbild des "
                "„Heim-TÜV“ des Sächsischen Ausländerbeauftragten (2011) und seines Ausbaus zum "
                "Qualitätsmanagementsystem."
            ),
        },
    )
    versions = list(catalogue.versions.order_by("number"))
    if not versions:
        versions.append(
            services.catalogue_version_create(
                catalogue=catalogue,
                actor=None,
                valid_from=date(2011, 12, 9),
                areas=AREAS_2011,
                note="Heim-TÜV 2011: zehn Faktoren, Ampel grün / gelb / rot.",
            )
        )
    if len(versions) == 1:
        versions.append(
            services.catalogue_version_create(
                catalogue=catalogue,
                actor=None,
                valid_from=date(2016, 1, 1),
                areas=_areas_2016(),
                green_from=Decimal("70"),
                yellow_from=Decimal("50"),
                note="Ausbau zum Qualitätsmanagementsystem: dezentrale Unterbringung und Hausordnung.",
            )
        )
    return versions[0], versions[1]


def _operator(slug: str, name: str, region_key: str) -> Organisation:
    existing = Organisation.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    return directory_services.organisation_create(
        actor=None,
        slug=slug,
        name=name,
        kind=Organisation.Kind.COMPANY,
        region=Region.objects.get(key=region_key),
        description=FICTITIOUS_NOTE,
    )


def _inspect(site: Site, version: CatalogueVersion, when: date, quality: float, seed: int) -> None:
    chance = random.Random(seed)  # noqa: S311  (demo scores, not security)
    inspection = services.inspection_create(
        site=site, version=version, actor=None, date=when, inspectors="Geschäftsstelle (Demo)"
    )
    scores = {
        score.criterion_id: ScoreInput(
            value=max(
                0,
                min(score.criterion.max_score, round(chance.gauss(quality, 0.2) * score.criterion.max_score)),
            ),
            note="Fiktiver Befund." if chance.random() < 0.3 else "",
        )
        for score in inspection.scores.select_related("criterion")
    }
    checks = {
        action.pk: ActionCheckInput(
            status="done" if quality > 0.5 else "not_done", note="Bei der Folgeprüfung nachgesehen."
        )
        for action in services.actions_to_check(inspection)
    }
    data = InspectionInput(
        date=when,
        inspectors="Geschäftsstelle (Demo)",
        summary=f"Fiktive Prüfung der Unterkunft {site.name}.",
        scores=scores,
        residents_statement="Bewohnerinnen und Bewohner wünschen mehr Ruhe in den Abendstunden (fiktiv).",
        staff_statement="Das Personal berichtet von langen Wartezeiten auf Dolmetschende (fiktiv).",
        action_checks=checks,
    )
    services.inspection_complete(inspection=inspection, actor=None, data=data)
    services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Sanitärbereiche instand setzen und Reinigungsplan aushängen (fiktiv).",
        owner=None,
        due_date=when + timedelta(days=90),
    )


def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    first, second = _catalogue()
    operators = [_operator(*item) for item in OPERATORS]
    added = 0
    for number, (name, kind, operator, district, postal_code, city, places, quality) in enumerate(
        SITES, start=1
    ):
        site = Site.objects.filter(name=name, is_fictitious=True).first()
        if site is None:
            site = services.site_create(
                actor=None,
                name=name,
                kind=kind,
                operator=operators[operator],
                district=Region.objects.get(key=district),
                postal_code=postal_code,
                city=city,
                capacity=places,
                occupancy=int(places * 0.8),
                occupancy_date=date(2017, 3, 1),
                social_care_contact="Soziale Betreuung vor Ort (fiktiv)",
                notes=FICTITIOUS_NOTE,
                is_fictitious=True,
            )
            added += 1
        if not site.inspections.exists():
            _inspect(site, first, date(2015, 5, 4 + number), max(0.0, quality - 0.15), seed=number)
            _inspect(site, second, date(2016, 10, 10 + number), quality, seed=100 + number)
    return f"accommodation: catalogue with 2 versions, {len(SITES)} fictitious sites ({added} new), 2 inspections each"
