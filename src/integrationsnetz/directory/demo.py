"""The organisations, offices and networks the source documents (shared/seeds/) name, and their loader.

Facts come from the seeds (quoted as "seed 000" ... "seed 004"); where a fact is general public
knowledge (a city an authority sits in) the entry says so. Nothing here looks like a real person's
contact data: contact persons are only people the seeds name in their function, none consents to
publication (so the public sees only the function), no person gets an e-mail address or phone number,
invented e-mail addresses use example.org, and real phone numbers appear only where a seed prints
them for an office.

Everything is written through :mod:`integrationsnetz.directory.services` so that the audit log and
the search text are right; locations and network memberships have no service yet, so the loader
writes them here (inside the directory app, which owns them) and records them in the audit log.
Running the loader again changes nothing: every object is looked up by a stable key first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from integrationsnetz.accounts.models import AuditLogEntry, Role, User
from integrationsnetz.accounts.services import audit_log_record, membership_grant
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory.models import (
    Location,
    Network,
    NetworkMembership,
    Organisation,
)
from integrationsnetz.directory.services import (
    ORGANISATION_M2M,
    SERVICE_M2M,
    contact_person_save,
    organisation_create,
    organisation_update,
    service_save,
)

DEMO_PASSWORD = "demo-integrationsnetz"  # noqa: S105 - printed on purpose: demo logins only

# Approximate centres of the seat cities (WGS 84), enough for the map of the demo.
CITY_CENTRES: dict[str, tuple[str, str]] = {
    "Dresden": ("51.050400", "13.737300"),
    "Leipzig": ("51.339700", "12.373100"),
    "Chemnitz": ("50.827800", "12.921400"),
    "Freiberg": ("50.911900", "13.342800"),
    "Torgau": ("51.560300", "13.005600"),
    "Radebeul": ("51.103600", "13.670000"),
    "Borna": ("51.124400", "12.496700"),
    "Bautzen": ("51.181400", "14.424200"),
    "Plauen": ("50.495300", "12.138300"),
    "Eilenburg": ("51.459200", "12.633300"),
    "Delitzsch": ("51.525800", "12.342500"),
    "Oschatz": ("51.300300", "13.107200"),
    "Schkeuditz": ("51.396700", "12.221700"),
    "Taucha": ("51.379700", "12.493600"),
    "Riesa": ("51.307800", "13.293900"),
}

# ---------------------------------------------------------------------------------------------
# Networks (seeds 000, 001, 003, 004)
# ---------------------------------------------------------------------------------------------

NETWORKS: list[dict[str, Any]] = [
    {
        "short_name": "NIMS",
        "name": "Netzwerk Integration Migration Sachsen",
        "region": "14",
        # Seed 002: founded in 2010 on the initiative of the state commissioner; only the year is known.
        "founded": datetime.date(2010, 1, 1),
        "description": (
            "Landesweit agierendes Netzwerk, 2010 auf Initiative des Sächsischen Ausländerbeauftragten "
            "gegründet; trifft sich mindestens halbjährlich, in der Regel zweimal im Jahr auf Einladung "
            "des Sächsischen Ausländerbeauftragten. Eingeladen sind alle Vereine, Initiativen, "
            "Projektträger, Beauftragte und Beratungsstellen, die sich für Integration und Migration in "
            "Sachsen einsetzen, in erster Linie nichtkommerzielle Anbieter. Etwa 200 Organisationen und "
            "40 Einzelpersonen gehören dem NIMS an (Stand 2014). 2014 stellte es das „Kursbuch "
            "Integration und Migration Sachsen“ vor."
        ),
    },
    {
        "short_name": "KAIB",
        "name": "Kommunale Ausländer- und Integrationsbeauftragte",
        "region": "14",
        "founded": None,
        "description": (
            "Netzwerk der kommunalen Ausländer- und Integrationsbeauftragten der Landkreise und "
            "Kreisfreien Städte (haupt- oder ehrenamtlich). Der Sächsische Ausländerbeauftragte "
            "unterstützt die regionale Arbeit und vernetzt sie zentral: mehrmals jährlich Workshops, "
            "Schulungen und Fachtagungen, schneller Austausch von Informationen und erfolgreichen "
            "Arbeitsansätzen."
        ),
    },
    {
        "short_name": "AK IBA Mittelsachsen",
        "name": "Arbeitskreis „Integration durch Bildung und Arbeit“ Mittelsachsen",
        "region": "14522",
        "founded": None,
        "description": (
            "Arbeitskreis der Akteure der Integrationsarbeit im Landkreis Mittelsachsen (Agentur für "
            "Arbeit, Jobcenter, BAMF, Migrationsberatungsstellen, Ausländerbehörde, Sozialämter, "
            "Jugendamt, Schulverwaltung, Handwerkskammer, IHK), einberufen von den "
            "Bildungskoordinatorinnen des Landkreises; hervorgegangen aus dem Regionalworkshop, dessen "
            "Ergebnisse das „Schnittstellenpapier Integrationswegweiser Mittelsachsen“ (2017) zusammenfasst."
        ),
    },
    {
        "short_name": "NI Nordsachsen",
        "name": "Netzwerk Integration Nordsachsen",
        "region": "14730",
        "founded": None,
        "description": (
            "Landkreisweites Netzwerk der haupt- und ehrenamtlichen Akteurinnen und Akteure der "
            "Integrationsarbeit in Nordsachsen, ausgerichtet vom Sachgebiet Integration des Amtes für "
            "Migration und Ausländerrecht; großes Netzwerktreffen mit vier Workshops am 02.06.2022 im "
            "Bürgerhaus Eilenburg, dazu Netzwerktreffen in den Sozialräumen und thematische Treffen "
            "(z. B. Wohnen, Bildung)."
        ),
    },
    {
        "short_name": "RESQUE Plus",
        "name": "Netzwerk RESQUE Plus",
        "region": "14",
        # Seed 001: works state-wide since 1 December 2010 (second funding period).
        "founded": datetime.date(2010, 12, 1),
        "description": (
            "Sachsenweites Folgeprojekt des Leipziger Netzwerks „Resque“: unterstützt Flüchtlinge und "
            "Bleibeberechtigte bei Qualifizierung und Integration in den Arbeitsmarkt; gefördert im "
            "Programm „Arbeitsmarktliche Unterstützung für Bleibeberechtigte und Flüchtlinge II“ durch "
            "das Bundesministerium für Arbeit und Soziales und den Europäischen Sozialfonds."
        ),
    },
]

# ---------------------------------------------------------------------------------------------
# Organisations. Keys: slug (stable identity), name, short_name, kind, region (seat, official
# key), city, street, postal_code, phone, website, description, fields, groups, languages,
# served (region keys), parent (slug), non_commercial, networks [(short name, since)],
# services, contacts (name, function), locations.
# ---------------------------------------------------------------------------------------------

_ALL_FIELDS = [
    "sprache",
    "bildung",
    "arbeit-ausbildung",
    "zusammenleben-teilhabe",
    "gesundheit-psychosoziale-versorgung",
    "ehrenamt",
]
_REFUGEES = ["asylsuchende", "geduldete", "anerkannte-gefluechtete"]
_NIMS_2010 = ("NIMS", datetime.date(2010, 1, 1))

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "geschaeftsstelle-saechsischer-auslaenderbeauftragter",
        "name": "Geschäftsstelle des Sächsischen Ausländerbeauftragten",
        "short_name": "SAB",
        "kind": Organisation.Kind.COMMISSIONER,
        "region": "14612",
        "city": "Dresden",
        # Seed 002, press contact block.
        "street": "Bernhard-von-Lindenau-Platz 1",
        "postal_code": "01067",
        "phone": "0351 493-5171",
        "description": (
            "Geschäftsstelle des Sächsischen Ausländerbeauftragten beim Sächsischen Landtag. Lädt "
            "federführend zum Netzwerk Integration Migration Sachsen (NIMS) ein und gibt "
            "Arbeitsergebnisse und Informationen weiter; arbeitet eng mit den kommunalen Ausländer- und "
            "Integrationsbeauftragten (KAIB) zusammen, begleitet den „Heim-TÜV“ (Qualitätsprüfung der "
            "Unterbringung von Geflüchteten, ausgebaut zu einem Qualitätsmanagementsystem), die "
            "Umsetzung des Sächsischen Berufsqualifikationsfeststellungsgesetzes und die interkulturelle "
            "Öffnung von Verwaltung und Politik."
        ),
        "fields": [*_ALL_FIELDS, "asyl-aufenthaltsrecht", "wohnen"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige", "spaetaussiedler"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [_NIMS_2010, ("KAIB", None)],
        "services": [
            {
                "name": "Netzwerktreffen Integration und Migration Sachsen (NIMS)",
                "description": (
                    "Zweimal jährlich Netzwerktreffen im Sächsischen Landtag mit Vorträgen, Berichten aus "
                    "den Regionen und einer offenen Runde der Akteure."
                ),
                "fields": _ALL_FIELDS,
                "areas": ["14"],
            },
            {
                "name": "Heim-TÜV",
                "description": (
                    "Prüfung der Qualität von Gemeinschaftsunterkünften für Geflüchtete; wird zu einem "
                    "Qualitätsmanagementsystem der Unterbringung ausgebaut."
                ),
                "fields": ["wohnen", "zusammenleben-teilhabe"],
                "groups": _REFUGEES,
                "areas": ["14"],
            },
        ],
        "contacts": [
            ("Markus Guffler", "Presse- und Öffentlichkeitsarbeit"),
            ("Geert Mackenroth", "Sächsischer Ausländerbeauftragter"),
            ("Prof. Dr. Martin Gillo", "Sächsischer Ausländerbeauftragter bis 2014"),
        ],
    },
    {
        "slug": "ba-regionaldirektion-sachsen",
        "name": "Bundesagentur für Arbeit, Regionaldirektion Sachsen",
        "short_name": "BA RD Sachsen",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14511",
        "city": "Chemnitz",  # seat: public knowledge, the seeds do not say
        "description": (
            "Regionaldirektion Sachsen der Bundesagentur für Arbeit mit der Koordinierungsstelle "
            "Flüchtlinge; stellte beim NIMS-Treffen am 1. November 2017 die neuesten Zahlen des "
            "Arbeitsmarkts und die laufenden und geplanten Instrumente der BA vor."
        ),
        "fields": ["arbeit-ausbildung"],
        "groups": [*_REFUGEES, "drittstaatsangehoerige", "fachkraefte"],
        "languages": ["de"],
        "served": ["14"],
        "non_commercial": True,
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Koordinierungsstelle Flüchtlinge",
                "description": "Koordinierung der Arbeitsmarktinstrumente der BA für Geflüchtete in Sachsen.",
                "fields": ["arbeit-ausbildung"],
                "groups": _REFUGEES,
                "areas": ["14"],
            }
        ],
        "contacts": [
            ("Jörg Beyer", "Bereichsleiter Ausbildung/Reha/Koordinierungsstelle Flüchtlinge"),
            ("Reinhilde Willems", "Geschäftsführerin Operativ"),
        ],
    },
    {
        "slug": "psz-leipzig",
        "name": "Psychosoziales Zentrum für Geflüchtete Leipzig",
        "short_name": "PSZ Leipzig",
        "kind": Organisation.Kind.COUNSELLING,
        "region": "14713",
        "city": "Leipzig",
        "description": (
            "Psychosoziale Beratung und Versorgung traumatisierter Geflüchteter in Leipzig. Gemeinsam "
            "mit das BOOT gGmbH Landeskoordination der psychosozialen Betreuung von Flüchtlingen in "
            "Sachsen; stellte beim NIMS-Treffen am 1. November 2017 den aktuellen Stand und die "
            "Angebote der Beratungsstellen vor."
        ),
        "fields": ["gesundheit-psychosoziale-versorgung", "beratung"],
        "groups": [*_REFUGEES, "unbegleitete-minderjaehrige", "vertriebene-ukraine"],
        "languages": ["de", "en"],
        "served": ["14713"],
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Psychosoziale Beratung für traumatisierte Geflüchtete",
                "description": (
                    "Psychosoziale Beratung, Stabilisierung und Vermittlung in Therapie für Geflüchtete "
                    "mit Traumafolgen."
                ),
                "fields": ["gesundheit-psychosoziale-versorgung", "beratung"],
                "groups": [*_REFUGEES, "unbegleitete-minderjaehrige"],
                "areas": ["14713"],
            },
            {
                "name": "Landeskoordination psychosoziale Versorgung",
                "description": (
                    "Koordination der psychosozialen Versorgungsstruktur für traumatisierte Flüchtlinge "
                    "in Sachsen, gemeinsam mit das BOOT gGmbH."
                ),
                "fields": ["gesundheit-psychosoziale-versorgung"],
                "groups": _REFUGEES,
                "areas": ["14"],
            },
        ],
        "contacts": [("Corinna Klinger", "Projektleitung")],
    },
    {
        "slug": "das-boot-ggmbh",
        "name": "das BOOT gGmbH",
        "short_name": "das BOOT",
        "kind": Organisation.Kind.COUNSELLING,
        "region": "14612",
        "city": "Dresden",  # seat: the Psychosoziales Zentrum "Das Boot" in Dresden (press reports)
        "description": (
            "Träger psychosozialer Beratung und Versorgung für traumatisierte Geflüchtete in Dresden. "
            "Gemeinsam mit dem PSZ Leipzig Landeskoordination der psychosozialen Betreuung von "
            "Flüchtlingen in Sachsen (NIMS-Treffen 1. November 2017)."
        ),
        "fields": ["gesundheit-psychosoziale-versorgung", "beratung"],
        "groups": [*_REFUGEES, "unbegleitete-minderjaehrige"],
        "languages": ["de", "en"],
        "served": ["14612"],
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Psychosoziale Beratung und Versorgung für traumatisierte Flüchtlinge",
                "description": "Beratung, Stabilisierung und Begleitung Geflüchteter mit Traumafolgen.",
                "fields": ["gesundheit-psychosoziale-versorgung", "beratung"],
                "groups": _REFUGEES,
                "areas": ["14612"],
            }
        ],
        "contacts": [("Tilo Erning", "Geschäftsführer")],
    },
    {
        "slug": "sms-gleichstellung-integration",
        "name": "Sächsisches Staatsministerium für Soziales und Gesellschaftlichen Zusammenhalt",
        "short_name": "SMS",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14612",
        "city": "Dresden",
        "description": (
            "Landesministerium, bis 2019 „Sächsisches Staatsministerium für Soziales und "
            "Verbraucherschutz“, mit dem Geschäftsbereich Gleichstellung und Integration. Stellte 2012 "
            "das Sächsische Zuwanderungs- und Integrationskonzept (ZIK) vor, fördert den Spracherwerb "
            "von Flüchtlingen, das Sächsische Landesnetzwerk der Migrantenorganisationen (SLMO) und die "
            "Integrationsarbeit der Landkreise; bereitet das Sächsische Integrations- und "
            "Teilhabegesetz (SITG) vor."
        ),
        "fields": [*_ALL_FIELDS, "asyl-aufenthaltsrecht"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "contacts": [
            ("Petra Köpping", "Staatsministerin für Gleichstellung und Integration"),
            (
                "Sebastian Vogel",
                "Staatssekretär; zuvor Leiter des Geschäftsbereichs Gleichstellung und Integration",
            ),
            ("Regina Kraushaar", "Abteilungsleiterin"),
            ("Karl Bey", "Referatsleiter"),
        ],
    },
    {
        "slug": "smwa",
        "name": "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
        "short_name": "SMWA",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14612",
        "city": "Dresden",
        "description": (
            "Landesministerium; stellte beim NIMS-Treffen am 26. April 2017 das Modell "
            "„Arbeitsmarktmentoren“ als Maßnahme der Staatsregierung zur Arbeitsmarktintegration von "
            "Flüchtlingen vor."
        ),
        "fields": ["arbeit-ausbildung"],
        "groups": _REFUGEES,
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Arbeitsmarktmentoren",
                "description": (
                    "Landesprogramm: Mentorinnen und Mentoren begleiten Geflüchtete bei der Integration in "
                    "den Arbeitsmarkt (unvollständige Bewerbungsunterlagen, Sprachbarrieren, ungewisse "
                    "Aufenthaltsdauer)."
                ),
                "fields": ["arbeit-ausbildung"],
                "groups": _REFUGEES,
                "areas": ["14"],
            }
        ],
        "contacts": [("Marcel Stumpf", "Referent für Arbeitsmarktzuwanderung und -integration")],
    },
    {
        "slug": "smi-auslaenderangelegenheiten",
        "name": "Sächsisches Staatsministerium des Innern",
        "short_name": "SMI",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14612",
        "city": "Dresden",
        "description": (
            "Landesministerium; Referat 24 Ausländerangelegenheiten und Staatsangehörigkeit mit den "
            "Aufgabenbereichen Zugewinn, Humanität und Sicherheit. Projekt Akzess: in rund 90 Prozent der "
            "Fälle eine Aufenthaltserlaubnis innerhalb von vier Wochen; die Zielgruppe soll um "
            "Studierende erweitert werden (KAIB-Treffen 11. März 2013)."
        ),
        "fields": ["asyl-aufenthaltsrecht"],
        "groups": ["fachkraefte", "studierende", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14"],
        "services": [
            {
                "name": "Akzess – beschleunigte Erteilung von Aufenthaltserlaubnissen",
                "description": "Aufenthaltserlaubnis in der Regel innerhalb von vier Wochen.",
                "fields": ["asyl-aufenthaltsrecht", "arbeit-ausbildung"],
                "groups": ["fachkraefte", "studierende"],
                "areas": ["14"],
            }
        ],
        "contacts": [("Reinhard Boos", "Referatsleiter Ausländerangelegenheiten und Staatsangehörigkeit")],
    },
    {
        "slug": "smk-schulische-integration",
        "name": "Sächsisches Staatsministerium für Kultus",
        "short_name": "SMK",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14612",
        "city": "Dresden",
        "description": (
            "Landesministerium; Konzept zur schulischen Integration von Schülerinnen und Schülern mit "
            "Migrationshintergrund, Zusammenarbeit mit den kommunalen Ausländer- und "
            "Integrationsbeauftragten (z. B. bei der Planung von Klassengrößen)."
        ),
        "fields": ["bildung", "sprache", "familie-kinder"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "unbegleitete-minderjaehrige"],
        "languages": ["de"],
        "served": ["14"],
        "contacts": [("Gabriele Weber", "Konzept zur schulischen Integration")],
    },
    {
        "slug": "ichhelfe-jetzt",
        "name": "ichhelfe.jetzt",
        "kind": Organisation.Kind.INITIATIVE,
        "region": "14612",
        "city": "Dresden",
        "website": "https://ichhelfe.jetzt",
        "description": (
            "Dresdner Flüchtlingsprojekt, das Angebot und Nachfrage im ehrenamtlichen Engagement "
            "zusammenbringt; setzte sich gegen mehr als 1.000 Bewerber durch und gehörte zu den zehn "
            "Finalisten der European Social Innovation Competition (NIMS-Treffen 1. November 2017)."
        ),
        "fields": ["ehrenamt", "zusammenleben-teilhabe"],
        "groups": _REFUGEES,
        "languages": ["de", "en"],
        "served": ["14612"],
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Vermittlung von Ehrenamtlichen",
                "description": "Online-Plattform: Hilfsbedarfe und Hilfsangebote im Ehrenamt passgenau zusammenführen.",
                "fields": ["ehrenamt"],
                "areas": ["14612"],
            }
        ],
        "contacts": [("Dr. Johannes Bittner", "Projektleitung"), ("Mandy Pearson", "Projektleitung")],
    },
    {
        "slug": "iq-netzwerk-sachsen",
        "name": "IQ Netzwerk Sachsen",
        "short_name": "IQ Sachsen",
        "kind": Organisation.Kind.PROJECT_PROVIDER,
        "region": "14",
        "description": (
            "Netzwerk „Integration durch Qualifizierung“ in Sachsen. Berichtete beim NIMS-Treffen am 26. "
            "April 2017 über die praktische Umsetzung der Arbeitsmarktintegration; initiierte 2016 mit "
            "der Stabsstelle Ausländer- und Asylangelegenheiten Mittelsachsen einen Regionalworkshop, "
            "leitete die Workshoparbeit und fasste die Ergebnisse im „Schnittstellenpapier "
            "Integrationswegweiser Mittelsachsen“ zusammen (vorgestellt am 13. Juni 2017)."
        ),
        "fields": ["arbeit-ausbildung", "bildung"],
        "groups": [*_REFUGEES, "drittstaatsangehoerige", "fachkraefte", "eu-buergerinnen"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None), ("AK IBA Mittelsachsen", None)],
        "services": [
            {
                "name": "Regionalworkshops und Schnittstellenpapiere zur Arbeitsmarktintegration",
                "description": (
                    "Moderierte Workshops der regionalen Akteure; Matrizen, Schaubilder und Tabellen "
                    "machen Zuständigkeiten und Ansprechpartner transparent."
                ),
                "fields": ["arbeit-ausbildung", "bildung"],
                "areas": ["14522"],
            }
        ],
        "contacts": [("Kay Tröger", "Koordinator"), ("Anja Stephan", "Projektmitarbeiterin")],
    },
    {
        "slug": "it-hilft-ggmbh",
        "name": "IT-hilft gGmbH",
        "short_name": "IT-hilft",
        "kind": Organisation.Kind.PROJECT_PROVIDER,
        "region": "14",
        "description": (
            "Gemeinnützige Gesellschaft für „Flüchtlingshilfe 4.0“ – die Unterstützung der Integration "
            "durch digitale Medien; hat die „Welcome-App-Germany“ mit ins Leben gerufen und entwickelt "
            "sie fortlaufend weiter (NIMS-Treffen 26. April 2017)."
        ),
        "fields": ["zusammenleben-teilhabe", "sprache"],
        "groups": _REFUGEES,
        "languages": ["de", "en", "ar"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Welcome-App-Germany",
                "description": "Mobile App mit Informationen für Geflüchtete und Neuzugewanderte.",
                "fields": ["zusammenleben-teilhabe"],
                "groups": _REFUGEES,
                "languages": ["de", "en", "ar"],
                "areas": ["14"],
            }
        ],
        "contacts": [("Frau Reuter-Heinrich", "Mitgründerin der Welcome-App-Germany")],
    },
    {
        "slug": "verbraucherzentrale-sachsen",
        "name": "Verbraucherzentrale Sachsen e. V.",
        "short_name": "Verbraucherzentrale Sachsen",
        "kind": Organisation.Kind.ASSOCIATION,
        "region": "14713",
        "city": "Leipzig",  # seat: public knowledge
        "description": (
            "Verbraucherschutz und Verbraucherberatung; gab beim NIMS-Treffen am 26. April 2017 Hinweise "
            "zum Verbraucherschutz speziell für Migrantinnen und Migranten."
        ),
        "fields": ["beratung"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "services": [
            {
                "name": "Verbraucherberatung für Migrantinnen und Migranten",
                "description": "Hinweise zu Verträgen, Kosten und Rechten als Verbraucherin und Verbraucher.",
                "fields": ["beratung"],
                "areas": ["14"],
            }
        ],
        "contacts": [("Frau Wagner", "Verbraucherschutz für Migrantinnen und Migranten")],
    },
    {
        "slug": "dsmo",
        "name": "Dachverband Sächsischer Migrantenorganisationen",
        "short_name": "DSMO",
        "kind": Organisation.Kind.MIGRANT_ORGANISATION,
        "region": "14",
        "description": (
            "Dachverband der Migrantenorganisationen in Sachsen, gegründet am 8. April 2017; stellte sich "
            "beim NIMS-Treffen am 26. April 2017 vor."
        ),
        "fields": ["zusammenleben-teilhabe", "ehrenamt"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige", "eingebuergerte"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", datetime.date(2017, 4, 26))],
        "contacts": [("Tatjana Jurk", "Vorsitzende")],
    },
    {
        "slug": "slmo",
        "name": "Sächsisches Landesnetzwerk der Migrantenorganisationen",
        "short_name": "SLMO",
        "kind": Organisation.Kind.MIGRANT_ORGANISATION,
        "region": "14",
        "description": (
            "Landesnetzwerk zur Stärkung und Unterstützung der Migrantenorganisationen in Sachsen; "
            "Zielsetzung, Entwicklung und Stand wurden beim NIMS-Treffen am 26. Oktober 2016 vorgestellt."
        ),
        "fields": ["zusammenleben-teilhabe", "ehrenamt"],
        "groups": ["drittstaatsangehoerige", "eu-buergerinnen", "anerkannte-gefluechtete"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "contacts": [("Christine Oliwkowski", "Projektkoordinatorin")],
    },
    {
        "slug": "integrationsnetzwerk-sachsen",
        "name": "Integrationsnetzwerk Sachsen",
        "short_name": "INS",
        "kind": Organisation.Kind.ASSOCIATION,
        "region": "14",
        "description": (
            "Landesweites Integrationsnetzwerk; an der Diskussion zum Landesnetzwerk der "
            "Migrantenorganisationen beim NIMS-Treffen am 26. Oktober 2016 beteiligt."
        ),
        "fields": ["zusammenleben-teilhabe"],
        "groups": ["drittstaatsangehoerige", "anerkannte-gefluechtete"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "contacts": [("Tatjana Jurk", "Vertreterin beim NIMS-Treffen 2016")],
    },
    {
        "slug": "bsz-technik-gustav-anton-zeuner",
        "name": "Berufliches Schulzentrum für Technik „Gustav Anton Zeuner“ Dresden",
        "short_name": "BSZ Technik Gustav-Anton-Zeuner",
        "kind": Organisation.Kind.EDUCATIONAL_PROVIDER,
        "region": "14612",
        "city": "Dresden",
        "description": "Berufliches Schulzentrum; Gastgeber des NIMS-Treffens am 26. Oktober 2016.",
        "fields": ["bildung", "arbeit-ausbildung"],
        "groups": ["anerkannte-gefluechtete", "unbegleitete-minderjaehrige"],
        "languages": ["de"],
        "served": ["14612"],
    },
    {
        "slug": "deutsches-hygiene-museum-dresden",
        "name": "Deutsches Hygiene-Museum Dresden",
        "short_name": "DHMD",
        "kind": Organisation.Kind.EDUCATIONAL_PROVIDER,
        "region": "14612",
        "city": "Dresden",
        "website": "https://www.dhmd.de",
        "description": (
            "Museum; Kooperationspartner und Gastgeber des NIMS-Treffens am 27. Juni 2014, bei dem das "
            "„Kursbuch Integration und Migration Sachsen“ vorgestellt wurde."
        ),
        "fields": ["bildung", "zusammenleben-teilhabe"],
        "languages": ["de"],
        "served": ["14612"],
    },
    {
        "slug": "saxonia-systems-ag",
        "name": "Saxonia Systems AG",
        "kind": Organisation.Kind.COMPANY,
        "region": "14612",
        "city": "Dresden",  # seat: public knowledge
        "non_commercial": False,
        "description": (
            "IT-Unternehmen; stellte beim KAIB-Treffen am 29. Juni 2015 die Entwicklung einer mobilen "
            "App für Flüchtlinge vor – einer skalierbaren Plattform für Hilfsangebote und -bedarfe."
        ),
        "fields": ["ehrenamt", "zusammenleben-teilhabe"],
        "groups": _REFUGEES,
        "languages": ["de"],
        "served": ["14"],
        "contacts": [("Viola Klein", "Geschäftsführerin")],
    },
    {
        "slug": "landeszentrale-politische-bildung",
        "name": "Sächsische Landeszentrale für politische Bildung",
        "short_name": "SLpB",
        "kind": Organisation.Kind.EDUCATIONAL_PROVIDER,
        "region": "14612",
        "city": "Dresden",
        "description": (
            "Politische Bildung im Freistaat; begleitete mit dem Projekt „Kommune im Dialog“ den "
            "Kommunikationsprozess bei der Neuerrichtung einer Unterkunft für Asylsuchende im Raum Riesa "
            "(KAIB-Treffen 14. Oktober 2013)."
        ),
        "fields": ["zusammenleben-teilhabe", "bildung"],
        "languages": ["de"],
        "served": ["14"],
        "services": [
            {
                "name": "Kommune im Dialog",
                "description": (
                    "Begleitung von Kommunen im Dialog mit der Bürgerschaft, etwa bei der Aufnahme von "
                    "Flüchtlingen."
                ),
                "fields": ["zusammenleben-teilhabe"],
                "areas": ["14627230"],
            }
        ],
        "contacts": [("Frank Richter", "Direktor (2013)")],
    },
    {
        "slug": "liga-freie-wohlfahrtspflege-sachsen",
        "name": "LIGA der Freien Wohlfahrtspflege in Sachsen",
        "short_name": "LIGA Sachsen",
        "kind": Organisation.Kind.WELFARE_ASSOCIATION,
        "region": "14612",
        "city": "Dresden",
        "description": (
            "Zusammenschluss der Spitzenverbände der Freien Wohlfahrtspflege; der Unterausschuss "
            "Migration stellte ein Konzept zur Sozialen Arbeit mit Flüchtlingen vor, mit dem Ziel eines "
            "Qualitätsrahmens für diese Arbeit (KAIB-Treffen 14. Oktober 2013)."
        ),
        "fields": ["zusammenleben-teilhabe", "beratung", "wohnen"],
        "groups": _REFUGEES,
        "languages": ["de"],
        "served": ["14"],
        "networks": [("NIMS", None)],
        "contacts": [("Albrecht Engelmann", "Unterausschuss Migration")],
    },
    {
        "slug": "landessportbund-sachsen",
        "name": "Landessportbund Sachsen e. V.",
        "short_name": "LSB Sachsen",
        "kind": Organisation.Kind.ASSOCIATION,
        "region": "14713",
        "city": "Leipzig",  # seat: public knowledge
        "description": (
            "Dachverband des Sports in Sachsen; Programm „Integration durch Sport“ mit regionalen "
            "Ansprechpartnern und Fördermöglichkeiten, gefördert durch das Bundesministerium des Innern "
            "(KAIB-Treffen 14. März 2011)."
        ),
        "fields": ["zusammenleben-teilhabe", "ehrenamt", "familie-kinder"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14"],
        "services": [
            {
                "name": "Integration durch Sport",
                "description": "Integrationsarbeit in Sportvereinen, regionale Ansprechpartner und Förderung.",
                "fields": ["zusammenleben-teilhabe", "ehrenamt"],
                "areas": ["14"],
            }
        ],
        "contacts": [("Frau Spindler", "Integration durch Sport")],
    },
    {
        "slug": "saechsischer-fluechtlingsrat",
        "name": "Sächsischer Flüchtlingsrat e. V.",
        "short_name": "SFR",
        "kind": Organisation.Kind.ASSOCIATION,
        "region": "14612",
        "city": "Dresden",  # seat: public knowledge
        "description": (
            "Verein für die Rechte Geflüchteter; seit 1. Dezember 2010 operativer Partner im "
            "sachsenweiten Netzwerk RESQUE Plus (Qualifizierung und Arbeitsmarktintegration von "
            "Flüchtlingen und Bleibeberechtigten)."
        ),
        "fields": ["asyl-aufenthaltsrecht", "beratung", "arbeit-ausbildung"],
        "groups": [*_REFUGEES, "unbegleitete-minderjaehrige"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("RESQUE Plus", datetime.date(2010, 12, 1)), ("NIMS", None)],
        "contacts": [("Herr Wendel", "Netzwerk RESQUE Plus")],
    },
    {
        "slug": "int-mbh",
        "name": "INT – Gesellschaft zur Förderung der beruflichen und sozialen Integration mbH",
        "short_name": "INT mbH",
        "kind": Organisation.Kind.PROJECT_PROVIDER,
        "region": "14",
        "description": (
            "Träger zur beruflichen und sozialen Integration; seit 1. Dezember 2010 operativer Partner "
            "im Netzwerk RESQUE Plus."
        ),
        "fields": ["arbeit-ausbildung"],
        "groups": _REFUGEES,
        "languages": ["de"],
        "served": ["14"],
        "networks": [("RESQUE Plus", datetime.date(2010, 12, 1))],
        "contacts": [("Herr Schlüter", "Netzwerk RESQUE Plus")],
    },
    {
        "slug": "stadt-leipzig-referat-migration-integration",
        "name": "Stadt Leipzig, Referat für Migration und Integration",
        "short_name": "Stadt Leipzig RMI",
        "kind": Organisation.Kind.COMMISSIONER,
        "region": "14713",
        "city": "Leipzig",
        "description": (
            "Referat der Stadt Leipzig; präsentierte 2011 das Netzwerk „Resque Plus“ mit; gutes Beispiel "
            "für die Zusammenarbeit der Beauftragten mit den Bildungsakteuren vor Ort (KAIB 2013)."
        ),
        "fields": ["zusammenleben-teilhabe", "bildung", "arbeit-ausbildung"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14713"],
        "networks": [("KAIB", None), ("RESQUE Plus", None)],
        "contacts": [("Frau Badakhshi", "Referat Migration und Integration")],
    },
    {
        "slug": "agentur-fuer-arbeit-leipzig",
        "name": "Agentur für Arbeit Leipzig",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14713",
        "city": "Leipzig",
        "description": "Agentur für Arbeit; strategische Netzwerkpartnerin von RESQUE Plus seit 1. Dezember 2010.",
        "fields": ["arbeit-ausbildung"],
        "groups": [*_REFUGEES, "drittstaatsangehoerige", "eu-buergerinnen"],
        "languages": ["de"],
        "served": ["14713"],
        "networks": [("RESQUE Plus", datetime.date(2010, 12, 1))],
    },
    {
        "slug": "jobcenter-leipzig",
        "name": "Jobcenter Leipzig",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14713",
        "city": "Leipzig",
        "description": "Jobcenter; strategischer Netzwerkpartner von RESQUE Plus seit 1. Dezember 2010.",
        "fields": ["arbeit-ausbildung"],
        "groups": ["anerkannte-gefluechtete", "drittstaatsangehoerige", "vertriebene-ukraine"],
        "languages": ["de"],
        "served": ["14713"],
        "networks": [("RESQUE Plus", datetime.date(2010, 12, 1))],
    },
    {
        "slug": "hwk-leipzig",
        "name": "Handwerkskammer zu Leipzig",
        "short_name": "HWK zu Leipzig",
        "kind": Organisation.Kind.CHAMBER,
        "region": "14713",
        "city": "Leipzig",
        "description": "Handwerkskammer; strategische Netzwerkpartnerin von RESQUE Plus seit 1. Dezember 2010.",
        "fields": ["arbeit-ausbildung"],
        "groups": ["anerkannte-gefluechtete", "fachkraefte"],
        "languages": ["de"],
        "served": ["14713", "14729", "14730"],
        "networks": [("RESQUE Plus", datetime.date(2010, 12, 1))],
    },
    {
        "slug": "ihk-leipzig",
        "name": "Industrie- und Handelskammer zu Leipzig",
        "short_name": "IHK zu Leipzig",
        "kind": Organisation.Kind.CHAMBER,
        "region": "14713",
        "city": "Leipzig",
        "description": (
            "Industrie- und Handelskammer; strategische Netzwerkpartnerin von RESQUE Plus seit 1. "
            "Dezember 2010."
        ),
        "fields": ["arbeit-ausbildung"],
        "groups": ["anerkannte-gefluechtete", "fachkraefte"],
        "languages": ["de"],
        "served": ["14713", "14729", "14730"],
        "networks": [("RESQUE Plus", datetime.date(2010, 12, 1))],
    },
    {
        "slug": "landratsamt-leipzig",
        "name": "Landratsamt Landkreis Leipzig",
        "short_name": "LRA Leipzig",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14729",
        "city": "Borna",  # seat of the district office: public knowledge
        "description": (
            "Landratsamt; stellte beim KAIB-Treffen am 25. März 2015 die Zusammenarbeit im Landkreis "
            "vor. Haupt- und ehrenamtliche Ausländerbeauftragte (u. a. für den Altkreis Muldentalkreis)."
        ),
        "fields": ["zusammenleben-teilhabe", "asyl-aufenthaltsrecht", "wohnen"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14729"],
        "networks": [("KAIB", None)],
        "contacts": [
            ("Dr. Thomas Voigt", "Vernetzung im Landkreis"),
            ("Gülnur Kunadt", "Hauptamtliche Ausländerbeauftragte (Altkreis Muldentalkreis)"),
            ("Abdulhamid Othman", "Ehrenamtlicher Ausländerbeauftragter"),
        ],
    },
    {
        "slug": "landratsamt-mittelsachsen",
        "name": "Landratsamt Mittelsachsen",
        "short_name": "LRA Mittelsachsen",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14522",
        "city": "Freiberg",  # seat of the district office: public knowledge
        "description": (
            "Landratsamt mit der Stabsstelle Ausländer- und Asylangelegenheiten und dem Stabsbereich "
            "Koordination, Unterbringung und Integration. Initiierte mit dem IQ Netzwerk Sachsen den "
            "Regionalworkshop „Integration von Zugewanderten in Mittelsachsen“; das „Schnittstellenpapier "
            "Integrationswegweiser Mittelsachsen“ (Juni 2017) macht die Zuständigkeiten der regionalen "
            "Akteure transparent und wird auf der Internetseite des Landratsamtes veröffentlicht. Die "
            "Bildungskoordinatorinnen berufen den Arbeitskreis „Integration durch Bildung und Arbeit“ ein."
        ),
        "fields": [
            "bildung",
            "arbeit-ausbildung",
            "asyl-aufenthaltsrecht",
            "wohnen",
            "zusammenleben-teilhabe",
        ],
        "groups": [*_REFUGEES, "drittstaatsangehoerige", "eu-buergerinnen"],
        "languages": ["de"],
        "served": ["14522"],
        "networks": [("KAIB", None), ("AK IBA Mittelsachsen", None)],
        "services": [
            {
                "name": "Bildungskoordination für Neuzugewanderte",
                "description": (
                    "Die Bildungskoordinatorinnen des Landkreises vernetzen die Bildungsakteure und "
                    "berufen den Arbeitskreis „Integration durch Bildung und Arbeit“ ein."
                ),
                "fields": ["bildung"],
                "groups": _REFUGEES,
                "areas": ["14522"],
            },
            {
                "name": "Ausländerbehörde",
                "description": "Aufenthaltsrechtliche Angelegenheiten im Landkreis Mittelsachsen.",
                "fields": ["asyl-aufenthaltsrecht"],
                "groups": [*_REFUGEES, "drittstaatsangehoerige"],
                "areas": ["14522"],
            },
        ],
        "contacts": [
            ("Ramona Noetzel", "Leiterin Stabsbereich Koordination, Unterbringung und Integration"),
            ("Jennifer Diehl", "Bildungskoordinatorin"),
            ("Annett Schrenk", "Ausländerbeauftragte (hauptamtlich), Gleichstellungs- und Frauenbeauftragte"),
        ],
    },
    {
        "slug": "agentur-fuer-arbeit-freiberg",
        "name": "Agentur für Arbeit Freiberg",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14522180",
        "city": "Freiberg",
        "description": "Agentur für Arbeit für den Landkreis Mittelsachsen; Akteurin im Arbeitskreis „Integration durch Bildung und Arbeit“.",
        "fields": ["arbeit-ausbildung"],
        "groups": [*_REFUGEES, "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14522"],
        "networks": [("AK IBA Mittelsachsen", None)],
    },
    {
        "slug": "jobcenter-mittelsachsen",
        "name": "Jobcenter Mittelsachsen",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14522",
        "city": "Freiberg",
        "description": "Jobcenter; Akteur im Arbeitskreis „Integration durch Bildung und Arbeit“ Mittelsachsen.",
        "fields": ["arbeit-ausbildung"],
        "groups": ["anerkannte-gefluechtete", "vertriebene-ukraine"],
        "languages": ["de"],
        "served": ["14522"],
        "networks": [("AK IBA Mittelsachsen", None)],
    },
    {
        "slug": "bamf",
        "name": "Bundesamt für Migration und Flüchtlinge",
        "short_name": "BAMF",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14",
        "description": (
            "Bundesbehörde für Asylverfahren und Integrationskurse; die neuen Verfahren wurden den "
            "kommunalen Beauftragten am Modellprojekt Dresden vorgestellt (KAIB-Treffen 23. Mai 2016); "
            "Akteur im Arbeitskreis „Integration durch Bildung und Arbeit“ Mittelsachsen."
        ),
        "fields": ["asyl-aufenthaltsrecht", "sprache"],
        "groups": [*_REFUGEES, "drittstaatsangehoerige", "eu-buergerinnen", "spaetaussiedler"],
        "languages": ["de"],
        "served": ["14"],
        "networks": [("AK IBA Mittelsachsen", None)],
        "services": [
            {
                "name": "Integrationskurse",
                "description": "Sprach- und Orientierungskurse für Zugewanderte.",
                "fields": ["sprache"],
                "groups": ["anerkannte-gefluechtete", "drittstaatsangehoerige", "spaetaussiedler"],
                "areas": ["14"],
            }
        ],
    },
    {
        "slug": "landratsamt-nordsachsen",
        "name": "Landratsamt Nordsachsen",
        "short_name": "LRA Nordsachsen",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14730",
        "city": "Torgau",  # seat of the district office: public knowledge
        "description": (
            "Landratsamt des Landkreises Nordsachsen; das Dezernat Soziales und Gesundheit und das Amt "
            "für Migration und Ausländerrecht verantworten die Integrationsarbeit im Landkreis."
        ),
        "fields": ["zusammenleben-teilhabe", "asyl-aufenthaltsrecht", "wohnen", "arbeit-ausbildung"],
        "groups": [*_REFUGEES, "vertriebene-ukraine", "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14730"],
        "networks": [("KAIB", None), ("NI Nordsachsen", None)],
        "contacts": [("Heike Schmidt", "Dezernentin für Soziales und Gesundheit")],
    },
    {
        "slug": "ama-nordsachsen",
        "name": "Amt für Migration und Ausländerrecht Nordsachsen",
        "short_name": "AMA",
        "kind": Organisation.Kind.AUTHORITY,
        "parent": "landratsamt-nordsachsen",
        "region": "14730",
        "city": "Torgau",
        "description": (
            "Amt des Landratsamtes Nordsachsen mit dem Sachgebiet Integration und dem Allgemeinen "
            "Migrationsdienst (AMD). 2022 nahm der Landkreis innerhalb von drei Monaten fast 2.000 aus "
            "der Ukraine vertriebene Menschen auf; das AMA erfasste sie, zahlte Sozialleistungen aus, "
            "stellte Unterkünfte bereit und unterstützte beim Ankommen. Gibt den Newsletter „Migration "
            "und Integration“ heraus und richtet das landkreisweite Netzwerktreffen Integration aus."
        ),
        "fields": [
            "zusammenleben-teilhabe",
            "asyl-aufenthaltsrecht",
            "wohnen",
            "arbeit-ausbildung",
            "beratung",
        ],
        "groups": [*_REFUGEES, "vertriebene-ukraine", "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14730"],
        "networks": [("NI Nordsachsen", None)],
        # Seed 003, "KONTAKTE LANDRATSAMT": the general migration service's contact points.
        "locations": [
            {
                "name": "Migrationsdienst Eilenburg",
                "city": "Eilenburg",
                "region": "14730110",
                "phone": "0151/58049677",
            },
            {
                "name": "Migrationsdienst Delitzsch",
                "city": "Delitzsch",
                "region": "14730070",
                "phone": "0151/58049672",
            },
            {
                "name": "Migrationsdienst Oschatz",
                "city": "Oschatz",
                "region": "14730230",
                "phone": "0160/90742106",
            },
            {
                "name": "Migrationsdienst Schkeuditz",
                "city": "Schkeuditz",
                "region": "14730270",
                "phone": "0151/58049668",
            },
            {
                "name": "Migrationsdienst Taucha",
                "city": "Taucha",
                "region": "14730300",
                "phone": "0151/58049669",
            },
            {
                "name": "Migrationsdienst Torgau",
                "city": "Torgau",
                "region": "14730310",
                "phone": "0151/58049673",
            },
        ],
        "services": [
            {
                "name": "Allgemeiner Migrationsdienst (AMD)",
                "description": (
                    "Sachbearbeitung und Ansprechpersonen vor Ort in den Sozialräumen; Brücke zwischen den "
                    "Stadtverwaltungen und dem AMA, Zusammenarbeit mit Haupt- und Ehrenamtlichen."
                ),
                "fields": ["beratung", "zusammenleben-teilhabe"],
                "groups": [*_REFUGEES, "vertriebene-ukraine", "eu-buergerinnen", "drittstaatsangehoerige"],
                "areas": [
                    "14730-SR-EIL",
                    "14730-SR-DZ",
                    "14730-SR-OZ",
                    "14730-SR-SKD",
                    "14730-SR-TA",
                    "14730-SR-TO",
                ],
                "locations": [
                    "Migrationsdienst Eilenburg",
                    "Migrationsdienst Delitzsch",
                    "Migrationsdienst Oschatz",
                    "Migrationsdienst Schkeuditz",
                    "Migrationsdienst Taucha",
                    "Migrationsdienst Torgau",
                ],
                "application_process": "Telefonisch beim Migrationsdienst des Sozialraums (siehe Standorte).",
            },
            {
                "name": "Rückkehrberatung",
                "description": "Beratung zur freiwilligen Rückkehr.",
                "fields": ["beratung", "asyl-aufenthaltsrecht"],
                "groups": ["asylsuchende", "geduldete"],
                "areas": ["14730"],
                "application_process": "Telefon 0151/58049671",
            },
            {
                "name": "Gemeindedolmetscherdienst",
                "description": "Vermittlung von Gemeindedolmetscherinnen und -dolmetschern.",
                "fields": ["sprache", "beratung"],
                "areas": ["14730"],
                "application_process": "Telefon 03421/7585332",
            },
            {
                "name": "Integrationsmanagement",
                "description": "Integrationsmanagement des Sachgebiets Integration.",
                "fields": ["zusammenleben-teilhabe"],
                "areas": ["14730"],
                "application_process": "Telefon 03421/7585349",
            },
            {
                "name": "Arbeitsmarktmentor Oschatz/Torgau",
                "description": "Begleitung in Arbeit und Ausbildung in den Sozialräumen Oschatz und Torgau.",
                "fields": ["arbeit-ausbildung"],
                "groups": _REFUGEES,
                "areas": ["14730-SR-OZ", "14730-SR-TO"],
                "application_process": "Telefon 03421/7585380",
            },
            {
                "name": "Arbeitsmarktmentor Delitzsch/Eilenburg",
                "description": "Begleitung in Arbeit und Ausbildung in den Sozialräumen Delitzsch und Eilenburg.",
                "fields": ["arbeit-ausbildung"],
                "groups": _REFUGEES,
                "areas": ["14730-SR-DZ", "14730-SR-EIL"],
                "application_process": "Telefon 03421/7585388",
            },
        ],
        "contacts": [
            ("Christian Nieling", "Amtsleiter"),
            ("Isabell Maue", "Sachgebietsleiterin Integration"),
            ("Katharina Monden", "Allgemeiner Migrationsdienst, Sozialraum Schkeuditz"),
            ("Marc Liebmann", "Allgemeiner Migrationsdienst, Sozialraum Eilenburg"),
        ],
    },
    {
        "slug": "jobcenter-nordsachsen",
        "name": "Jobcenter Nordsachsen",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14730",
        "description": (
            "Jobcenter; beteiligt an der ersten Auskopplung des Workshops „Migration und Wohnen“ am "
            "1. Juli 2022 mit Sozialamt, Sachgebiet Integration und Kontaktstelle Wohnen."
        ),
        "fields": ["arbeit-ausbildung", "wohnen"],
        "groups": ["anerkannte-gefluechtete", "vertriebene-ukraine"],
        "languages": ["de"],
        "served": ["14730"],
        "networks": [("NI Nordsachsen", None)],
    },
    {
        "slug": "stadt-radebeul-fluechtlingskoordination",
        "name": "Stadt Radebeul, Flüchtlingskoordination",
        "short_name": "Stadt Radebeul",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14627210",
        "city": "Radebeul",
        "description": (
            "Flüchtlingskoordination der Stadt Radebeul seit Juni 2015, mit Schwerpunkt auf der "
            "Koordination der Ehrenamtlichen (KAIB-Treffen 2. November 2015)."
        ),
        "fields": ["ehrenamt", "zusammenleben-teilhabe"],
        "groups": _REFUGEES,
        "languages": ["de"],
        "served": ["14627210"],
        "services": [
            {
                "name": "Flüchtlingskoordination und Ehrenamtskoordination",
                "description": "Koordination der Flüchtlingsarbeit und der Ehrenamtlichen in Radebeul.",
                "fields": ["ehrenamt"],
                "groups": _REFUGEES,
                "areas": ["14627210"],
            }
        ],
        "contacts": [
            ("Noemi Driemel", "Flüchtlingskoordination"),
            ("Nagy Hussein", "Flüchtlingskoordination"),
        ],
    },
    {
        "slug": "landratsamt-bautzen",
        "name": "Landratsamt Bautzen",
        "short_name": "LRA Bautzen",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14625",
        "city": "Bautzen",
        "description": (
            "Landratsamt; der Landkreis entschied 2011, die bis dahin ehrenamtliche Ausländerbeauftragte "
            "ab 2012 hauptamtlich einzusetzen."
        ),
        "fields": ["zusammenleben-teilhabe"],
        "groups": [*_REFUGEES, "eu-buergerinnen", "drittstaatsangehoerige"],
        "languages": ["de"],
        "served": ["14625"],
        "networks": [("KAIB", None)],
    },
    {
        "slug": "landratsamt-vogtlandkreis",
        "name": "Landratsamt Vogtlandkreis",
        "short_name": "LRA Vogtlandkreis",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14523",
        "city": "Plauen",
        "description": (
            "Landratsamt; gutes Beispiel für die strukturierte Zusammenarbeit der Ausländer- und "
            "Integrationsbeauftragten mit den Bildungsakteuren vor Ort (KAIB-Treffen 2013)."
        ),
        "fields": ["bildung", "zusammenleben-teilhabe"],
        "groups": [*_REFUGEES, "eu-buergerinnen"],
        "languages": ["de"],
        "served": ["14523"],
        "networks": [("KAIB", None)],
    },
]


# ---------------------------------------------------------------------------------------------
# Demo users, one per role
# ---------------------------------------------------------------------------------------------

DEMO_USERS: list[dict[str, Any]] = [
    {"email": "office@example.org", "full_name": "Geschäftsstelle (Demo)", "role": Role.OFFICE_ADMIN},
    {
        "email": "nordsachsen@example.org",
        "full_name": "Koordination Nordsachsen (Demo)",
        "role": Role.REGIONAL_COORDINATOR,
        "region": "14730",
    },
    {
        "email": "mittelsachsen@example.org",
        "full_name": "Koordination Mittelsachsen (Demo)",
        "role": Role.REGIONAL_COORDINATOR,
        "region": "14522",
    },
    {
        "email": "editor@example.org",
        "full_name": "Redaktion IT-hilft (Demo)",
        "role": Role.ORGANISATION_EDITOR,
        "organisation": "it-hilft-ggmbh",
    },
    {
        "email": "member@example.org",
        "full_name": "Mitglied Flüchtlingsrat (Demo)",
        "role": Role.MEMBER,
        "organisation": "saechsischer-fluechtlingsrat",
    },
    {"email": "volunteer@example.org", "full_name": "Ehrenamtliche (Demo)", "role": Role.VOLUNTEER},
]


@dataclass
class DirectoryDemoResult:
    networks: int = 0
    organisations: int = 0
    organisations_updated: int = 0
    services: int = 0
    locations: int = 0
    contacts: int = 0
    memberships: int = 0
    users: list[dict[str, str]] = field(default_factory=list)


class _Vocabulary:
    """Regions and vocabularies by key, loaded once."""

    def __init__(self) -> None:
        self.regions = {region.key: region for region in Region.objects.all()}
        self.fields = {item.slug: item for item in FieldOfAction.objects.all()}
        self.groups = {item.slug: item for item in TargetGroup.objects.all()}
        self.languages = {item.code: item for item in Language.objects.all()}

    def pick(self, table: dict[str, Any], keys: list[str]) -> list[Any]:
        missing = [key for key in keys if key not in table]
        if missing:
            raise LookupError(f"Demo data refers to unknown keys {missing}; load the core demo first")
        return [table[key] for key in keys]


def _differs(instance: models.Model, values: dict[str, Any], m2m_names: tuple[str, ...]) -> dict[str, Any]:
    """The subset of ``values`` that differs from what ``instance`` holds."""
    changed: dict[str, Any] = {}
    for name, value in values.items():
        if name in m2m_names:
            current = {item.pk for item in getattr(instance, name).all()}
            if current != {item.pk for item in value}:
                changed[name] = value
        else:
            current_value = getattr(instance, name)
            if isinstance(current_value, models.Model) or isinstance(value, models.Model):
                if getattr(current_value, "pk", None) != getattr(value, "pk", None):
                    changed[name] = value
            elif current_value != value:
                changed[name] = value
    return changed


def _organisation_values(spec: dict[str, Any], vocabulary: _Vocabulary) -> dict[str, Any]:
    city = spec.get("city", "")
    latitude, longitude = CITY_CENTRES.get(city, (None, None))
    return {
        "name": spec["name"],
        "short_name": spec.get("short_name", ""),
        "kind": Organisation.Kind(spec["kind"]),
        "description": spec.get("description", ""),
        "website": spec.get("website", ""),
        # Invented, clearly not real: the demo shows the field without pointing at anyone's inbox.
        "email": f"{spec['slug']}@example.org",
        "phone": spec.get("phone", ""),
        "street": spec.get("street", ""),
        "postal_code": spec.get("postal_code", ""),
        "city": city,
        "latitude": Decimal(latitude) if latitude else None,
        "longitude": Decimal(longitude) if longitude else None,
        "region": vocabulary.regions[spec["region"]],
        "non_commercial": spec.get("non_commercial", True),
        "regions_served": vocabulary.pick(vocabulary.regions, spec.get("served", [])),
        "fields_of_action": vocabulary.pick(vocabulary.fields, spec.get("fields", [])),
        "target_groups": vocabulary.pick(vocabulary.groups, spec.get("groups", [])),
        "languages": vocabulary.pick(vocabulary.languages, spec.get("languages", [])),
    }


def _networks_load(vocabulary: _Vocabulary, result: DirectoryDemoResult) -> dict[str, Network]:
    networks = {}
    for spec in NETWORKS:
        network = Network.objects.filter(short_name=spec["short_name"]).first()
        if network is None:
            network = Network(
                short_name=spec["short_name"],
                name=spec["name"],
                region=vocabulary.regions[spec["region"]],
                description=spec["description"],
                founded=spec["founded"],
            )
            network.full_clean()
            network.save()
            audit_log_record(
                actor=None, action=AuditLogEntry.Action.CREATE, obj=network, regions=[network.region]
            )
            result.networks += 1
        networks[network.short_name] = network
    return networks


def _locations_load(
    organisation: Organisation,
    specs: list[dict[str, Any]],
    vocabulary: _Vocabulary,
    result: DirectoryDemoResult,
) -> dict[str, Location]:
    locations = {location.name: location for location in organisation.locations.all()}
    for spec in specs:
        if spec["name"] in locations:
            continue
        latitude, longitude = CITY_CENTRES.get(spec["city"], (None, None))
        location = Location(
            organisation=organisation,
            name=spec["name"],
            city=spec["city"],
            region=vocabulary.regions[spec["region"]],
            phone=spec.get("phone", ""),
            latitude=Decimal(latitude) if latitude else None,
            longitude=Decimal(longitude) if longitude else None,
        )
        location.full_clean()
        location.save()
        audit_log_record(
            actor=None,
            action=AuditLogEntry.Action.CREATE,
            obj=location,
            changes={"name": [None, location.name], "phone": [None, location.phone]},
            regions=[organisation.region],
        )
        locations[location.name] = location
        result.locations += 1
    return locations


def _services_load(
    organisation: Organisation,
    specs: list[dict[str, Any]],
    locations: dict[str, Location],
    vocabulary: _Vocabulary,
    result: DirectoryDemoResult,
) -> None:
    existing = {service.name: service for service in organisation.services.all()}
    for spec in specs:
        values: dict[str, Any] = {
            "description": spec.get("description", ""),
            "application_process": spec.get("application_process", ""),
            "fields_of_action": vocabulary.pick(vocabulary.fields, spec.get("fields", [])),
            "target_groups": vocabulary.pick(vocabulary.groups, spec.get("groups", [])),
            "languages": vocabulary.pick(vocabulary.languages, spec.get("languages", ["de"])),
            "service_areas": vocabulary.pick(vocabulary.regions, spec.get("areas", [])),
            "locations": [locations[name] for name in spec.get("locations", [])],
        }
        service = existing.get(spec["name"])
        if service is None:
            service_save(organisation=organisation, actor=None, name=spec["name"], **values)
            result.services += 1
            continue
        changed = _differs(service, values, SERVICE_M2M)
        if changed:
            service_save(organisation=organisation, actor=None, service=service, **changed)


def _contacts_load(
    organisation: Organisation, specs: list[tuple[str, str]], result: DirectoryDemoResult
) -> None:
    existing = {contact.name: contact for contact in organisation.contacts.all()}
    for position, (name, function) in enumerate(specs):
        contact = existing.get(name)
        if contact is None:
            contact_person_save(
                organisation=organisation,
                actor=None,
                name=name,
                function=function,
                position=position,
                consent_to_publish=False,
            )
            result.contacts += 1
        elif contact.function != function:
            contact_person_save(organisation=organisation, actor=None, contact=contact, function=function)


def _memberships_load(
    organisation: Organisation,
    specs: list[tuple[str, datetime.date | None]],
    networks: dict[str, Network],
    result: DirectoryDemoResult,
) -> None:
    for short_name, since in specs:
        network = networks[short_name]
        membership, created = NetworkMembership.objects.get_or_create(
            organisation=organisation, network=network, defaults={"since": since}
        )
        if created:
            audit_log_record(
                actor=None,
                action=AuditLogEntry.Action.CREATE,
                obj=membership,
                changes={"network": [None, network.short_name], "since": [None, str(since or "")]},
                regions=[organisation.region],
            )
            result.memberships += 1


def _users_load(organisations: dict[str, Organisation], vocabulary: _Vocabulary) -> list[dict[str, str]]:
    printed = []
    for spec in DEMO_USERS:
        user = User.objects.filter(email=spec["email"]).first()
        created = user is None
        if user is None:
            # Set only when created: a second run must not change a password someone has changed.
            user = User.objects.create_user(spec["email"], DEMO_PASSWORD, full_name=spec["full_name"])
        region = vocabulary.regions[spec["region"]] if "region" in spec else None
        organisation = organisations[spec["organisation"]] if "organisation" in spec else None
        membership_grant(user=user, role=spec["role"], region=region, organisation=organisation)
        scope = region.name if region else (organisation.name if organisation else "")
        printed.append(
            {
                "email": user.email,
                "password": DEMO_PASSWORD if created else "(unchanged)",
                "role": str(Role(spec["role"]).label),
                "role_key": str(spec["role"]),
                "scope": scope,
            }
        )
    return printed


@transaction.atomic
def directory_demo_load(*, with_users: bool = True) -> DirectoryDemoResult:
    """Networks, organisations with services, locations, contacts and memberships, and demo users."""
    result = DirectoryDemoResult()
    vocabulary = _Vocabulary()
    networks = _networks_load(vocabulary, result)
    organisations: dict[str, Organisation] = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(slug__in=[spec["slug"] for spec in ORGANISATIONS])
    }
    for spec in ORGANISATIONS:
        values = _organisation_values(spec, vocabulary)
        if spec.get("parent"):
            values["parent"] = organisations[spec["parent"]]
        organisation = organisations.get(spec["slug"])
        if organisation is None:
            organisation = organisation_create(actor=None, slug=spec["slug"], **values)
            result.organisations += 1
        else:
            changed = _differs(organisation, values, ORGANISATION_M2M)
            if changed:
                organisation = organisation_update(organisation=organisation, actor=None, **changed)
                result.organisations_updated += 1
        organisations[spec["slug"]] = organisation
        locations = _locations_load(organisation, spec.get("locations", []), vocabulary, result)
        _services_load(organisation, spec.get("services", []), locations, vocabulary, result)
        _contacts_load(organisation, spec.get("contacts", []), result)
        _memberships_load(organisation, spec.get("networks", []), networks, result)
    if with_users:
        result.users = _users_load(organisations, vocabulary)
    return result
