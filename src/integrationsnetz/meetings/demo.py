"""Demo data of the meetings app from the source documents; running it again changes nothing.

Seed 000: the NIMS network meetings 2016-2017 with their programmes, speakers and attendance.
Seed 001: the KAIB (commissioners') meetings 2011-2017. Seed 004: the working group "Integration
durch Bildung und Arbeit" in Mittelsachsen and the regional workshop where the Schnittstellenpapier
was presented. The seeds give dates but rarely times of day: where the text says "afternoon" the
meeting starts at 14:00, otherwise 10:00-16:00 is assumed (marked in each meeting's description).
Speakers are people the seeds name in their public function; no contact details are invented. Those
the directory demo lists as contact persons are linked to them (``DIRECTORY_SPEAKERS``).
One upcoming network meeting is fictitious (``is_fictitious``), so that invitation and registration
can be tried out.

Runs after the core and directory demo (regions, networks, organisations). Every object is looked up
by a stable key first (series and group by slug, a meeting by series and date) and left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import ContactPerson, Network, Organisation
from integrationsnetz.meetings import services
from integrationsnetz.meetings.models import Meeting, MeetingSeries, ProgrammeItem, WorkingGroup

K = ProgrammeItem.Kind
LANDTAG = ("Sächsischer Landtag", "Bernhard-von-Lindenau-Platz 1, 01067 Dresden")
ASSUMED_TIME = "Uhrzeit in der Quelle nicht angegeben (angenommen)."

WORKING_GROUP: dict[str, Any] = {
    "slug": "ak-integration-durch-bildung-und-arbeit",
    "name": "Arbeitskreis „Integration durch Bildung und Arbeit“",
    "region": "14522",
    "lead_name": "Bildungskoordinatorinnen des Landkreises Mittelsachsen",
    "description": (
        "Die Akteure der Integrationsarbeit Mittelsachsens (u. a. Agentur für Arbeit, Jobcenter, BAMF, "
        "Migrationsberatungsstellen, Ausländerbehörde, Sozialämter, Jugendamt, Schulverwaltung, "
        "Handwerkskammer und IHK) treffen sich in regelmäßigen, themenspezifischen Veranstaltungen, "
        "einberufen von den Bildungskoordinatorinnen des Landkreises: Probleme der Integrationsarbeit "
        "ansprechen, Ziele festlegen, Verantwortungsbereiche klar definieren und Vereinbarungen für die "
        "Zusammenarbeit treffen. Weitere Partner, etwa Unternehmen oder Projekte, können eingeladen werden. "
        "(Quelle: Landkreis Mittelsachsen, 14.06.2017)"
    ),
    "organisations": [
        "landratsamt-mittelsachsen",
        "agentur-fuer-arbeit-freiberg",
        "jobcenter-mittelsachsen",
        "bamf",
        "iq-netzwerk-sachsen",
    ],
}

SERIES: list[dict[str, Any]] = [
    {
        "slug": "nims",
        "name": "Netzwerktreffen Integration und Migration Sachsen (NIMS)",
        "kind": MeetingSeries.Kind.STATE_NETWORK,
        "region": "14",
        "organiser_name": "Geschäftsstelle des Sächsischen Ausländerbeauftragten",
        "network": "NIMS",
        "description": (
            "Das Netzwerk trifft sich in der Regel zweimal pro Jahr auf Einladung des Sächsischen "
            "Ausländerbeauftragten. Eingeladen sind alle Vereine, Initiativen, Projektträger, Beauftragte "
            "und Beratungsstellen, die sich für Integration und Migration in Sachsen einsetzen; die "
            "Teilnehmer können eigene Arbeits- und Themenschwerpunkte einbringen."
        ),
    },
    {
        "slug": "kaib",
        "name": "Treffen der Kommunalen Ausländer- und Integrationsbeauftragten (KAIB)",
        "kind": MeetingSeries.Kind.COMMISSIONERS,
        "region": "14",
        "organiser_name": "Geschäftsstelle des Sächsischen Ausländerbeauftragten",
        "network": "KAIB",
        "commissioners": True,
        "description": (
            "Mehrmals jährlich Workshops, Schulungen und Fachtagungen: schneller Austausch von "
            "Informationen und rasche Weitergabe erfolgreicher Arbeitsansätze."
        ),
    },
    {
        "slug": "ak-iba-mittelsachsen",
        "name": "Arbeitskreis „Integration durch Bildung und Arbeit“ Mittelsachsen",
        "kind": MeetingSeries.Kind.WORKING_GROUP,
        "region": "14522",
        "organiser_name": "Bildungskoordinatorinnen des Landkreises Mittelsachsen",
        "working_group": True,
        "description": "Treffen des Arbeitskreises und Regionalworkshops im Landkreis Mittelsachsen.",
    },
]


# Speakers whom the directory demo lists as contact persons (organisation slug, name): the programme
# links them instead of keeping the line. The lines stay here as the seed states them; a line whose
# person is missing from the directory is kept as text.
DIRECTORY_SPEAKERS: dict[str, tuple[str, str]] = {
    "Albrecht Engelmann, Unterausschuss Migration der LIGA der Freien Wohlfahrtspflege": (
        "liga-freie-wohlfahrtspflege-sachsen",
        "Albrecht Engelmann",
    ),
    "Anja Stephan, IQ Netzwerk Sachsen": ("iq-netzwerk-sachsen", "Anja Stephan"),
    "Christine Oliwkowski, Projektkoordinatorin SLMO": ("slmo", "Christine Oliwkowski"),
    "Corinna Klinger, Projektleitung PSZ Leipzig": ("psz-leipzig", "Corinna Klinger"),
    "Dr. Johannes Bittner, Projektleitung ichhelfe.jetzt": ("ichhelfe-jetzt", "Dr. Johannes Bittner"),
    "Dr. Thomas Voigt, Landratsamt Landkreis Leipzig": ("landratsamt-leipzig", "Dr. Thomas Voigt"),
    "Frank Richter, Direktor der Sächsischen Landeszentrale für politische Bildung": (
        "landeszentrale-politische-bildung",
        "Frank Richter",
    ),
    "Frau Badakhshi, Referat Migration und Integration der Stadt Leipzig": (
        "stadt-leipzig-referat-migration-integration",
        "Frau Badakhshi",
    ),
    "Frau Reuter-Heinrich, IT-hilft gGmbH": ("it-hilft-ggmbh", "Frau Reuter-Heinrich"),
    "Frau Spindler, Landessportbund Sachsen": ("landessportbund-sachsen", "Frau Spindler"),
    "Frau Wagner, Verbraucherzentrale Sachsen": ("verbraucherzentrale-sachsen", "Frau Wagner"),
    "Gabriele Weber, Sächsisches Staatsministerium für Kultus": (
        "smk-schulische-integration",
        "Gabriele Weber",
    ),
    "Geert Mackenroth, Sächsischer Ausländerbeauftragter": (
        "geschaeftsstelle-saechsischer-auslaenderbeauftragter",
        "Geert Mackenroth",
    ),
    "Herr Schlüter, INT-Gesellschaft zur Förderung der beruflichen und sozialen Integration mbH": (
        "int-mbh",
        "Herr Schlüter",
    ),
    "Herr Wendel, Sächsischer Flüchtlingsrat": ("saechsischer-fluechtlingsrat", "Herr Wendel"),
    "Jennifer Diehl, Bildungskoordinatorin": ("landratsamt-mittelsachsen", "Jennifer Diehl"),
    "Karl Bey, Referatsleiter, SMS": ("sms-gleichstellung-integration", "Karl Bey"),
    "Kay Tröger, Koordinator des IQ Netzwerks Sachsen": ("iq-netzwerk-sachsen", "Kay Tröger"),
    "Mandy Pearson, Projektleitung ichhelfe.jetzt": ("ichhelfe-jetzt", "Mandy Pearson"),
    "Marcel Stumpf, Referent für Arbeitsmarktzuwanderung und -integration, SMWA": ("smwa", "Marcel Stumpf"),
    "Nagy Hussein, Flüchtlingskoordination der Stadt Radebeul": (
        "stadt-radebeul-fluechtlingskoordination",
        "Nagy Hussein",
    ),
    "Noemi Driemel, Flüchtlingskoordination der Stadt Radebeul": (
        "stadt-radebeul-fluechtlingskoordination",
        "Noemi Driemel",
    ),
    "Petra Köpping, Staatsministerin für Gleichstellung und Integration": (
        "sms-gleichstellung-integration",
        "Petra Köpping",
    ),
    "Prof. Dr. Martin Gillo, Sächsischer Ausländerbeauftragter": (
        "geschaeftsstelle-saechsischer-auslaenderbeauftragter",
        "Prof. Dr. Martin Gillo",
    ),
    "Ramona Noetzel, Stabsbereichsleiterin Koordination, Unterbringung und Integration": (
        "landratsamt-mittelsachsen",
        "Ramona Noetzel",
    ),
    "Regina Kraushaar, Abteilungsleiterin, SMS": ("sms-gleichstellung-integration", "Regina Kraushaar"),
    "Reinhard Boos, Referatsleiter, Sächsisches Staatsministerium des Innern": (
        "smi-auslaenderangelegenheiten",
        "Reinhard Boos",
    ),
    "Reinhilde Willems, Geschäftsführerin Operativ, Bundesagentur für Arbeit, Regionaldirektion Sachsen": (
        "ba-regionaldirektion-sachsen",
        "Reinhilde Willems",
    ),
    "Sebastian Vogel, Leiter des Geschäftsbereichs Gleichstellung und Integration, SMS": (
        "sms-gleichstellung-integration",
        "Sebastian Vogel",
    ),
    "Tatjana Jurk, Integrationsnetzwerk Sachsen (INS)": ("integrationsnetzwerk-sachsen", "Tatjana Jurk"),
    "Tatjana Jurk, Vorsitzende DSMO": ("dsmo", "Tatjana Jurk"),
    "Tilo Erning, Geschäftsführer, das BOOT gGmbH": ("das-boot-ggmbh", "Tilo Erning"),
    "Viola Klein, Geschäftsführerin Saxonia Systems AG": ("saxonia-systems-ag", "Viola Klein"),
}


def _item(kind: str, title: str, *speakers: str) -> tuple[str, str, str]:
    return (kind, title, "\n".join(speakers))


# (series slug, date, start hour, end hour, title, motto, venue, attendance, review, programme)
MEETINGS: list[dict[str, Any]] = [
    {
        "series": "nims",
        "date": datetime.date(2016, 3, 23),
        "hours": (14, 17),
        "title": "NIMS-Netzwerktreffen März 2016",
        "motto": "Vernetzung und Bestandsaufnahme",
        "venue": LANDTAG,
        "attendance": 130,
        "time_known": True,
        "review": (
            "Gekoppelt mit dem Verbändegespräch fand am Nachmittag das Netzwerktreffen statt. Der Einladung "
            "in den Landtag von Staatsministerin Petra Köpping und Ausländerbeauftragtem Geert Mackenroth "
            "folgten über 130 Teilnehmer. Der Bedarf an Vernetzung und Koordinierung wurde deutlich "
            "signalisiert. Zweimal jährlich soll das Treffen nun stattfinden, um allgemeine Informationen "
            "auszutauschen, Fragen zu stellen, den Austausch von Verwaltung und Behörden zu gewähren und die "
            "Möglichkeit der Bildung von Arbeitsgruppen zu schaffen. Schwerpunkte waren die Sprachförderung "
            "und die Vernetzung der Vereine und Initiativen."
        ),
        "programme": [
            _item(
                K.WELCOME,
                "Begrüßung",
                "Petra Köpping, Staatsministerin für Gleichstellung und Integration",
                "Geert Mackenroth, Sächsischer Ausländerbeauftragter",
            ),
            _item(K.DISCUSSION, "Sprachförderung"),
            _item(K.DISCUSSION, "Vernetzung der Vereine und Initiativen"),
        ],
    },
    {
        "series": "nims",
        "date": datetime.date(2016, 10, 26),
        "title": "NIMS-Netzwerktreffen Oktober 2016",
        "motto": "Das Jahr der Integration",
        "venue": ("BSZ Technik Gustav-Anton-Zeuner", "Dresden"),
        "review": (
            "Schwerpunkt des zweiten Netzwerktreffens des Jahres war das Ehrenamt. Um Doppelstrukturen bei "
            "der Ehrenamtskoordination zu vermeiden, sollten die vorhandenen Strukturen von MBE/JMD gestärkt "
            "und ihre langjährigen Erfahrungen genutzt werden; ebenso sollten Migrantenorganisationen "
            "gestärkt werden – das Sächsische Landesnetzwerk der Migrantenorganisationen (SLMO) ist hierfür "
            "ein wichtiges Stichwort."
        ),
        "programme": [
            _item(
                K.INPUT,
                "Helfer in Not – Umgang mit Anfeindungen im Netz",
                "Peter Stawowy, Medienberater",
            ),
            _item(
                K.INPUT,
                "Ehrenamtskoordination in Sachsen – Koordination der Koordinatoren?",
                "Prof. Dr. Werner Esser",
            ),
            _item(
                K.INPUT,
                "Sächsisches Landesnetzwerk der Migrantenorganisationen (SLMO): Zielsetzung, Entwicklung, Stand",
                "Sebastian Vogel, Leiter des Geschäftsbereichs Gleichstellung und Integration, SMS",
            ),
            _item(
                K.DISCUSSION,
                "Diskussion zum Landesnetzwerk",
                "Tatjana Jurk, Integrationsnetzwerk Sachsen (INS)",
                "Christine Oliwkowski, Projektkoordinatorin SLMO",
            ),
        ],
    },
    {
        "series": "nims",
        "date": datetime.date(2017, 4, 26),
        "title": "NIMS-Netzwerktreffen April 2017",
        "motto": "Arbeitsmarktintegration, Verbraucherschutz und Vernetzung",
        "venue": LANDTAG,
        "review": (
            "Am Vormittag war die Arbeitsmarktintegration Schwerpunkt: unvollständige Bewerbungsunterlagen, "
            "Sprachbarrieren und ungewisse Aufenthaltsdauer. Nach der Mittagspause ging es um "
            "Verbraucherschutz für Migranten und den am 8. April 2017 gegründeten Dachverband Sächsischer "
            "Migrantenorganisationen (DSMO). Im abschließenden Austausch: Bürokratie, Praxisberichte der "
            "landeseigenen Sprachprogramme und die Einsatzmöglichkeiten der Kommunalen "
            "Integrationskoordinatoren (KIK)."
        ),
        "programme": [
            _item(
                K.WELCOME,
                "Grußwort",
                "Petra Köpping, Staatsministerin für Gleichstellung und Integration",
            ),
            _item(
                K.INPUT,
                "Das Modell „Arbeitsmarktmentoren“",
                "Marcel Stumpf, Referent für Arbeitsmarktzuwanderung und -integration, SMWA",
            ),
            _item(
                K.INPUT,
                "Integration in den Arbeitsmarkt in der Praxis",
                "Kay Tröger, Koordinator des IQ Netzwerks Sachsen",
            ),
            _item(
                K.INPUT,
                "Flüchtlingshilfe 4.0 – Integration durch digitale Medien („Welcome-App-Germany“)",
                "Frau Reuter-Heinrich, IT-hilft gGmbH",
            ),
            _item(K.INPUT, "Verbraucherschutz für Migranten", "Frau Wagner, Verbraucherzentrale Sachsen"),
            _item(
                K.INPUT,
                "Der Dachverband Sächsischer Migrantenorganisationen (DSMO)",
                "Tatjana Jurk, Vorsitzende DSMO",
            ),
            _item(K.OPEN_ROUND, "Austausch"),
        ],
    },
    {
        "series": "nims",
        "date": datetime.date(2017, 11, 1),
        "title": "NIMS-Netzwerktreffen November 2017",
        "motto": "Gradmesser der Integration",
        "venue": LANDTAG,
        "attendance": 80,
        "review": (
            "Die Verbesserung der Arbeitssituation, die geplante Wohnsitzauflage, der aktuelle Stand der "
            "psychosozialen Beratung in Sachsen sowie die Optimierung der Hilfsangebote für das Ehrenamt "
            "waren die Hauptthemen, mit denen sich die 80 Akteure der sächsischen Integrationslandschaft im "
            "Landtag befassten. Zum Schluss gab es Raum für den Austausch: In der offenen Runde wurden die "
            "Anregungen, Fragen und Anmerkungen der Teilnehmer diskutiert."
        ),
        "programme": [
            _item(
                K.WELCOME,
                "Begrüßung und Eröffnung",
                "Geert Mackenroth, Sächsischer Ausländerbeauftragter",
            ),
            _item(
                K.INPUT,
                "Entwicklung und Herausforderungen im Bereich Menschen mit Migrationshintergrund, "
                "Möglichkeiten der Bundesagentur für Arbeit",
                "Reinhilde Willems, Geschäftsführerin Operativ, Bundesagentur für Arbeit, "
                "Regionaldirektion Sachsen",
            ),
            _item(
                K.INPUT,
                "Psychosoziale Betreuung von Flüchtlingen in Sachsen, aktueller Stand und Angebote der "
                "Beratungsstellen",
                "Corinna Klinger, Projektleitung PSZ Leipzig",
                "Tilo Erning, Geschäftsführer, das BOOT gGmbH",
            ),
            _item(
                K.INPUT,
                "Aktuelles vom Geschäftsbereich Gleichstellung und Integration",
                "Petra Köpping, Staatsministerin für Gleichstellung und Integration",
            ),
            _item(
                K.INPUT,
                "Angebot und Nachfrage im ehrenamtlichen Engagement optimal zusammenbringen",
                "Dr. Johannes Bittner, Projektleitung ichhelfe.jetzt",
                "Mandy Pearson, Projektleitung ichhelfe.jetzt",
            ),
            _item(K.REGIONAL_REPORTS, "Berichte aus den Regionen"),
            _item(K.OPEN_ROUND, "Offene Runde der Akteure"),
            _item(K.CLOSING, "Schlusswort", "Geert Mackenroth, Sächsischer Ausländerbeauftragter"),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2011, 3, 14),
        "title": "Treffen der kommunalen Beauftragten im März 2011",
        "motto": "Heim-TÜV und Anerkennung ausländischer Berufsabschlüsse",
        "venue": LANDTAG,
        "attendance": 12,
        "review": (
            "Die zwölf Beauftragten trafen sich mit dem Sächsischen Ausländerbeauftragten Prof. Dr. Martin "
            "Gillo. Besprochen wurden der Heim-TÜV und der Runde Tisch „Anerkennung ausländischer "
            "Berufsabschlüsse“; aktuelle Aufgabe vieler Beauftragter ist die Erstellung eines "
            "Integrationskonzeptes."
        ),
        "programme": [
            _item(
                K.REGIONAL_REPORTS, "Austausch über Vorhaben und die Situation in den Landkreisen und Städten"
            ),
            _item(K.INPUT, "Integration durch Sport", "Frau Spindler, Landessportbund Sachsen"),
            _item(
                K.INPUT,
                "Das sächsische Netzwerk „Resque Plus“",
                "Frau Badakhshi, Referat Migration und Integration der Stadt Leipzig",
                "Herr Wendel, Sächsischer Flüchtlingsrat",
                "Herr Schlüter, INT-Gesellschaft zur Förderung der beruflichen und sozialen Integration mbH",
            ),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2011, 11, 30),
        "title": "KAIB-Treffen November 2011",
        "motto": "Potential bei Stadt und Land",
        "venue": ("", ""),
        "review": (
            "Im Zentrum stand das Thema „Integrationspotenziale in kleinen Städten und Landkreisen“. Zwei "
            "Handlungsfelder wurden besonders herausgehoben: die interkulturelle Öffnung von Verwaltung und "
            "Wirtschaft und die strategische Ausrichtung der Arbeit der Kommunalen Beauftragten. Zurzeit "
            "arbeiten sieben der 19 Kommunalen Ausländer- und Integrationsbeauftragten ehrenamtlich."
        ),
        "programme": [
            _item(
                K.WORKSHOP,
                "Workshop: Integrationspotenziale in kleinen Städten und Landkreisen",
                "Susen Fischer, Leibniz-Institut für Regionalentwicklung und Strukturplanung (IRS)",
            ),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2012, 4, 25),
        "title": "KAIB-Treffen April 2012",
        "motto": "Sozialministerium stellt Zuwanderungs- und Integrationskonzept zur Diskussion",
        "venue": LANDTAG,
        "review": (
            "Im Mittelpunkt stand das Sächsische Zuwanderungs- und Integrationskonzept (ZIK). Die "
            "Beauftragten nutzten die Gelegenheit für einen intensiven Austausch; das SMS kündigte an, das "
            "Konzept in den Landkreisen und Kreisfreien Städten vorzustellen und zu diskutieren."
        ),
        "programme": [
            _item(
                K.INPUT,
                "Das Sächsische Zuwanderungs- und Integrationskonzept (ZIK)",
                "Regina Kraushaar, Abteilungsleiterin, SMS",
                "Karl Bey, Referatsleiter, SMS",
            ),
            _item(K.DISCUSSION, "Austausch zum Konzept"),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2013, 3, 11),
        "title": "KAIB-Vernetzungstreffen März 2013",
        "motto": "Vorstellung von Integrationskonzepten und Willkommensinitiativen",
        "venue": LANDTAG,
        "review": (
            "Die Kommunen berichteten von ihren Plänen für 2013, von der Umsetzung der Integrationskonzepte "
            "bis zur Einrichtung von Welcome-Centern. Der „Heim-TÜV“ wird fortgesetzt und erweitert."
        ),
        "programme": [
            _item(K.REGIONAL_REPORTS, "Pläne der Kommunen für 2013"),
            _item(
                K.INPUT,
                "Referat 24 Ausländerangelegenheiten und Staatsangehörigkeit; das Projekt Akzess",
                "Reinhard Boos, Referatsleiter, Sächsisches Staatsministerium des Innern",
            ),
            _item(
                K.CLOSING,
                "Ziele des Sächsischen Ausländerbeauftragten für 2013",
                "Prof. Dr. Martin Gillo, Sächsischer Ausländerbeauftragter",
            ),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2013, 7, 1),
        "title": "KAIB-Treffen Juli 2013",
        "motto": "Schwerpunktthema schulische Integration und Bildung",
        "venue": ("", ""),
        "review": (
            "Hauptthema war die Bildungssituation von Migrantinnen und Migranten in Sachsen. Als gute "
            "Beispiele der Zusammenarbeit mit Bildungsakteuren wurden der Vogtlandkreis und die Stadt "
            "Leipzig genannt. Zwei neue Beauftragte wurden begrüßt."
        ),
        "programme": [
            _item(
                K.INPUT,
                "Eckpunkte des Konzeptes zur schulischen Integration",
                "Gabriele Weber, Sächsisches Staatsministerium für Kultus",
            ),
            _item(K.DISCUSSION, "Zusammenarbeit mit den Bildungsakteuren vor Ort"),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2013, 10, 14),
        "title": "KAIB-Herbsttreffen 2013",
        "motto": "Sozialarbeit und Kommunikation bei der Unterbringung angesichts steigender Zahlen",
        "venue": ("", ""),
        "review": (
            "Zentrales Thema war der Kommunikationsprozess, mit dem die Aufnahme von Flüchtlingen in die "
            "Kommunen begleitet werden muss."
        ),
        "programme": [
            _item(
                K.INPUT,
                "„Kommune im Dialog“: Neuerrichtung eines Asylbewerberheims im Raum Riesa",
                "Frank Richter, Direktor der Sächsischen Landeszentrale für politische Bildung",
            ),
            _item(
                K.INPUT,
                "Konzept zur Sozialen Arbeit mit Flüchtlingen",
                "Albrecht Engelmann, Unterausschuss Migration der LIGA der Freien Wohlfahrtspflege",
            ),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2015, 3, 25),
        "title": "KAIB-Treffen März 2015",
        "motto": "Vernetzung in den Regionen und Übergang in Jobcenter",
        "venue": ("", ""),
        "review": (
            "Vernetzung muss zwischen Migranten untereinander, behördenintern, fachlich und räumlich sowie "
            "projekt- und anlassbezogen erfolgen und koordiniert werden. Die KAIB empfehlen, die Formulare "
            "der Ausländerbehörden bundesweit übersetzen zu lassen; ein Infoblatt für den Übergang in das "
            "Jobcentersystem soll auch für Paten erstellt werden."
        ),
        "programme": [
            _item(K.REGIONAL_REPORTS, "Berichte aus den Regionen"),
            _item(
                K.INPUT,
                "Zusammenarbeit im Landkreis Leipzig",
                "Dr. Thomas Voigt, Landratsamt Landkreis Leipzig",
            ),
            _item(K.DISCUSSION, "Austausch zu den regionalen Vernetzungsstrukturen"),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2015, 6, 29),
        "title": "KAIB-Treffen Juni 2015",
        "motto": "QMS-Unterbringung und Flüchtlings-APP",
        "venue": ("", ""),
        "attendance": 17,
        "review": (
            "Die siebzehn Beauftragten stellten die Situation in ihrem Verantwortungsbereich vor. Der "
            "erweiterte Heim-TÜV soll zu einem Qualitätsmanagementsystem ausgebaut werden."
        ),
        "programme": [
            _item(
                K.INPUT,
                "Ergebnisse des Lenkungsausschusses und des Migrationsgipfels",
                "Geert Mackenroth, Sächsischer Ausländerbeauftragter",
            ),
            _item(K.REGIONAL_REPORTS, "Situation in den Verantwortungsbereichen"),
            _item(
                K.INPUT,
                "Ziele des erweiterten Heim-TÜV",
                "Geschäftsstelle des Sächsischen Ausländerbeauftragten",
            ),
            _item(
                K.INPUT,
                "Mobile App für Flüchtlinge: Plattform für Hilfsangebote und -bedarfe",
                "Viola Klein, Geschäftsführerin Saxonia Systems AG",
            ),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2015, 11, 2),
        "title": "KAIB-Treffen November 2015",
        "motto": "Spracherwerb und Flüchtlingskoordination",
        "venue": ("", ""),
        "review": (
            "Im Fokus des dritten KAIB-Treffens 2015 standen Spracherwerb und Flüchtlingskoordination, "
            "dazu die zahlreichen gesetzlichen Neuregelungen im Bereich Integration und Asyl."
        ),
        "programme": [
            _item(
                K.INPUT,
                "Zielsetzungen und Ideen zur Förderung des Spracherwerbs von Flüchtlingen",
                "Sebastian Vogel, Leiter des Geschäftsbereichs Gleichstellung und Integration, SMS",
            ),
            _item(
                K.INPUT,
                "Flüchtlingskoordination in der Praxis",
                "Noemi Driemel, Flüchtlingskoordination der Stadt Radebeul",
                "Nagy Hussein, Flüchtlingskoordination der Stadt Radebeul",
            ),
            _item(K.DISCUSSION, "Aktuelle gesetzliche Neuregelungen"),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2016, 5, 23),
        "title": "KAIB-Frühjahrstagung 2016",
        "motto": "Neue Verfahren bei BAMF und Jobcenter",
        "venue": ("", ""),
        "review": (
            "Die Beauftragten wurden über die neuen Verfahren beim BAMF am Modellprojekt Dresden "
            "informiert. In der offenen Diskussion dominierten Zu- und Fortzug von Flüchtlingen, "
            "Bindungsstrategien und das Ehrenamt."
        ),
        "programme": [
            _item(
                K.INPUT, "Neue Verfahren beim Bundesamt für Migration und Flüchtlinge (Modellprojekt Dresden)"
            ),
            _item(K.INPUT, "Übergang ins Jobcentersystem: Übergangs- und Umzugsszenarien"),
            _item(K.OPEN_ROUND, "Offene Diskussion"),
            _item(
                K.INPUT,
                "Rechtliche Änderungen und Ausblick",
                "Geschäftsstelle des Sächsischen Ausländerbeauftragten",
            ),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2016, 11, 28),
        "title": "KAIB-Treffen November 2016",
        "motto": "FIM, Islam und Heim-TÜV",
        "venue": ("", ""),
        "review": (
            "Schwerpunkte waren Flüchtlingsintegrationsmaßnahmen (FIM), die Weiterentwicklung des "
            "„Heim-TÜV“ und die Situation von Muslimen in Sachsen."
        ),
        "programme": [
            _item(K.INPUT, "Flüchtlingsintegrationsmaßnahmen (FIM)"),
            _item(K.INPUT, "Weiterentwicklung und Stand des Heim-TÜV"),
            _item(K.INPUT, "Situation von Muslimen in Sachsen; Abgrenzung von Islam und Islamismus"),
            _item(K.REGIONAL_REPORTS, "Gegenseitige Information zur Arbeit in den Landkreisen und Städten"),
        ],
    },
    {
        "series": "kaib",
        "date": datetime.date(2017, 5, 29),
        "title": "KAIB-Treffen Mai 2017",
        "motto": "Bitte Termin vormerken – eine Einladung ergeht rechtzeitig.",
        "venue": ("", ""),
        "status": Meeting.Status.SAVE_THE_DATE,
        "review": "",
        "programme": [],
    },
    {
        "series": "ak-iba-mittelsachsen",
        "date": datetime.date(2017, 6, 13),
        "title": "Regionalworkshop „Integration von Zugewanderten in Mittelsachsen“",
        "motto": "„Integration als Gemeinschaftsprojekt“ – Schnittstellenpapier schafft Übersicht",
        "venue": ("", "Landkreis Mittelsachsen"),
        "review": (
            "Das gedruckte Schnittstellenpapier wurde am 13. Juni vom IQ Netzwerk allen Beteiligten "
            "vorgestellt. Die Akteure besprachen ihre Absicht, sich zu einem Arbeitskreis „Integration "
            "durch Bildung und Arbeit“ zusammenzufinden."
        ),
        "programme": [
            _item(
                K.INPUT,
                "Vorstellung des Schnittstellenpapiers Integrationswegweiser Mittelsachsen",
                "Ramona Noetzel, Stabsbereichsleiterin Koordination, Unterbringung und Integration",
                "Jennifer Diehl, Bildungskoordinatorin",
                "Anja Stephan, IQ Netzwerk Sachsen",
            ),
            _item(K.DISCUSSION, "Weitere Zusammenarbeit im Arbeitskreis"),
        ],
    },
]

FICTITIOUS_TITLE = "NIMS-Netzwerktreffen (fiktives Demo-Treffen)"


@dataclass
class MeetingsDemoResult:
    series: int = 0
    meetings: int = 0
    programme_items: int = 0
    working_groups: int = 0

    def summary(self) -> str:
        return (
            f"meetings: {self.series} series, {self.meetings} meetings, "
            f"{self.programme_items} programme items, {self.working_groups} working group(s) created"
        )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _working_group(result: MeetingsDemoResult) -> WorkingGroup:
    group = WorkingGroup.objects.filter(slug=WORKING_GROUP["slug"]).first()
    if group is not None:
        return group
    result.working_groups += 1
    return services.working_group_create(
        actor=None,
        slug=WORKING_GROUP["slug"],
        name=WORKING_GROUP["name"],
        region=Region.objects.get(key=WORKING_GROUP["region"]),
        lead_name=WORKING_GROUP["lead_name"],
        description=WORKING_GROUP["description"],
        organisations=list(Organisation.objects.filter(slug__in=WORKING_GROUP["organisations"])),
    )


def _series(spec: dict[str, Any], group: WorkingGroup, result: MeetingsDemoResult) -> MeetingSeries:
    series = MeetingSeries.objects.filter(slug=spec["slug"]).first()
    if series is not None:
        return series
    result.series += 1
    return services.series_create(
        actor=None,
        slug=spec["slug"],
        name=spec["name"],
        kind=spec["kind"],
        region=Region.objects.get(key=spec["region"]),
        organiser_name=spec["organiser_name"],
        description=spec["description"],
        invite_network=Network.objects.filter(short_name=spec.get("network", "")).first(),
        invite_commissioners=spec.get("commissioners", False),
        working_group=group if spec.get("working_group") else None,
    )


def _meeting(series: MeetingSeries, spec: dict[str, Any], result: MeetingsDemoResult) -> None:
    day: datetime.date = spec["date"]
    if Meeting.objects.filter(series=series, starts_at__date=day).exists():
        return
    start, end = spec.get("hours", (10, 16))
    venue_name, venue_address = spec["venue"]
    description = "" if spec.get("time_known") else ASSUMED_TIME
    meeting = services.meeting_create(
        series=series,
        actor=None,
        title=spec["title"],
        motto=spec["motto"],
        description=description,
        starts_at=_at(day, start),
        ends_at=_at(day, end),
        venue_name=venue_name,
        venue_address=venue_address,
        status=spec.get("status", Meeting.Status.DOCUMENTED),
        review=spec["review"],
        reported_attendance=spec.get("attendance"),
        capacity=None,
    )
    result.meetings += 1
    for kind, title, speakers in spec["programme"]:
        contacts, lines = _speakers(speakers)
        services.programme_item_add(
            meeting=meeting,
            actor=None,
            kind=kind,
            title=title,
            speakers="\n".join(lines),
            speaker_contacts=contacts,
        )
        result.programme_items += 1


def _speakers(text: str) -> tuple[list[ContactPerson], list[str]]:
    """The directory's contact persons for the lines it knows, and the other lines as they are."""
    contacts: list[ContactPerson] = []
    lines: list[str] = []
    for line in text.splitlines():
        organisation_slug, name = DIRECTORY_SPEAKERS.get(line, ("", ""))
        contact = (
            ContactPerson.objects.filter(organisation__slug=organisation_slug, name=name).first()
            if name
            else None
        )
        if contact is None:
            lines.append(line)
        else:
            contacts.append(contact)
    return contacts, lines


def _fictitious_meeting(series: MeetingSeries, result: MeetingsDemoResult) -> None:
    """An upcoming meeting to try invitations and registration on; created once, then left alone."""
    if Meeting.objects.filter(series=series, title=FICTITIOUS_TITLE).exists():
        return
    day = timezone.localdate() + datetime.timedelta(days=60)
    meeting = services.meeting_create(
        series=series,
        actor=None,
        title=FICTITIOUS_TITLE,
        motto="Demo: Einladung, Anmeldung und Warteliste ausprobieren",
        description="Dieses Treffen ist erfunden und dient nur der Vorführung.",
        starts_at=_at(day, 10),
        ends_at=_at(day, 16),
        venue_name=LANDTAG[0],
        venue_address=LANDTAG[1],
        accessibility_notes="Stufenloser Zugang über den Haupteingang; Induktionsschleife im Plenarsaal (Demo).",
        format=Meeting.Format.HYBRID,
        online_url="https://meet.example.org/nims-demo",
        capacity=80,
        status=Meeting.Status.REGISTRATION_OPEN,
        is_fictitious=True,
    )
    result.meetings += 1
    for kind, title in (
        (K.WELCOME, "Begrüßung"),
        (K.WORKSHOP, "Parallele Workshops"),
        (K.REGIONAL_REPORTS, "Berichte aus den Regionen"),
        (K.OPEN_ROUND, "Offene Runde der Akteure"),
        (K.CLOSING, "Schlusswort"),
    ):
        services.programme_item_add(meeting=meeting, actor=None, kind=kind, title=title)
        result.programme_items += 1
    services.workshop_add(meeting=meeting, actor=None, title="Sprachförderung", capacity=30)
    services.workshop_add(meeting=meeting, actor=None, title="Ehrenamt koordinieren", capacity=30)


@transaction.atomic
def meetings_demo_load() -> MeetingsDemoResult:
    result = MeetingsDemoResult()
    group = _working_group(result)
    series = {spec["slug"]: _series(spec, group, result) for spec in SERIES}
    for spec in MEETINGS:
        _meeting(series[spec["series"]], spec, result)
    _fictitious_meeting(series["nims"], result)
    return result


def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    return meetings_demo_load().summary()
