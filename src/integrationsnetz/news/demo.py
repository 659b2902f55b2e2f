"""Demo data of the news app from the source documents; running it again changes nothing.

- Seed 002: press release 7/2014 of the state network (NIMS) with its press contact from the
  directory (Markus Guffler, press office; shown by function only, as he gave no consent to publish).
- Seed 003: newsletter 2/22 "Migration und Integration" of Nordsachsen, block by block: editorial
  with signature, contacts of the Landratsamt (live from the directory), "Aktuelles" with the
  interview and the best-practice report, the funding notice, the current figures (live from
  monitoring, the table of foreign residents since 2011), the next-issue line, the legal notice.

Fictitious, and marked so: the sender addresses (example.org), the send date of issue 2/22 (the seed
gives none; mid-July 2022 follows from its contents), the second newsletter of the state network and
the three demo subscribers. The seed's editorial contact address is a real person's and is replaced
by a fictitious one.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from integrationsnetz.core.models import FieldOfAction, Region
from integrationsnetz.directory.models import ContactPerson, Organisation
from integrationsnetz.news import services
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Post, Subscriber, Subscription

BERLIN = ZoneInfo("Europe/Berlin")
DEMO_SOURCE = "demo data (fictitious)"


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=BERLIN)


def _region(key: str) -> Region | None:
    return Region.objects.filter(key=key).first()


def _post(slug: str, **values: Any) -> Post:
    existing = Post.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    fields = values.pop("fields_of_action", [])
    return services.post_save(actor=None, slug=slug, fields_of_action=fields, **values)


def _newsletter(slug: str, **values: Any) -> Newsletter | None:
    existing = Newsletter.objects.filter(slug=slug).first()
    if existing is not None or values.get("region") is None:
        return existing
    return services.newsletter_save(actor=None, slug=slug, **values)


def _fields(*slugs: str) -> list[FieldOfAction]:
    return list(FieldOfAction.objects.filter(slug__in=slugs))


def _press_release() -> Post:
    contact = ContactPerson.objects.filter(name="Markus Guffler").select_related("organisation").first()
    return _post(
        "pressemitteilung-7-2014-kursbuch",
        kind=Post.Kind.PRESS_RELEASE,
        number="7/2014",
        title="Netzwerk Integration und Migration Sachsen stellt „Kursbuch“ vor",
        summary=(
            "Das NIMS präsentiert am 27. Juni 2014 im Deutschen Hygiene-Museum Dresden das „Kursbuch "
            "Integration und Migration Sachsen“ mit fünf Handlungsfeldern."
        ),
        body=PRESS_RELEASE_7_2014,
        region=_region("14"),
        fields_of_action=_fields("sprache", "bildung", "arbeit-ausbildung", "zusammenleben-teilhabe"),
        author="Presse- und Öffentlichkeitsarbeit",
        press_contact=contact,
        published_at=_at(2014, 6, 27),
    )


def _issue_2_22(newsletter: Newsletter, interview: Post, good_practice: Post) -> Issue:
    existing = Issue.objects.filter(newsletter=newsletter, number="2/22").first()
    if existing is not None:
        return existing
    issue = services.issue_save(
        actor=None,
        newsletter=newsletter,
        number="2/22",
        title="Zum Thema Migration und Integration",
        subject="Newsletter 2/22 – Zum Thema Migration und Integration",
    )
    nordsachsen = _region("14730")
    blocks: list[dict[str, Any]] = [
        {
            "kind": IssueBlock.Kind.EDITORIAL,
            "body": EDITORIAL_2_22,
            "signature": (
                "Mit freundlichen Grüßen\n\nChristian Nieling, Amtsleiter\n"
                "Amt für Migration und Ausländerrecht Nordsachsen"
            ),
        },
        {
            "kind": IssueBlock.Kind.CONTACTS,
            "heading": "Kontakte Landratsamt",
            "organisation": Organisation.objects.filter(slug="ama-nordsachsen").first(),
        },
        {"kind": IssueBlock.Kind.POSTS, "heading": "Aktuelles", "posts": [interview, good_practice]},
        {
            "kind": IssueBlock.Kind.TEXT,
            "body": (
                "Diese Maßnahme wird mitfinanziert mit Steuermitteln auf Grundlage des vom Sächsischen "
                "Landtag beschlossenen Haushaltes.\n\nGefördert durch das Sächsische Staatsministerium "
                "für Soziales und Gesellschaftlichen Zusammenhalt."
            ),
        },
        {
            "kind": IssueBlock.Kind.FIGURES,
            "heading": "Aktuelle Zahlen",
            "body": (
                "Mit Stand Mitte Juni 2022 befinden sich 11.865 Menschen mit Zuwanderungshintergrund im "
                "Landkreis Nordsachsen. 5.046 davon sind EU-Bürger:innen, 1.322 befinden sich in einem "
                "Asylverfahren oder einer Duldung, 5.497 sind Ausländer mit einem Aufenthaltstitel "
                "(inklusive Ukrainer:innen)."
            ),
            "indicator_slug": "auslaender-nordsachsen",
            "region": nordsachsen,
            "periods": 13,
            "chart": "bar",
        },
        {"kind": IssueBlock.Kind.NEXT_ISSUE, "body": "Die nächste Ausgabe erscheint im September 2022"},
    ]
    for position, values in enumerate(blocks):
        posts = values.pop("posts", [])
        services.issue_block_save(actor=None, issue=issue, position=position, posts=posts, **values)
    return services.issue_record_sent_elsewhere(issue=issue, sent_at=_at(2022, 7, 15), actor=None)


def _subscribers(newsletter: Newsletter) -> int:
    """Three fictitious confirmed subscribers, so that a test send and a real send have recipients."""
    created = 0
    nordsachsen = _region("14730")
    for number, (role, language) in enumerate([("full_time", "de"), ("volunteer", "de"), ("press", "en")], 1):
        email = f"leser{number}@example.org"
        if Subscription.objects.filter(subscriber__email=email, newsletter=newsletter).exists():
            continue
        subscription = services.subscription_request(
            newsletter=newsletter,
            email=email,
            language=language,
            region=nordsachsen,
            role=role,
            wording=services.consent_wording(newsletter),
            source=DEMO_SOURCE,
        )
        services.subscription_confirm(confirm_token=subscription.confirm_token, source=DEMO_SOURCE)
        created += 1
    return created


@transaction.atomic
def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    if _region("14730") is None:
        return "news: skipped (regions missing: load the core demo first)"
    _press_release()
    nordsachsen = _newsletter(
        "nordsachsen",
        name="Newsletter Migration und Integration Nordsachsen",
        description="Newsletter des Amtes für Migration und Ausländerrecht im Landratsamt Nordsachsen.",
        region=_region("14730"),
        sender_name="Amt für Migration und Ausländerrecht Nordsachsen",
        sender_email="newsletter@nordsachsen.example.org",
        reply_to="redaktion@nordsachsen.example.org",
        design=Newsletter.Design.DISTRICT,
        footer=(
            "Rechtliches/Impressum: Landratsamt Nordsachsen, Amt für Migration und Ausländerrecht.\n\n"
            "Wir würden uns freuen, wenn Sie diesen Newsletter auch an Kolleginnen und Kollegen sowie "
            "Interessierte weiterleiten.\n\nIhre redaktionellen und inhaltlichen Anliegen richten Sie an "
            "redaktion@nordsachsen.example.org (Demo-Adresse)."
        ),
    )
    _newsletter(
        "nims",
        name="NIMS-Rundbrief",
        description="Rundbrief des Netzwerks Integration und Migration Sachsen (Demo, fiktiv).",
        region=_region("14"),
        sender_name="Geschäftsstelle NIMS",
        sender_email="rundbrief@nims.example.org",
        design=Newsletter.Design.NETWORK,
    )
    assert nordsachsen is not None  # noqa: S101 - the region was checked above
    interview = _post(
        "neue-koepfe-sachgebiet-integration",
        kind=Post.Kind.INTERVIEW,
        title="Neue Köpfe für das Sachgebiet Integration",
        summary=(
            "Katharina Monden und Marc Liebmann, neu beim Allgemeinen Migrationsdienst in Schkeuditz und "
            "Eilenburg, über ihren Weg ins Sachgebiet und ihre ersten Wochen."
        ),
        body=INTERVIEW_2_22,
        region=_region("14730"),
        fields_of_action=_fields("beratung", "zusammenleben-teilhabe"),
        author="Redaktion Newsletter Nordsachsen",
        published_at=_at(2022, 7, 15),
    )
    good_practice = _post(
        "netzwerktreffen-integration-nordsachsen-2022",
        kind=Post.Kind.GOOD_PRACTICE,
        title="Best Practice: Netzwerktreffen Integration Nordsachsen",
        summary="Fachleute aus Nordsachsen beraten in Eilenburg über Perspektiven der Integrationsarbeit.",
        body=GOOD_PRACTICE_2_22,
        region=_region("14730"),
        fields_of_action=_fields("zusammenleben-teilhabe", "wohnen", "arbeit-ausbildung"),
        author="Redaktion Newsletter Nordsachsen",
        published_at=_at(2022, 7, 15),
    )
    _issue_2_22(nordsachsen, interview, good_practice)
    _subscribers(nordsachsen)
    return (
        f"news: {Post.objects.count()} posts, {Newsletter.objects.count()} newsletters, "
        f"{Issue.objects.count()} issues, {Subscriber.objects.count()} subscribers (fictitious)"
    )


# The texts of the seeds, paragraph by paragraph (image captions left out: the images are not here).
PRESS_RELEASE_7_2014 = (
    "Wo liegen im Integrationsbereich in den nächsten Jahren die großen Herausforderungen? Wie lässt"
    " sich das Zusammenleben in einer vielfältigen Gesellschaft am besten gestalten? Welche "
    "Rahmenbedingungen sollten sich verbessern? Welche Aufgaben haben aus Sicht der lokalen "
    "Integrationsakteure in Sachsen höchste Priorität?\n\n"
    "Das Netzwerk Integration und Migration Sachsen (NIMS) präsentiert am Freitag, dem 27. Juni bei "
    "einem Treffen im Deutschen Hygiene-Museum Dresden mit dem „Kursbuch Integration und Migration "
    "Sachsen“ Antworten auf diese Fragen.\n\n"
    "Unter der Überschrift „Initiativen zur Einigkeit in Vielfalt“ stellen die Netzwerkmitglieder "
    "die wichtigsten Handlungsfelder der künftigen Arbeit im Integrationsbereich vor. Das Kursbuch "
    "ist das Ergebnis einer sechsmonatigen gemeinsamen Arbeit des Netzwerkes. Es dient als Grundlage"
    " für die weitere Netzwerkarbeit und ist ein fachliches Angebot für Entscheidungsträger und "
    "Engagierte im Integrationsbereich.\n\n"
    "Für folgende fünf Handlungsfelder werden konkrete Lösungsansätze und Umsetzungsschritte "
    "beschrieben:\n\n"
    "• Deutsch für alle: Spracherwerb optimieren und für alle Zielgruppen ermöglichen\n• Integration"
    " durch Bildung: Bildungsorganisationen interkulturell öffnen\n• Vielfalt als Stärke: "
    "Integration von Arbeitnehmern mit Migrationshintergrund in kleine und mittlere Unternehmen "
    "verbessern\xa0\n• Zusammenleben und Inklusion: Qualifizierte Flüchtlingssozialarbeit "
    "ermöglichen\n• Aufbau einer psychosozialen Versorgungsstruktur für traumatisierte Flüchtlinge "
    "in Sachsen\n\n"
    "Außerdem enthält das Kursbuch Vorschläge für eine Verstetigung der Netzwerkarbeit.\n\n"
    "Das heutige Netzwerktreffen findet zum letzten Mal auf Einladung des Ausländerbeauftragten "
    "Prof. Dr. Martin Gillo statt. „Das Netzwerk zeigt mit diesem Kursbuch, welches Potential in "
    "einer guten Zusammenarbeit steckt. Die Mitglieder des NIMS haben gemeinsam den aktuellen "
    "Handlungsbedarf im Integrationsbereich in Sachsen aufgezeigt, konkrete Arbeitsschritte "
    "vorgeschlagen und neue Akteure für die Zusammenarbeit gewonnen“, schätzt der "
    "Ausländerbeauftragte ein.\n\n"
    "Das NIMS ist ein landesweit agierendes Netzwerk, das sich auf Initiative des Sächsischen "
    "Ausländerbeauftragten im Jahr 2010 gegründet hat und sich mindestens halbjährlich trifft. Dem "
    "NIMS gehören heute etwa 200 Organisationen und etwa 40 Einzelpersonen aus ganz Sachsen an. Es "
    "ist grundsätzlich offen für weitere Mitstreiter, die sich in den Bereichen Migration und "
    "Integration engagieren. Das NIMS bietet die Möglichkeit, wichtige Integrationsthemen gemeinsam "
    "zu bearbeiten und multiprofessionelle Lösungsansätze zu entwickeln.\n\n"
    "Das heutige Netzwerktreffen findet in Kooperation mit dem Deutschen Hygiene-Museum Dresden "
    "statt. www.dhmd.de"
)

EDITORIAL_2_22 = (
    "Liebe Leserinnen und Leser,\n\n"
    "mit dem Angriff der Russischen Föderation auf die Ukraine und die damit ausgelöste humanitäre "
    "Krise sind auch wir im gesamten AMA mit einer beispiellosen Situation konfrontiert worden. "
    "Innerhalb von nur drei Monaten sind fast 2.000 aus der Ukraine vertriebene Menschen in unseren "
    "Landkreis gekommen - das sind weitaus mehr Geflüchtete als im gesamten Jahr 2015 in Nordsachsen"
    " zugewiesen wurden.\n\n"
    "In einer gemeinsamen Kraftanstrengung hat das AMA die Menschen erfasst, zeitnah entsprechende "
    "Sozialleistungen ausgezahlt und Unterkünfte bereitgestellt sowie nach allen Kräften beim "
    "Ankommen in Deutschland unterstützt. Dabei haben nicht immer alle Abläufe nahtlos ineinander ge"
    " Griffen. An einigen Stellen mussten auch wir dazulernen.\n\n"
    "Mein großer Dank richtet sich dabei gleichermaßen an die unermüdlich arbeitenden Kolleg:innen "
    "im AMA sowie an die unzähligen freiwilligen Helfer:innen vor Ort im Landkreis, die nicht nur "
    "Obdach gegeben und mit Spenden unterstützt haben, sondern auch Zuversicht und Herz zeigten.\n\n"
    "Aktuell befinden wir uns auf einem guten Weg, die Integration der ukrainischen Vertriebenen in "
    "Nordsachsen voranzubringen. Bei aller Tatkraft sollten wir dennoch nicht vergessen, dass nicht "
    "nur Ukrainer:innen Unterstützung bei der Integration benötigen, sondern auch Neuzugewanderte "
    "aus anderen Staaten - seien sie Geflüchtete oder Zuwanderer aus der EU. Um Integration als "
    "gesamtgesellschaftliche Aufgabe weiter zu entwickeln, hat das Sachgebiet Integration am 02. "
    "Juni 2022 ein Netzwerktreffen für und mit diversen Akteur:innen ausgerichtet. Damit soll eine "
    "passgenaue Integration im LK Nordsachsen für alle Zuwanderergruppen sichergestellt werden. "
    "Einen Bericht über diese Veranstaltung finden Sie in unserem Newsletter. Ich wünsche Ihnen viel"
    " Vergnügen beim Lesen."
)

INTERVIEW_2_22 = (
    "Katharina Monden und Marc Liebmann heißen die neuen Kolleg:innen beim AMD (Allgemeiner "
    "Migrationsdienst), die für die Sozialräume Schkeuditz und Eilenburg verantwortlich zeichnen. "
    "Wir haben die beiden zu ihrem Alltag im AMA befragt und erfahren, welche spannenden "
    "Herausforderungen die ersten Arbeitstage für sie bereithielten:\n\n"
    "Redaktion: Herzlich willkommen im Team Integration und vielen Dank, dass ihr gleich bereit "
    "wart, euch im Newsletter vorzustellen. Uns interessiert natürlich euer Werdegang und wie ihr "
    "zum Sachgebiet Integration gekommen seid?\n\n"
    "Katharina Monden: Ich habe bereits bei verschiedenen Kommunalverwaltungen als Sachbearbeiterin "
    "gearbeitet und kenne mich mit den Verfahren und der Arbeitsweisen in einer Behörde aus. "
    "Gleichzeitig war die Arbeit im Sachgebiet Integration eine ganz neue Möglichkeit, meine "
    "Fähigkeiten anzuwenden: Als studierte Historikerin bin ich es gewohnt, mich in neue "
    "Sachverhalte einzuarbeiten, lösungsorientiert und analytisch vorzugehen. Das hilft mir als "
    "Sachbearbeiterin im AMD definitiv weiter. Darüber hinaus bin ich ein sehr kontaktfreudiger "
    "Mensch, der gern im Austausch mit diversen Akteur:innen steht. Daher ist diese Brückenfunktion "
    "zwischen der Stadtverwaltung Schkeuditz und dem AMA wie geschaffen für mich und ich freue mich,"
    " den Austausch voranzubringen.\n\n"
    "Marc Liebmann: Ich stamme aus dem Leipziger Osten und bin zwischen Menschen unterschiedlicher "
    "Herkunft aufgewachsen, was mich früh geprägt hat. Das Leben in der Nähe der Eisenbahnstraße ist"
    " bunt und Integration ist ein politisches Dauerthema, insbesondere in diesem Stadtteil. Das hat"
    " in mir den Wunsch geweckt, selbst aktiv zu werden und die Themen Integration und "
    "zivilgesellschaftliche Beteiligung in meinem Studium der Politikwissenschaften "
    "weiterzuerfolgen. Im Sachgebiet Integration kann ich diese theoretischen Kenntnisse praktisch "
    "umsetzen und vor Ort in Nordsachsen Menschen bei der Integration unterstützen.\n\n"
    "Redaktion: Wie waren eure ersten Tage im Sachgebiet Integration und vor Ort in Schkeuditz und "
    "Eilenburg?\n\n"
    "Katharina Monden: Die ersten Arbeitswochen im Sachgebiet Integration und an meiner neuen "
    "Tätigkeitsstelle in Schkeuditz habe ich genutzt, um mir einen groben Überblick zu verschaffen "
    "über die lokalen Gegebenheiten und eventuellen Problemlagen rund um das Thema Integration von "
    "Geflüchteten und Migrant:innen. Nach einer Einarbeitungsphase, die von meinen neuen "
    "Kolleg:innen begleitet wurde, habe ich mich mit Kooperationspartner:innen aus den Bereichen "
    "Bildung, Soziokultur und Verwaltung getroffen und werde zunehmend in die lokalen Prozesse "
    "eingebunden. Es gibt sogar schon Pläne für neue integrative Projekte, die wir noch in diesem "
    "Jahr verwirklichen wollen.\n\n"
    "Marc Liebmann: Die ersten Tage sind oft aufregend, weil ich andauernd Akteur:innen, "
    "Helfer:innen, Teile der Zivilgesellschaft sowie der Verwaltung kennenlerne. Ich komme mit "
    "Menschen mit viel Erfahrung ins Gespräch und erhalte Einblick in die schon vorhandenen guten "
    "Strukturen hier im Sozialraum Eilenburg. Das ist für mich ein stetiger Lernprozess, der "
    "unglaublich spannend ist.\n\n"
    "Redaktion: Nach den Eindrücken der ersten Tage und Wochen: was denkt ihr, sind die "
    "Herausforderungen bei der Integrationsarbeit im Landkreis Nordsachsen? Und was gefällt euch "
    "bereits jetzt an eurer neuen Arbeitsstelle?\n\n"
    "Katharina Monden: Die aktuelle Herausforderung besteht darin, den Geflüchteten aus der Ukraine "
    "eine Perspektive zu geben und diese in die deutschen Alltagsstrukturen zu integrieren. Wichtig "
    "ist mir darüber hinaus nicht zu vergessen, dass es auch Migrant:innen aus anderen "
    "Herkunftsländern gibt, die unsere Unterstützung und Aufmerksamkeit dringend benötigen.\n\n"
    "Gut gefällt mir: die offene, wertschätzende, gemeinsame Zusammenarbeit zwischen dem AMA und den"
    " verschiedenen lokalen Akteur:innen, auch sozialraumübergreifend. Das stärkt und fördert den "
    "Landkreis Nordsachsen.\n\n"
    "Marc Liebmann: Auch wenn es überall an weiterer Hilfe und Koordination bedarf und aktuell die "
    "Folgen des Kriegs in der Ukraine den Menschen und aller an der Hilfe Beteiligten enorm viel "
    "abverlangt, wird immer nach Lösungen gesucht und niemand gibt auf. Dieses Engagement zu sehen, "
    "motiviert mich. Gleichzeitig werde ich mir neues Wissen aneignen müssen, um in Eilenburg noch "
    "besser helfen zu können. Ich bin guter Dinge, dass ich tatkräftig an Lösungen für Eilenburg und"
    " den Landkreis Nordsachsen mitwirken werde.\n\n"
    "Redaktion: Vielen Dank, dass ihr uns Rede und Antwort gestanden habt. Wer aus den Sozialräumen "
    "Schkeuditz und Eilenburg Unterstützung durch die neuen Ansprechpartner:innen benötigt, kann "
    "sich gern bei Katharina Monden in Schkeuditz und Marc Liebmann in Eilenburg melden. Wir "
    "wünschen euch beiden gutes Ankommen im Team und weiterhin viel Erfolg bei eurer Arbeit."
)

GOOD_PRACTICE_2_22 = (
    "Das Sachgebiet Integration (Amt für Migration und Ausländerrecht) richtete am 02.06.2022 ein "
    "großes, landkreisweites Netzwerktreffen Integration im Bürgerhaus Eilenburg aus. Eingeladen "
    "waren hauptamtliche Akteur:innen aus ganz Nordsachsen, die sich in vier Workshops fachlich zu "
    "verschiedenen Schwerpunkten im Bereich Integration austauschten. Als Gastredner konnte "
    "Staatssekretär Sebastian Vogel (Sächsisches Staatsministerium für Soziales und "
    "Gesellschaftlichen Zusammenhalt) gewonnen werden, der nicht nur einen Ausblick auf das "
    "„Sächsische Integrations- und Teilhabegesetz“ gab, sondern auch für die Fragen des "
    "Fachpublikums zur Verfügung stand.\n\n"
    "Dezernentin und Amtsleiter betonen die zunehmende Wichtigkeit von Integrationsarbeit\n\n"
    "Die Eröffnung der Veranstaltung übernahmen Heike Schmidt, Dezernentin für Soziales und "
    "Gesundheit im Landkreis Nordsachsen sowie Christian Nieling, Leiter des Amtes für Migration und"
    " Ausländerrecht. In ihrem Grußwort schilderte Heike Schmidt eindrücklich, dass Migration "
    "Deutschland nicht erst seit 2015 betrifft, sondern auch Teil der Erfahrung vieler deutscher "
    "Familien war, die im Zuge des II. Weltkriegs ihre Heimat verlassen mussten. „Im Jahr 2022 "
    "stehen wir erneut vor erheblichen Migrations- und Fluchtbewegungen. Weltweit gibt es über 100 "
    "Millionen Geflüchtete und auch im Landkreis Nordsachsen ist der Zuwachs an Neuzugewanderten "
    "konstant ansteigend“, so Schmidt.\n\n"
    "Christian Nieling erklärt: „Eine zentrale Rolle nimmt dabei immer mehr die Integration ein. "
    "Integration ist auf der einen Seite die Pflicht, entsprechende Deutschkenntnisse zu erwerben "
    "sowie die freiheitlich-demokratische Grundordnung zu respektieren. Andererseits ist die "
    "Gesellschaft gefordert, Zugewanderten den Zugang zu allen wichtigen Bereichen von Gesellschaft,"
    " Wirtschaft und Politik zu gewährleisten sowie bestehende Barrieren zu erkennen und abzubauen.“\n\n"
    "Neue und etablierte Formate bringen Dynamik in die Netzwerkarbeit\n\n"
    "Um diese Prozesse bestmöglich zu unterstützen, stellte die Sachgebietsleiterin Integration, "
    "Isabell Maue, die nächsten Schritte vor, die zeitnah realisiert werden sollen: „Grundsätzlich "
    "werden wir die Netzwerkarbeit verdichten und noch enger den Kontakt zu Haupt- und "
    "Ehrenamtlichen sowie den Migrant:innen selbst suchen. Dazu werden die bereits existierenden "
    "Netzwerktreffen in den verschiedenen Sozialräumen weitergeführt bzw. ausgebaut und weitere "
    "thematisch abgegrenzte Treffen und Austauschformate etabliert, beispielsweise zu den Themen "
    "‚Wohnen‘ oder ‚Bildung‘. Ein alljährliches landkreisweites Netzwerktreffen mit diversen "
    "Workshops und Austauschmöglichkeiten soll zukünftig als Grundlage genutzt werden, um das "
    "nordsächsische Integrationskonzept fortzuschreiben.“\n\n"
    "Abschließend führte Staatssekretär Sebastian Vogel in das noch in Erarbeitung befindliche "
    "„Sächsische Integrations- und Teilhabegesetz“ (SITG) ein. Mit diesem im Koalitionsvertrag "
    "festgelegtem Gesetz werden Rechtsgrundlagen für die gleichberechtigte Teilhabe von Menschen mit"
    " Migrationshintergrund geschaffen. Gleichzeitig sollen die Integrationsstrukturen auf Landes- "
    "und kommunaler Ebene gestärkt werden. „Wir orientieren uns dabei am Grundsatz Fordern und "
    "Fördern,“ so Vogel. Das SITG soll voraussichtlich 2024 in Kraft treten.\n\n"
    "„Integration wird laut dem Gesetz zu einer kommunalen Pflichtaufgabe und gehört somit zu den "
    "allgemeinen Aufgaben der Landkreise und kreisfreien Städte im Freistaat Sachsen. Diese "
    "Änderungen werden insbesondere für das Sachgebiet Integration und seine Netzwerkpartner:innen "
    "im Integrationsbereich eine deutliche Aufwertung der gemeinsamen Arbeit mit sich bringen“, "
    "resümiert Isabell Maue.\n\n"
    "Workshops liefern neue Impulse und zeigen Notwendigkeit weiteren Austauschs\n\n"
    "Im Anschluss an eine Fragerunde wurden dem Fachpublikum insgesamt vier Workshops angeboten. "
    "„Wir haben bei der Auswahl der Workshops verschiedene Schwerpunkte gesetzt. So thematisierte "
    "der Workshop ‚Migration im ländlichen Raum‘, wie Mobilität gestärkt, psychologische Versorgung "
    "gesichert, Vorurteile abgebaut, niedrigschwellige Begegnungsorte und Ansprechpersonen vor Ort "
    "geschaffen sowie ganzheitliche kommunale Projekte verwirklicht werden können“, erklärt Isabell "
    "Maue.\n\n"
    "Darüber hinaus wurden Workshops zu den Themen ‚Migration und soziale Teilhabe‘, ‚Migration und "
    "Arbeit‘ und ‚Migration und Wohnen‘ angeboten, in denen ausgiebig diskutiert wurde.\n\n"
    "Die Beteiligung und das Engagement der Teilnehmenden hat dabei die Erwartungen von Isabell Maue"
    " durchweg übertroffen: „Oft wurde in den Workshops die Zeit knapp, da sich so viele zu Wort "
    "meldeten und ihre Eindrücke, Verbesserungsvorschläge und manchmal auch ihren Frust äußerten. "
    "Wir werden diese Energie der Beteiligten nicht verpuffen lassen und den Schwung aus den "
    "Diskussionen mitnehmen. Es sind bereits Anschlusstreffen geplant und ich bin optimistisch, dass"
    " wir weiter im Austausch bleiben werden“, schließt Isabell Maue ab.\n\n"
    "Eine erste Auskopplung des Workshops ‚Migration und Wohnen‘ fand bereits am 01. Juli 2022 "
    "statt. Jobcenter, Sozialamt, Sachgebiet Integration sowie die Kontaktstelle Wohnen tauschten "
    "sich in einem ersten Schritt über die Optimierung der zukünftigen Zusammenarbeit aus. Weitere "
    "themenbezogene Netzwerktreffen sollen noch in diesem Jahr folgen."
)
