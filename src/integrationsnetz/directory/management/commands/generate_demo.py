"""``manage.py generate_demo --organisations N``: large synthetic directories for load tests and the bench.

This is the one place where writes bypass the per-row services: creating 100,000 organisations one
``organisation_create`` at a time (full_clean, several queries and an audit entry each) takes hours,
and the synthetic rows need no audit trail. Instead rows are built in memory and written with
``bulk_create`` (many-to-many rows with ``executemany``) in batches. The search text is built from the
rows in memory with the semantics of
:func:`integrationsnetz.directory.search_text.organisation_search_text` (a test compares the two);
the full-text index follows by itself (triggers on SQLite, GIN indexes on PostgreSQL).

The data is realistic but invented (German names from word lists, coordinates within Saxony, e-mail
addresses at example.org) and deterministic: the same ``--seed`` on the same starting database
gives the same rows. Regions and vocabularies of the demo are loaded first when missing.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone, translation

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory.models import Organisation, Service
from integrationsnetz.directory.search_text import kind_labels

# Namespace of the generated UUIDs (uuid5 of seed and row id keeps them deterministic and unique).
GENERATED_NAMESPACE = uuid.UUID("6f1d3a52-3c1e-4f7e-9b59-2d8f2f0c7a11")

# Towns and cities of Saxony: name, district key, approximate centre, weight (rough size).
PLACES: list[tuple[str, str, float, float, int]] = [
    ("Leipzig", "14713", 51.340, 12.373, 8),
    ("Dresden", "14612", 51.050, 13.737, 8),
    ("Chemnitz", "14511", 50.828, 12.921, 4),
    ("Annaberg-Buchholz", "14521", 50.580, 13.003, 1),
    ("Aue-Bad Schlema", "14521", 50.590, 12.700, 1),
    ("Marienberg", "14521", 50.651, 13.163, 1),
    ("Stollberg", "14521", 50.709, 12.779, 1),
    ("Freiberg", "14522", 50.912, 13.343, 2),
    ("Döbeln", "14522", 51.121, 13.117, 1),
    ("Mittweida", "14522", 50.986, 12.981, 1),
    ("Flöha", "14522", 50.856, 13.074, 1),
    ("Plauen", "14523", 50.495, 12.138, 2),
    ("Auerbach", "14523", 50.511, 12.400, 1),
    ("Reichenbach im Vogtland", "14523", 50.622, 12.304, 1),
    ("Zwickau", "14524", 50.718, 12.496, 2),
    ("Glauchau", "14524", 50.819, 12.544, 1),
    ("Crimmitschau", "14524", 50.816, 12.387, 1),
    ("Bautzen", "14625", 51.181, 14.424, 2),
    ("Hoyerswerda", "14625", 51.438, 14.248, 1),
    ("Kamenz", "14625", 51.268, 14.094, 1),
    ("Radeberg", "14625", 51.117, 13.917, 1),
    ("Görlitz", "14626", 51.153, 14.987, 2),
    ("Zittau", "14626", 50.896, 14.807, 1),
    ("Löbau", "14626", 51.099, 14.667, 1),
    ("Weißwasser", "14626", 51.500, 14.638, 1),
    ("Meißen", "14627", 51.164, 13.478, 1),
    ("Radebeul", "14627", 51.104, 13.670, 1),
    ("Riesa", "14627", 51.308, 13.294, 1),
    ("Großenhain", "14627", 51.290, 13.533, 1),
    ("Coswig", "14627", 51.127, 13.583, 1),
    ("Pirna", "14628", 50.962, 13.940, 2),
    ("Freital", "14628", 51.001, 13.649, 1),
    ("Dippoldiswalde", "14628", 50.894, 13.668, 1),
    ("Sebnitz", "14628", 50.975, 14.274, 1),
    ("Borna", "14729", 51.124, 12.497, 1),
    ("Grimma", "14729", 51.236, 12.725, 1),
    ("Markkleeberg", "14729", 51.277, 12.369, 1),
    ("Wurzen", "14729", 51.370, 12.739, 1),
    ("Torgau", "14730", 51.560, 13.006, 1),
    ("Delitzsch", "14730", 51.526, 12.343, 1),
    ("Eilenburg", "14730", 51.459, 12.633, 1),
    ("Oschatz", "14730", 51.300, 13.107, 1),
    ("Schkeuditz", "14730", 51.397, 12.222, 1),
    ("Taucha", "14730", 51.380, 12.494, 1),
]

KIND_WEIGHTS: list[tuple[str, int]] = [
    (Organisation.Kind.ASSOCIATION, 30),
    (Organisation.Kind.INITIATIVE, 15),
    (Organisation.Kind.COUNSELLING, 12),
    (Organisation.Kind.PROJECT_PROVIDER, 10),
    (Organisation.Kind.MIGRANT_ORGANISATION, 10),
    (Organisation.Kind.EDUCATIONAL_PROVIDER, 8),
    (Organisation.Kind.WELFARE_ASSOCIATION, 5),
    (Organisation.Kind.AUTHORITY, 4),
    (Organisation.Kind.COMPANY, 3),
    (Organisation.Kind.COMMISSIONER, 2),
    (Organisation.Kind.CHAMBER, 1),
]

COMMUNITIES = [
    "Syrisch-Deutscher",
    "Afghanischer",
    "Vietnamesischer",
    "Ukrainischer",
    "Eritreischer",
    "Arabischer",
    "Kurdischer",
    "Russischsprachiger",
    "Polnischer",
    "Georgischer",
    "Iranischer",
    "Somalischer",
]
ADJECTIVES = ["Bunte", "Offene", "Gemeinsame", "Neue", "Starke", "Helfende", "Interkulturelle", "Junge"]
NOUNS = ["Brücke", "Nachbarschaft", "Heimat", "Hände", "Wege", "Zukunft", "Begegnung", "Vielfalt"]
QUARTERS = ["", "", "", "Nord", "Süd", "West", "Ost", "Mitte", "Altstadt", "Neustadt"]

NAME_PATTERNS: dict[str, list[str]] = {
    Organisation.Kind.ASSOCIATION: [
        "{adj} {noun} {place} e. V.",
        "Verein für interkulturelle Begegnung {place} e. V.",
        "Internationaler Frauentreff {place} e. V.",
        "Förderverein Integration {place} e. V.",
        "Freundeskreis Asyl {place} e. V.",
    ],
    Organisation.Kind.INITIATIVE: [
        "Willkommensinitiative {place}",
        "Helferkreis {place}",
        "Sprachcafé {place}",
        "Patenschaftsnetz {place}",
        "Initiative {adj} {noun} {place}",
    ],
    Organisation.Kind.COUNSELLING: [
        "Migrationsberatung {place}",
        "Beratungsstelle für Geflüchtete {place}",
        "Psychosoziale Beratungsstelle {place}",
        "Jugendmigrationsdienst {place}",
        "Frauenberatung international {place}",
    ],
    Organisation.Kind.PROJECT_PROVIDER: [
        "Projekt {noun} {place}",
        "Integrationswerk {place} gGmbH",
        "Netzwerk Arbeit und Integration {place}",
    ],
    Organisation.Kind.MIGRANT_ORGANISATION: [
        "{community} Kulturverein {place} e. V.",
        "{community} Elternverein {place} e. V.",
        "Verein der {community_plural} Gemeinschaft {place} e. V.",
    ],
    Organisation.Kind.EDUCATIONAL_PROVIDER: [
        "Bildungswerk {place}",
        "Sprachschule {place}",
        "Bildungszentrum {place} gGmbH",
        "Akademie für Deutsch und Beruf {place}",
    ],
    Organisation.Kind.WELFARE_ASSOCIATION: [
        "Sozialwerk {place} e. V.",
        "Soziale Dienste {place} gGmbH",
        "Wohlfahrtsverband Kreisverband {place}",
    ],
    Organisation.Kind.AUTHORITY: [
        "Ausländerbehörde {place}",
        "Sozialamt {place}",
        "Integrationsbüro der Stadt {place}",
    ],
    Organisation.Kind.COMPANY: ["Sprachdienst {place} GmbH", "Integrationsservice {place} GmbH"],
    Organisation.Kind.COMMISSIONER: ["Integrationsbeauftragte der Stadt {place}"],
    Organisation.Kind.CHAMBER: ["Kammerbüro Anerkennung {place}"],
}

# What an offer in a field of action is called and what it does.
SERVICES_BY_FIELD: dict[str, list[tuple[str, str]]] = {
    "sprache": [
        ("Deutschkurs für Anfängerinnen und Anfänger", "Deutsch lernen in kleinen Gruppen, Niveau A1 bis A2"),
        ("Sprachcafé", "Deutsch sprechen üben bei Kaffee und Tee"),
        ("Alphabetisierungskurs", "Lesen und Schreiben lernen für Erwachsene"),
        ("Konversationskurs Deutsch B1", "Gespräche im Alltag und im Beruf üben"),
    ],
    "bildung": [
        ("Hausaufgabenhilfe", "Unterstützung für Schülerinnen und Schüler nach dem Unterricht"),
        ("Bildungsberatung", "Wege in Schule, Studium und Weiterbildung"),
        ("Elternkurs Schule in Deutschland", "wie das Schulsystem funktioniert und wie Eltern mitwirken"),
    ],
    "arbeit-ausbildung": [
        ("Bewerbungstraining", "Lebenslauf, Anschreiben und Vorstellungsgespräch"),
        ("Beratung zur Anerkennung ausländischer Abschlüsse", "Berufsabschlüsse anerkennen lassen"),
        ("Jobcoaching", "Begleitung bei Arbeitssuche und Ausbildung"),
    ],
    "zusammenleben-teilhabe": [
        ("Interkultureller Treff", "Begegnung von Nachbarinnen und Nachbarn aller Herkunft"),
        ("Frauencafé", "Austausch und Beratung für Frauen"),
        ("Nachbarschaftsfest", "gemeinsam feiern und sich kennenlernen"),
    ],
    "gesundheit-psychosoziale-versorgung": [
        ("Psychosoziale Beratung", "Unterstützung bei Belastungen und Traumafolgen"),
        ("Gesundheitslotsen", "Orientierung im Gesundheitssystem"),
        ("Begleitung zu Arztbesuchen", "Sprachmittlung und Begleitung"),
    ],
    "wohnen": [
        ("Sprechstunde Wohnungssuche", "Hilfe bei der Suche nach einer Wohnung"),
        ("Mieterberatung", "Fragen zu Mietvertrag, Nebenkosten und Nachbarschaft"),
    ],
    "ehrenamt": [
        ("Patenschaftsprogramm", "Ehrenamtliche begleiten Neuzugewanderte im Alltag"),
        ("Ehrenamtsbörse", "Hilfsangebote und Bedarfe zusammenbringen"),
    ],
    "asyl-aufenthaltsrecht": [
        ("Asylverfahrensberatung", "unabhängige Beratung im Asylverfahren"),
        ("Beratung zum Aufenthaltsrecht", "Fragen zu Duldung, Aufenthaltstitel und Familiennachzug"),
    ],
    "beratung": [
        ("Migrationsberatung für Erwachsene", "Beratung zu Alltag, Behörden und Integrationskurs"),
        ("Sozialberatung", "Hilfe bei Anträgen und Fragen zu Sozialleistungen"),
        ("Begleitung zu Behörden", "Unterstützung bei Terminen und Formularen"),
    ],
    "familie-kinder": [
        ("Eltern-Kind-Gruppe", "Spielen, Singen und Austausch für Familien"),
        ("Familienberatung", "Beratung zu Erziehung, Kita und Familienleben"),
        ("Ferienprogramm für Kinder", "Ausflüge und Spiele in den Ferien"),
    ],
}

TOPICS: dict[str, str] = {
    "sprache": "Deutschkursen und Sprachförderung",
    "bildung": "Schule, Kita und Weiterbildung",
    "arbeit-ausbildung": "Arbeitssuche, Ausbildung und der Anerkennung ausländischer Berufsabschlüsse",
    "zusammenleben-teilhabe": "Begegnung und Nachbarschaft",
    "gesundheit-psychosoziale-versorgung": "Gesundheit und psychosozialer Unterstützung",
    "wohnen": "Wohnungssuche und Mietfragen",
    "ehrenamt": "ehrenamtlichem Engagement und Patenschaften",
    "asyl-aufenthaltsrecht": "Asylverfahren und Aufenthaltsrecht",
    "beratung": "Behördengängen und Alltagsfragen",
    "familie-kinder": "Familie, Erziehung und Kinderbetreuung",
}
CLOSING_SENTENCES = [
    "Ehrenamtliche Helferinnen und Helfer sind herzlich willkommen.",
    "Die Beratung ist kostenlos und vertraulich.",
    "Termine nach Vereinbarung.",
    "Wir arbeiten eng mit den Migrationsberatungsstellen der Region zusammen.",
    "Unsere Räume sind barrierefrei erreichbar.",
    "Wir sind Mitglied im Netzwerk Integration Migration Sachsen.",
    "",
]
OPENING_HOURS = [
    "Montag 9–12 Uhr",
    "Dienstag 14–17 Uhr",
    "Mittwoch 10–13 Uhr",
    "Donnerstag 15–18 Uhr",
    "Freitag 9–12 Uhr",
    "nach Vereinbarung",
]


@dataclass
class _Relations:
    regions: list[Region]
    fields: list[FieldOfAction]
    groups: list[TargetGroup]
    languages: list[Language]

    def pairs(self) -> dict[str, list[int]]:
        """Target ids per many-to-many field name (names as on Organisation; Service maps them)."""
        return {
            "regions": [item.pk for item in self.regions],
            "fields_of_action": [item.pk for item in self.fields],
            "target_groups": [item.pk for item in self.groups],
            "languages": [item.pk for item in self.languages],
        }


@dataclass
class GenerationResult:
    organisations: int
    services: int
    seconds: float


def _weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[int]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(size, total - start)


def _through(model: type[models.Model], name: str) -> tuple[str, str, str]:
    """Table and column names of a many-to-many field's through table."""
    field = model._meta.get_field(name)
    through = field.remote_field.through  # type: ignore[union-attr]
    source = field.m2m_column_name()  # type: ignore[union-attr]
    target = field.m2m_reverse_name()  # type: ignore[union-attr]
    return through._meta.db_table, source, target


def _insert_pairs(table: str, source: str, target: str, pairs: list[tuple[int, int]]) -> None:
    """Many-to-many rows without model instances: COPY on PostgreSQL, ``executemany`` elsewhere.

    Both are an order of magnitude faster than ``bulk_create`` of through-model instances; on
    PostgreSQL ``executemany`` would still cost one round trip per row.
    """
    if not pairs:
        return
    quote = connection.ops.quote_name
    columns = f"{quote(table)} ({quote(source)}, {quote(target)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {columns} FROM STDIN") as copy:
                for pair in pairs:
                    copy.write_row(pair)
        else:
            cursor.executemany(f"INSERT INTO {columns} VALUES (%s, %s)", pairs)  # noqa: S608


class _Generator:
    def __init__(self, *, seed: int, services_per_organisation: int) -> None:
        # Reproducible synthetic data, not security: a seeded PRNG is exactly what is wanted.
        self.rng = random.Random(seed)  # noqa: S311
        self.seed = seed
        self.services_per_organisation = services_per_organisation
        all_regions = list(Region.objects.all())
        regions = {region.key: region for region in all_regions}
        self.regions_by_pk = {region.pk: region for region in all_regions}
        towns = {
            (region.parent.key if region.parent else "", region.name): region
            for region in Region.objects.filter(kind=Region.Kind.TOWN).select_related("parent")
        }
        self.places = []
        for name, district, latitude, longitude, weight in PLACES:
            region = towns.get((district, name)) or regions.get(district)
            if region is not None:
                self.places.append((name, region, latitude, longitude, weight))
        if not self.places:
            raise CommandError("No regions of Saxony found; run load_demo first")
        self.place_weights = [place[4] for place in self.places]
        self.fields = list(FieldOfAction.objects.order_by("slug"))
        self.groups = list(TargetGroup.objects.order_by("slug"))
        self.languages = list(Language.objects.order_by("code"))
        self.german = next((language for language in self.languages if language.code == "de"), None)
        self.kinds = [kind for kind, _ in KIND_WEIGHTS]
        self.kind_weights = [weight for _, weight in KIND_WEIGHTS]
        self.now = timezone.now()

    def _name(self, kind: str, place: str) -> str:
        rng = self.rng
        community = rng.choice(COMMUNITIES)
        name = rng.choice(NAME_PATTERNS[kind]).format(
            adj=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS),
            place=place,
            community=community,
            community_plural=community[:-1] + "en" if community.endswith("er") else community,
        )
        quarter = rng.choice(QUARTERS)
        return (
            f"{name} ({place}-{quarter})" if quarter and place in {"Leipzig", "Dresden", "Chemnitz"} else name
        )

    def organisation(self, pk: int) -> tuple[Organisation, _Relations]:
        rng = self.rng
        place, region, latitude, longitude, _ = _weighted(rng, self.places, self.place_weights)
        kind = _weighted(rng, self.kinds, self.kind_weights)
        name = self._name(kind, place)
        fields = rng.sample(self.fields, k=min(len(self.fields), rng.randint(1, 3)))
        groups = rng.sample(self.groups, k=min(len(self.groups), rng.randint(1, 3)))
        others = [language for language in self.languages if language.code != "de"]
        languages = ([self.german] if self.german else []) + rng.sample(
            others, k=min(len(others), rng.randint(0, 3))
        )
        topics = ", ".join(TOPICS.get(field.slug, field.name_de) for field in fields)
        language_names = ", ".join(language.name_de for language in languages) or "Deutsch"
        description = " ".join(
            part
            for part in (
                f"{name} unterstützt {', '.join(group.name_de for group in groups)} in {place} bei {topics}.",
                f"Angebote gibt es auf {language_names}.",
                rng.choice(CLOSING_SENTENCES),
            )
            if part
        )
        organisation = Organisation(
            id=pk,
            uuid=uuid.uuid5(GENERATED_NAMESPACE, f"organisation:{self.seed}:{pk}"),
            name=name,
            slug=f"{_slug(name)}-{pk}",
            kind=kind,
            status=Organisation.Status.ACTIVE,
            description=description,
            email=f"kontakt-{pk}@example.org",
            city=place,
            latitude=Decimal(f"{latitude + rng.uniform(-0.03, 0.03):.6f}"),
            longitude=Decimal(f"{longitude + rng.uniform(-0.04, 0.04):.6f}"),
            region=region,
            non_commercial=kind != Organisation.Kind.COMPANY,
            confirmed_at=self.now,
        )
        served = [region]
        if region.parent_id and rng.random() < 0.3:
            served.append(self.regions_by_pk[region.parent_id])
        relations = _Relations(regions=served, fields=fields, groups=groups, languages=languages)
        return organisation, relations

    def services(
        self, organisation: Organisation, relations: _Relations, first_pk: int
    ) -> list[tuple[Service, _Relations]]:
        rng = self.rng
        candidates = [
            (field, offer)
            for field in relations.fields
            for offer in SERVICES_BY_FIELD.get(field.slug, SERVICES_BY_FIELD["beratung"])
        ]
        chosen = rng.sample(candidates, k=min(len(candidates), self.services_per_organisation))
        result = []
        for offset, (field, (name, purpose)) in enumerate(chosen):
            pk = first_pk + offset
            service = Service(
                id=pk,
                uuid=uuid.uuid5(GENERATED_NAMESPACE, f"service:{self.seed}:{pk}"),
                organisation=organisation,
                name=name,
                description=f"{name} in {organisation.city}: {purpose}.",
                status=Service.Status.ACTIVE,
                opening_hours=rng.choice(OPENING_HOURS),
                application_process=f"Anmeldung per E-Mail an {organisation.email}",
            )
            service_relations = _Relations(
                regions=[organisation.region],
                fields=[field],
                groups=rng.sample(relations.groups, k=1),
                languages=relations.languages[: rng.randint(1, max(1, len(relations.languages)))],
            )
            result.append((service, service_relations))
        return result


def search_text(organisation: Organisation, relations: _Relations, services: list[Service]) -> str:
    """What :func:`organisation_search_text` returns for this organisation once it is saved.

    Built from the rows in memory instead of six queries per organisation; the test
    ``test_generated_search_text_matches_the_service_layer`` fails when the two drift apart.
    Lists are sorted as the models' default orderings sort them.
    """
    parts = [
        organisation.name,
        organisation.short_name,
        organisation.description,
        organisation.postal_code,
        organisation.city,
        *kind_labels(organisation.kind),
        organisation.region.name,
    ]
    parts += [region.name for region in sorted(relations.regions, key=lambda region: region.path)]
    for terms in (relations.fields, relations.groups):
        for term in sorted(terms, key=lambda term: (term.position, term.name_de)):
            parts += [term.name_de, term.name_en]
    for language in sorted(relations.languages, key=lambda language: language.name_de):
        parts += [language.name_de, language.name_en]
    for service in sorted(services, key=lambda service: service.name):
        if service.status != Service.Status.DEFUNCT:
            parts += [service.name, service.description]
    seen: set[str] = set()
    unique = []
    for part in parts:
        if part and part not in seen:
            seen.add(part)
            unique.append(part)
    return "\n".join(unique)


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)[:100] or "organisation"


def _next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(highest=Max("id"))["highest"] or 0) + 1


def generate_organisations(
    *, count: int, services_per_organisation: int = 2, seed: int = 1, batch_size: int = 2000
) -> GenerationResult:
    """Create ``count`` synthetic organisations with their services, in one transaction."""
    started = time.perf_counter()
    organisation_m2m = {
        "regions": _through(Organisation, "regions_served"),
        "fields_of_action": _through(Organisation, "fields_of_action"),
        "target_groups": _through(Organisation, "target_groups"),
        "languages": _through(Organisation, "languages"),
    }
    service_m2m = {
        "regions": _through(Service, "service_areas"),
        "fields_of_action": _through(Service, "fields_of_action"),
        "target_groups": _through(Service, "target_groups"),
        "languages": _through(Service, "languages"),
    }
    with transaction.atomic():
        generator = _Generator(seed=seed, services_per_organisation=services_per_organisation)
        # Ids are assigned here rather than by the database so that the many-to-many rows and the
        # services can be built before anything is written, and each table is written once a batch.
        next_organisation = _next_id(Organisation)
        next_service = _next_id(Service)
        total_services = 0
        for start, size in _batches(count, batch_size):
            organisations: list[Organisation] = []
            services: list[Service] = []
            organisation_pairs: dict[str, list[tuple[int, int]]] = {name: [] for name in organisation_m2m}
            service_pairs: dict[str, list[tuple[int, int]]] = {name: [] for name in service_m2m}
            for index in range(size):
                organisation, relations = generator.organisation(next_organisation + start + index)
                own = generator.services(organisation, relations, next_service + total_services)
                total_services += len(own)
                organisation.search_text = search_text(
                    organisation, relations, [service for service, _ in own]
                )
                organisations.append(organisation)
                for name, targets in relations.pairs().items():
                    organisation_pairs[name].extend((organisation.pk, target) for target in targets)
                for service, service_relations in own:
                    services.append(service)
                    for name, targets in service_relations.pairs().items():
                        service_pairs[name].extend((service.pk, target) for target in targets)
            Organisation.objects.bulk_create(organisations, batch_size=500)
            Service.objects.bulk_create(services, batch_size=500)
            for name, pairs in organisation_pairs.items():
                _insert_pairs(*organisation_m2m[name], pairs)
            for name, pairs in service_pairs.items():
                _insert_pairs(*service_m2m[name], pairs)
        # Explicit ids leave PostgreSQL's sequences behind; move them past the new rows.
        statements = connection.ops.sequence_reset_sql(no_style(), [Organisation, Service])
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    if connection.vendor == "postgresql":
        # Fresh planner statistics: without them the first searches after a bulk load plan for
        # empty tables (autovacuum would get there, but only later).
        with connection.cursor() as cursor:
            for model in (Organisation, Service):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            for table, _source, _target in [*organisation_m2m.values(), *service_m2m.values()]:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return GenerationResult(
        organisations=count, services=total_services, seconds=time.perf_counter() - started
    )


class Command(BaseCommand):
    help = "Create N synthetic organisations with services (bulk writes; for load tests and the bench)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisations", type=int, required=True, help="How many organisations.")
        parser.add_argument("--services-per-organisation", type=int, default=2)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--force", action="store_true", help="Run even in production.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError("Refusing to generate synthetic data in production; use --force.")
        if options["organisations"] < 0 or options["services_per_organisation"] < 0:
            raise CommandError("Counts must not be negative.")
        with translation.override(settings.LANGUAGE_CODE):
            core_demo_load()
            result = generate_organisations(
                count=options["organisations"],
                services_per_organisation=options["services_per_organisation"],
                seed=options["seed"],
                batch_size=max(1, options["batch_size"]),
            )
        self.stdout.write(
            f"Created {result.organisations} organisations and {result.services} services "
            f"in {result.seconds:.1f} s."
        )
