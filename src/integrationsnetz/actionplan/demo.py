"""Demo data of the actionplan app from the source documents; running it again changes nothing.

- The "Kursbuch Integration und Migration Sachsen" (seed 002, press release 7/2014): title, motto,
  date and place of its presentation, the owner network NIMS and its five fields of action with their
  goals word for word. The press release does not list the solution approaches and implementation
  steps themselves: those here are FICTITIOUS illustrations (each measure says so), built around
  events the seeds report (dated progress notes quote them), with invented due dates and statuses.
- Steps are linked to the meetings of the meetings app's demo held on the days their notes report on.
- The library: the approaches seeds 000, 001 and 003 name (Akzess, Heim-TÜV, Arbeitsmarktmentoren,
  Kommune im Dialog, ichhelfe.jetzt, Welcome-App-Germany, RESQUE Plus) with the facts they give, and
  the adoptions they report (Arbeitsmarktmentoren in Nordsachsen, RESQUE statewide).

Only missing rows are created; what the office edited since is kept.
"""

from __future__ import annotations

import datetime
from typing import Any

from integrationsnetz.actionplan import services
from integrationsnetz.actionplan.models import (
    ActionPlan,
    Approach,
    ImplementationStep,
    Measure,
    PlanField,
    ProgressNote,
    StepStatus,
)
from integrationsnetz.core.models import FieldOfAction, Region, TargetGroup
from integrationsnetz.directory.models import ContactPerson, Network, Organisation

D = datetime.date
SAB = "geschaeftsstelle-saechsischer-auslaenderbeauftragter"
FICTITIOUS = (
    "Demo: Lösungsansatz und Umsetzungsschritte sind fiktiv ausformuliert (die Pressemitteilung nennt "
    "nur die Handlungsfelder); datierte Fortschrittsnotizen geben Ereignisse aus den Quelltexten wieder."
)

PLAN: dict[str, Any] = {
    "slug": "kursbuch-2014",
    "title": "Kursbuch Integration und Migration Sachsen",
    "subtitle": "Initiativen zur Einigkeit in Vielfalt",
    "summary": (
        "Das Kursbuch ist das Ergebnis einer sechsmonatigen gemeinsamen Arbeit des Netzwerkes Integration "
        "und Migration Sachsen (NIMS). Es dient als Grundlage für die weitere Netzwerkarbeit und ist ein "
        "fachliches Angebot für Entscheidungsträger und Engagierte im Integrationsbereich. Vorgestellt am "
        "27. Juni 2014 bei einem Treffen im Deutschen Hygiene-Museum Dresden (Pressemitteilung 7/2014). "
        "Dem NIMS gehören etwa 200 Organisationen und etwa 40 Einzelpersonen aus ganz Sachsen an.\n\n"
        "Demo-Hinweis: Handlungsfelder und Ziele stammen aus der Pressemitteilung; Lösungsansätze, "
        "Umsetzungsschritte, Termine und Stände sind für die Demo erfunden (fiktiv)."
    ),
    "period_start": D(2014, 6, 27),
    "status": ActionPlan.Status.ACTIVE,
    "permanence_proposals": (
        "Das Kursbuch enthält Vorschläge für eine Verstetigung der Netzwerkarbeit (ihr Wortlaut ist in der "
        "Pressemitteilung nicht wiedergegeben). Das NIMS hat sich 2010 auf Initiative des Sächsischen "
        "Ausländerbeauftragten gegründet, trifft sich mindestens halbjährlich und ist offen für weitere "
        "Mitstreiter, die sich in den Bereichen Migration und Integration engagieren."
    ),
}

# (title, goal, field-of-action slug, [measure: (title, [steps])]); a step: dict.
FIELDS: list[tuple[str, str, str, list[tuple[str, list[dict[str, Any]]]]]] = [
    (
        "Deutsch für alle",
        "Spracherwerb optimieren und für alle Zielgruppen ermöglichen",
        "sprache",
        [
            (
                "Sprachförderung für alle Zielgruppen abstimmen",
                [
                    {
                        "title": "Ziele zur Förderung des Spracherwerbs von Flüchtlingen mit den Beauftragten abstimmen",
                        "responsible": ["sms-gleichstellung-integration"],
                        "partners": [SAB],
                        "due": D(2015, 11, 30),
                        "status": StepStatus.DONE,
                        "notes": [
                            (
                                D(2015, 11, 2),
                                "KAIB-Treffen am 2. November 2015: Sebastian Vogel (SMS) stellte die aktuellen "
                                "Zielsetzungen und Ideen zur Förderung des Spracherwerbs von Flüchtlingen vor.",
                            )
                        ],
                    },
                    {
                        "title": "Praxisberichte der landeseigenen Sprachprogramme im Netzwerk auswerten",
                        "responsible": [SAB],
                        "due": D(2017, 6, 30),
                        "status": StepStatus.DONE,
                        "notes": [
                            (
                                D(2017, 4, 26),
                                "NIMS-Treffen am 26. April 2017: Praxisberichte der landeseigenen "
                                "Sprachprogramme waren ein vorrangiges Thema des Austauschs.",
                            )
                        ],
                        "indicator": "nims-teilnehmende",
                    },
                    {
                        "title": "Sprachkursangebote je Landkreis im Verzeichnis sichtbar machen",
                        "responsible": ["landratsamt-mittelsachsen"],
                        "due": D(2018, 12, 31),
                        "status": StepStatus.IN_PROGRESS,
                    },
                ],
            )
        ],
    ),
    (
        "Integration durch Bildung",
        "Bildungsorganisationen interkulturell öffnen",
        "bildung",
        [
            (
                "Zusammenarbeit der Beauftragten mit den Bildungsakteuren vor Ort",
                [
                    {
                        "title": "Gute Beispiele der Zusammenarbeit (Vogtlandkreis, Stadt Leipzig) weitergeben",
                        "responsible": [
                            "landratsamt-vogtlandkreis",
                            "stadt-leipzig-referat-migration-integration",
                        ],
                        "partners": ["smk-schulische-integration"],
                        "due": D(2016, 12, 31),
                        "status": StepStatus.IN_PROGRESS,
                    },
                    {
                        "title": "Fortbildungsreihe zur interkulturellen Öffnung von Bildungseinrichtungen",
                        "responsible": [],
                        "due": None,
                        "status": StepStatus.PLANNED,
                    },
                ],
            )
        ],
    ),
    (
        "Vielfalt als Stärke",
        "Integration von Arbeitnehmern mit Migrationshintergrund in kleine und mittlere Unternehmen verbessern",
        "arbeit-ausbildung",
        [
            (
                "Geflüchtete und kleine und mittlere Unternehmen zusammenbringen",
                [
                    {
                        "title": "Modell „Arbeitsmarktmentoren“ im Netzwerk vorstellen",
                        "responsible": ["smwa"],
                        "partners": ["iq-netzwerk-sachsen"],
                        "due": D(2017, 4, 30),
                        "status": StepStatus.DONE,
                        "notes": [
                            (
                                D(2017, 4, 26),
                                "NIMS-Treffen am 26. April 2017: Marcel Stumpf (SMWA) präsentierte das Modell "
                                "„Arbeitsmarktmentoren“; Kay Tröger (IQ Netzwerk Sachsen) stellte die praktische "
                                "Umsetzung und ihre Schwierigkeiten vor.",
                            )
                        ],
                    },
                    {
                        "title": "Arbeitsmarktmentoren in den Landkreisen einsetzen",
                        "responsible": ["ama-nordsachsen"],
                        "due": D(2022, 12, 31),
                        "status": StepStatus.IN_PROGRESS,
                        "notes": [
                            (
                                D(2022, 6, 2),
                                "Im Landkreis Nordsachsen sind Arbeitsmarktmentoren für Oschatz/Torgau und "
                                "Delitzsch/Eilenburg erreichbar (Newsletter 2/22; Datum der Notiz fiktiv).",
                            )
                        ],
                        "indicator": "auslaender-nordsachsen",
                    },
                    {
                        "title": "Betriebsbesuche bei kleinen und mittleren Unternehmen organisieren",
                        "responsible": ["ihk-leipzig", "hwk-leipzig"],
                        "due": D(2016, 6, 30),
                        "status": StepStatus.DROPPED,
                    },
                ],
            )
        ],
    ),
    (
        "Zusammenleben und Inklusion",
        "Qualifizierte Flüchtlingssozialarbeit ermöglichen",
        "zusammenleben-teilhabe",
        [
            (
                "Qualitätsrahmen für die Soziale Arbeit mit Flüchtlingen",
                [
                    {
                        "title": "Konzept der LIGA zur Sozialen Arbeit mit Flüchtlingen in den Landkreisen umsetzen",
                        "responsible": ["liga-freie-wohlfahrtspflege-sachsen"],
                        "due": D(2015, 12, 31),
                        "status": StepStatus.IN_PROGRESS,
                    },
                    {
                        "title": "Heim-TÜV zu einem Qualitätsmanagementsystem der Unterbringung ausbauen",
                        "responsible": [SAB],
                        "due": D(2016, 12, 31),
                        "status": StepStatus.DONE,
                        "notes": [
                            (
                                D(2015, 6, 29),
                                "KAIB-Treffen am 29. Juni 2015: Die Geschäftsstelle stellte die Ziele des "
                                "erweiterten Heim-TÜV vor; er soll zu einem Qualitätsmanagementsystem "
                                "ausgebaut werden.",
                            ),
                            (
                                D(2016, 11, 28),
                                "KAIB-Treffen am 28. November 2016: Weiterentwicklung des Heim-TÜV und dessen "
                                "aktueller Stand.",
                            ),
                        ],
                    },
                ],
            )
        ],
    ),
    (
        "Aufbau einer psychosozialen Versorgungsstruktur für traumatisierte Flüchtlinge in Sachsen",
        "",
        "gesundheit-psychosoziale-versorgung",
        [
            (
                "Landesweite Koordination der psychosozialen Versorgung",
                [
                    {
                        "title": "Landeskoordination der psychosozialen Beratungsstellen einrichten",
                        "responsible": ["psz-leipzig", "das-boot-ggmbh"],
                        "due": D(2017, 12, 31),
                        "status": StepStatus.DONE,
                        "notes": [
                            (
                                D(2017, 11, 1),
                                "NIMS-Treffen am 1. November 2017: Corinna Klinger (PSZ Leipzig) und Tilo "
                                "Erning (das BOOT gGmbH) stellten als Landeskoordinatoren den aktuellen Stand "
                                "und die Angebote der Beratungsstellen vor.",
                            )
                        ],
                    },
                    {
                        "title": "Beratung für traumatisierte Geflüchtete in allen Landkreisen erreichbar machen",
                        "responsible": ["psz-leipzig"],
                        "due": D(2019, 12, 31),
                        "status": StepStatus.PLANNED,
                    },
                ],
            )
        ],
    ),
]

APPROACHES: list[dict[str, Any]] = [
    {
        "slug": "akzess",
        "title": "Akzess",
        "problem": "Zugewanderte warten lange auf die Erteilung ihrer Aufenthaltserlaubnis.",
        "what_was_done": (
            "Projekt Akzess, vorgestellt von Reinhard Boos, Leiter des Referats 24 "
            "(Ausländerangelegenheiten und Staatsangehörigkeit) im Sächsischen Innenministerium. Die "
            "Zielgruppe von Akzess soll um Studierende erweitert werden."
        ),
        "results": (
            "In rund 90 Prozent der Fälle wird eine Aufenthaltserlaubnis innerhalb von vier Wochen erteilt. "
            "Ein flächendeckendes Angebot wäre möglich, in den Landkreisen fehlen jedoch die notwendigen "
            "Fallzahlen."
        ),
        "key_figure": "rund 90 % der Aufenthaltserlaubnisse innerhalb von vier Wochen",
        "source": "KAIB-Treffen am 11. März 2013 im Sächsischen Landtag",
        "region": "14",
        "fields": ["asyl-aufenthaltsrecht", "arbeit-ausbildung"],
        "groups": ["fachkraefte", "drittstaatsangehoerige", "studierende"],
        "organisation": "smi-auslaenderangelegenheiten",
        "person": "Reinhard Boos",
    },
    {
        "slug": "heim-tuev",
        "title": "Heim-TÜV",
        "problem": "Für die Qualität der Unterbringung von Geflüchteten fehlte ein gemeinsamer Maßstab.",
        "what_was_done": (
            "Der Sächsische Ausländerbeauftragte prüft mit dem „Heim-TÜV“ die Gemeinschaftsunterkünfte für "
            "Geflüchtete. Thema der KAIB-Treffen seit März 2011; 2013 fortgesetzt und erweitert; seit 2015 "
            "Ausbau zu einem Qualitätsmanagementsystem der Unterbringung."
        ),
        "results": "Weiterentwicklung und aktueller Stand beim KAIB-Treffen am 28. November 2016 vorgestellt.",
        "source": "KAIB-Treffen 2011, 2013, 29. Juni 2015 und 28. November 2016",
        "region": "14",
        "fields": ["wohnen", "zusammenleben-teilhabe"],
        "groups": ["asylsuchende", "geduldete"],
        "organisation": SAB,
    },
    {
        "slug": "arbeitsmarktmentoren",
        "title": "Arbeitsmarktmentoren",
        "problem": (
            "Geflüchtete stoßen auf dem Arbeitsmarkt auf unvollständige Bewerbungsunterlagen, "
            "Sprachbarrieren und eine ungewisse Aufenthaltsdauer."
        ),
        "what_was_done": (
            "Modell „Arbeitsmarktmentoren“ als Maßnahme der Staatsregierung, präsentiert von Marcel Stumpf "
            "(SMWA); die praktische Umsetzung stellte Kay Tröger, Koordinator des IQ Netzwerks Sachsen, vor."
        ),
        "source": "NIMS-Treffen am 26. April 2017",
        "region": "14",
        "fields": ["arbeit-ausbildung"],
        "groups": ["anerkannte-gefluechtete", "asylsuchende", "geduldete"],
        "organisation": "smwa",
        "person": "Marcel Stumpf",
        "adoptions": [
            {
                "region": "14730",
                "organisation": "ama-nordsachsen",
                "experience": (
                    "Im Landkreis Nordsachsen sind Arbeitsmarktmentoren für Oschatz/Torgau und "
                    "Delitzsch/Eilenburg tätig (Kontakte im Newsletter 2/22 des Amtes für Migration und "
                    "Ausländerrecht)."
                ),
            }
        ],
    },
    {
        "slug": "kommune-im-dialog",
        "title": "Kommune im Dialog",
        "problem": (
            "Die Aufnahme von Flüchtlingen in die Kommunen muss kommunikativ begleitet werden, besonders bei "
            "steigenden Zahlen und der Neuerrichtung von Unterkünften."
        ),
        "what_was_done": (
            "Projekt der Sächsischen Landeszentrale für politische Bildung: Begleitung des "
            "Kommunikationsprozesses vor Ort. Direktor Frank Richter berichtete über den laufenden Prozess bei "
            "der Neuerrichtung eines Asylbewerberheims im Raum Riesa."
        ),
        "source": "KAIB-Treffen am 14. Oktober 2013",
        "region": "14627230",
        "fields": ["zusammenleben-teilhabe", "wohnen"],
        "groups": ["asylsuchende"],
        "organisation": "landeszentrale-politische-bildung",
        "person": "Frank Richter",
    },
    {
        "slug": "ichhelfe-jetzt",
        "title": "ichhelfe.jetzt",
        "problem": "Angebot und Nachfrage im ehrenamtlichen Engagement finden nicht von selbst zueinander.",
        "what_was_done": (
            "Das Dresdner Flüchtlingsprojekt bringt Angebot und Nachfrage im ehrenamtlichen Engagement gezielt "
            "zusammen; vorgestellt von der Projektleitung, Dr. Johannes Bittner und Mandy Pearson."
        ),
        "results": (
            "ichhelfe.jetzt setzte sich gegen mehr als 1.000 Bewerber durch, stand im Finale der European "
            "Social Innovation Competition und gehörte zu den zehn Finalisten."
        ),
        "key_figure": "einer von 10 Finalisten unter mehr als 1.000 Bewerbern",
        "source": "NIMS-Treffen am 1. November 2017",
        "region": "14612",
        "fields": ["ehrenamt"],
        "groups": ["asylsuchende", "anerkannte-gefluechtete"],
        "organisation": "ichhelfe-jetzt",
    },
    {
        "slug": "welcome-app-germany",
        "title": "Welcome-App-Germany",
        "problem": "Die Integration von Geflüchteten braucht auch digitale Unterstützung.",
        "what_was_done": (
            "„Flüchtlingshilfe 4.0“: Frau Reuter-Heinrich von der IT-hilft gGmbH hat die "
            "„Welcome-App-Germany“ mit ins Leben gerufen und entwickelt sie fortlaufend weiter."
        ),
        "source": "NIMS-Treffen am 26. April 2017",
        "region": "14",
        "fields": ["zusammenleben-teilhabe"],
        "groups": ["asylsuchende", "anerkannte-gefluechtete"],
        "organisation": "it-hilft-ggmbh",
    },
    {
        "slug": "resque-plus",
        "title": "RESQUE Plus",
        "problem": (
            "Flüchtlinge und Bleibeberechtigte brauchen Unterstützung bei der Qualifizierung und der "
            "Integration in den Arbeitsmarkt."
        ),
        "what_was_done": (
            "Das Leipziger Netzwerk „Resque“ arbeitet als Folgeprojekt „Resque Plus“ im Programm "
            "„Arbeitsmarktliche Unterstützung für Bleibeberechtigte und Flüchtlinge II“, gefördert durch das "
            "Bundesministerium für Arbeit und Soziales, den Europäischen Sozialfonds und die Europäische Union."
        ),
        "results": (
            "Neue operative Partner: Sächsischer Flüchtlingsrat e. V. und INT mbH; neue strategische Partner: "
            "Agentur für Arbeit Leipzig, Jobcenter Leipzig, HWK und IHK zu Leipzig."
        ),
        "source": "KAIB-Treffen am 14. März 2011; Meldung „Netzwerk RESQUE bietet als RESQUE Plus wieder Hilfe“",
        "region": "14713",
        "fields": ["arbeit-ausbildung"],
        "groups": ["geduldete", "anerkannte-gefluechtete"],
        "organisation": "stadt-leipzig-referat-migration-integration",
        "adoptions": [
            {
                "region": "14",
                "organisation": None,
                "started_on": D(2010, 12, 1),
                "experience": (
                    "Seit dem 1. Dezember 2010 arbeitet das Netzwerk sachsenweit; neue Netzwerkpartner aus allen "
                    "sächsischen Regionen sind willkommen."
                ),
            }
        ],
    },
]


def _organisations(slugs: list[str]) -> list[Organisation]:
    found = {organisation.slug: organisation for organisation in Organisation.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _plan_load() -> tuple[ActionPlan, int]:
    from django.apps import apps

    created = 0
    plan = ActionPlan.objects.filter(slug=PLAN["slug"]).first()
    if plan is None:
        plan = services.plan_save(
            actor=None, network=Network.objects.filter(short_name="NIMS").first(), **PLAN
        )
    fields_of_action = {item.slug: item for item in FieldOfAction.objects.all()}
    for position, (title, goal, slug, measures) in enumerate(FIELDS, start=1):
        plan_field = PlanField.objects.filter(plan=plan, title=title).first() or services.plan_field_save(
            actor=None,
            plan=plan,
            position=position,
            title=title,
            goal=goal,
            field_of_action=fields_of_action.get(slug),
        )
        for measure_position, (measure_title, steps) in enumerate(measures, start=1):
            measure = Measure.objects.filter(
                plan_field=plan_field, title=measure_title
            ).first() or services.measure_save(
                actor=None,
                plan_field=plan_field,
                position=measure_position,
                title=measure_title,
                description=FICTITIOUS,
            )
            for step_position, spec in enumerate(steps, start=1):
                if ImplementationStep.objects.filter(measure=measure, title=spec["title"]).exists():
                    continue
                step = services.step_save(
                    actor=None,
                    measure=measure,
                    position=step_position,
                    title=spec["title"],
                    due_date=spec["due"],
                    status=spec["status"],
                    responsible_organisations=_organisations(spec["responsible"]),
                    partners=_organisations(spec.get("partners", [])),
                )
                created += 1
                for date, text in spec.get("notes", []):
                    services.progress_note_add(actor=None, step=step, text=text, date=date)
                indicator = (
                    apps.get_model("monitoring", "Indicator")
                    .objects.filter(slug=spec.get("indicator", ""))
                    .first()
                )
                if indicator is not None:
                    services.step_link_add(actor=None, step=step, target=indicator)
    return plan, created


def _meeting_links_load(plan: ActionPlan) -> int:
    """Link each step to the meetings (of the meetings app's demo) on the days its notes report on."""
    from django.apps import apps

    try:
        meeting_model = apps.get_model("meetings", "Meeting")
    except LookupError:
        return 0
    notes = ProgressNote.objects.filter(step__measure__plan_field__plan=plan).select_related("step")
    linked = 0
    for note in notes:
        for meeting in meeting_model.objects.filter(starts_at__date=note.date):
            if not note.step.links.filter(object_id=meeting.pk, content_type__model="meeting").exists():
                services.step_link_add(actor=None, step=note.step, target=meeting)
                linked += 1
    return linked


def _approaches_load() -> tuple[int, int]:
    created = adopted = 0
    regions = {region.key: region for region in Region.objects.all()}
    fields = {item.slug: item for item in FieldOfAction.objects.all()}
    groups = {item.slug: item for item in TargetGroup.objects.all()}
    for spec in APPROACHES:
        approach = Approach.objects.filter(slug=spec["slug"]).first()
        if approach is None:
            organisation = Organisation.objects.filter(slug=spec["organisation"]).first()
            person = (
                ContactPerson.objects.filter(organisation=organisation, name=spec["person"]).first()
                if organisation and spec.get("person")
                else None
            )
            approach = services.approach_save(
                actor=None,
                slug=spec["slug"],
                title=spec["title"],
                problem=spec["problem"],
                what_was_done=spec["what_was_done"],
                results=spec.get("results", ""),
                key_figure=spec.get("key_figure", ""),
                source=spec["source"],
                region=regions[spec["region"]],
                contact_organisation=organisation,
                contact_person=person,
                fields_of_action=[fields[slug] for slug in spec["fields"] if slug in fields],
                target_groups=[groups[slug] for slug in spec["groups"] if slug in groups],
            )
            created += 1
        for adoption in spec.get("adoptions", []):
            if approach.adoptions.filter(region__key=adoption["region"]).exists():
                continue
            services.adoption_record(
                actor=None,
                approach=approach,
                region=regions[adoption["region"]],
                organisation=Organisation.objects.filter(slug=adoption["organisation"] or "").first(),
                started_on=adoption.get("started_on"),
                experience=adoption["experience"],
            )
            adopted += 1
    return created, adopted


def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    plan, steps = _plan_load()
    links = _meeting_links_load(plan)
    approaches, adoptions = _approaches_load()
    return (
        f"actionplan: Kursbuch 2014 ({steps} steps created, {links} meetings linked), {approaches} "
        f"approaches and {adoptions} adoptions created"
    )
