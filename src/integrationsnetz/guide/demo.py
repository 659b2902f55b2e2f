"""Demo data of the guide app from the source documents; running it again changes nothing.

Seed 004 names the actors of Mittelsachsen's Schnittstellenpapier (Agentur für Arbeit, Jobcenter,
BAMF, migration counselling, immigration office, social welfare offices, youth office, school
administration, HWK, IHK); seed 003 those of Nordsachsen (Amt für Migration und Ausländerrecht with
its general migration service). The organisations come from the directory demo; actors it lacks are
created through the directory's services with "(Demo)" in their name. Who is responsible for what is
a plausible demo built on these actors, not an official statement: every matrix says so in its
conditions column ("Demo"). Info pages are short demo texts; some translations are left missing or
made from an older German text on purpose, so that the translation status shows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from integrationsnetz.core.models import FieldOfAction, Region, TargetGroup
from integrationsnetz.directory.models import Organisation, Service
from integrationsnetz.directory.services import organisation_create, service_save
from integrationsnetz.guide import services
from integrationsnetz.guide.models import (
    Edition,
    Form,
    FormFile,
    InfoPage,
    Matter,
    Responsibility,
    Translation,
)

DEMO = "Demo-Eintrag des Wegweisers (Beispiel, keine amtliche Auskunft)."

# slug, German name, field of action, what to bring
MATTERS: list[tuple[str, str, str, str]] = [
    ("asylantrag", "Asylantrag", "asyl-aufenthaltsrecht", "Ankunftsnachweis, Reisepass oder andere Papiere"),
    (
        "leistungen-asylblg",
        "Leistungen nach dem Asylbewerberleistungsgesetz",
        "asyl-aufenthaltsrecht",
        "Aufenthaltsgestattung oder Duldung, Kontoauszug",
    ),
    (
        "rechtskreiswechsel",
        "Wechsel ins Jobcenter (Rechtskreiswechsel)",
        "arbeit-ausbildung",
        "Aufenthaltstitel, Bescheid des BAMF, Mietvertrag",
    ),
    ("integrationskurs", "Integrationskurs", "sprache", "Aufenthaltstitel, Berechtigungsschein"),
    (
        "berufssprachkurs",
        "Berufsbezogener Sprachkurs",
        "sprache",
        "Aufenthaltstitel, Nachweis des Sprachniveaus",
    ),
    (
        "anerkennung",
        "Anerkennung ausländischer Berufsabschlüsse",
        "arbeit-ausbildung",
        "Zeugnisse und Übersetzungen",
    ),
    (
        "arbeitserlaubnis",
        "Arbeitserlaubnis",
        "arbeit-ausbildung",
        "Aufenthaltsdokument, Arbeitsplatzbeschreibung",
    ),
    ("ausbildung", "Berufsausbildung", "arbeit-ausbildung", "Schulzeugnisse, Lebenslauf"),
    (
        "schulanmeldung",
        "Schulanmeldung und schulische Integration",
        "bildung",
        "Meldebescheinigung, Zeugnisse des Kindes",
    ),
    ("kita", "Kindertagesbetreuung (Kita)", "familie-kinder", "Meldebescheinigung, Impfnachweis"),
    ("wohnsitzauflage", "Wohnsitzauflage", "asyl-aufenthaltsrecht", "Aufenthaltsdokument"),
    ("wohnen", "Wohnung und Unterbringung", "wohnen", "Aufenthaltsdokument, Einkommensnachweis"),
    (
        "gesundheitskarte",
        "Gesundheitsversorgung und Gesundheitskarte",
        "gesundheit-psychosoziale-versorgung",
        "Aufenthaltsdokument",
    ),
    ("psychosoziale-beratung", "Psychosoziale Beratung", "gesundheit-psychosoziale-versorgung", ""),
    (
        "aufenthaltserlaubnis",
        "Aufenthaltserlaubnis und ihre Verlängerung",
        "asyl-aufenthaltsrecht",
        "Reisepass, biometrisches Foto, Einkommensnachweis",
    ),
    ("familiennachzug", "Familiennachzug", "asyl-aufenthaltsrecht", "Aufenthaltstitel, Urkunden der Familie"),
    (
        "einbuergerung",
        "Einbürgerung",
        "asyl-aufenthaltsrecht",
        "Reisepass, Sprachzertifikat B1, Einbürgerungstest",
    ),
    ("rueckkehrberatung", "Rückkehrberatung", "beratung", "Aufenthaltsdokument"),
    ("migrationsberatung", "Migrationsberatung (MBE/JMD)", "beratung", ""),
    ("verbraucherfragen", "Verbraucherfragen (Verträge, Handy, Strom)", "beratung", "Vertrag oder Rechnung"),
]

# Translated matter names. Some matters and languages are left out on purpose (missing -> German).
MATTER_NAMES: dict[str, dict[str, str]] = {
    "asylantrag": {
        "en": "Asylum application",
        "ar": "طلب اللجوء",
        "fa": "درخواست پناهندگی",
        "uk": "Заява про притулок",
        "ru": "Ходатайство о предоставлении убежища",
        "tr": "İltica başvurusu",
    },
    "integrationskurs": {
        "en": "Integration course",
        "ar": "دورة الاندماج",
        "fa": "دوره ادغام",
        "uk": "Інтеграційний курс",
        "ru": "Интеграционный курс",
        "tr": "Uyum kursu",
    },
    "kita": {
        "en": "Day care for children (Kita)",
        "ar": "رعاية الأطفال النهارية (روضة)",
        "fa": "مهدکودک (Kita)",
        "uk": "Дитячий садок (Kita)",
        "ru": "Детский сад (Kita)",
        "tr": "Kreş (Kita)",
    },
    "schulanmeldung": {
        "en": "School enrolment and school integration",
        "ar": "التسجيل في المدرسة والاندماج المدرسي",
        "uk": "Запис до школи та шкільна інтеграція",
        "ru": "Запись в школу и школьная интеграция",
    },
    "arbeitserlaubnis": {
        "en": "Work permit",
        "ar": "تصريح العمل",
        "fa": "اجازه کار",
        "uk": "Дозвіл на роботу",
        "ru": "Разрешение на работу",
        "tr": "Çalışma izni",
    },
    "gesundheitskarte": {
        "en": "Health care and health card",
        "ar": "الرعاية الصحية والبطاقة الصحية",
        "uk": "Медична допомога та медична картка",
        "ru": "Медицинская помощь и медицинская карта",
    },
    "aufenthaltserlaubnis": {
        "en": "Residence permit and its renewal",
        "ar": "تصريح الإقامة وتمديده",
        "fa": "اجازه اقامت و تمدید آن",
        "uk": "Дозвіл на проживання та його продовження",
        "ru": "Вид на жительство и его продление",
        "tr": "Oturma izni ve uzatılması",
    },
    "migrationsberatung": {
        "en": "Migration counselling (MBE/JMD)",
        "ar": "استشارات الهجرة",
        "fa": "مشاوره مهاجرت",
        "uk": "Консультації для мігрантів",
        "ru": "Консультации для мигрантов",
        "tr": "Göç danışmanlığı",
    },
    "wohnen": {
        "en": "Housing and accommodation",
        "ar": "السكن والإيواء",
        "uk": "Житло та розміщення",
        "ru": "Жильё и размещение",
    },
}
# Made from an earlier German wording: shown, but marked as outdated.
OUTDATED_MATTER_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "wohnen": {"tr": ("Wohnungssuche", "Ev arama")},
}

# Actors the directory demo lacks: slug -> values (all marked as demo in name and description).
DEMO_ORGANISATIONS: dict[str, dict[str, Any]] = {
    "demo-agentur-fuer-arbeit-oschatz": {
        "name": "Agentur für Arbeit Oschatz (Demo)",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14730230",
        "city": "Oschatz",
    },
    "demo-migrationsberatung-mittelsachsen": {
        "name": "Migrationsberatung für Erwachsene Mittelsachsen (Demo)",
        "kind": Organisation.Kind.COUNSELLING,
        "region": "14522",
        "city": "Freiberg",
    },
    "demo-jugendmigrationsdienst-mittelsachsen": {
        "name": "Jugendmigrationsdienst Mittelsachsen (Demo)",
        "kind": Organisation.Kind.COUNSELLING,
        "region": "14522",
        "city": "Freiberg",
    },
    "demo-migrationsberatung-nordsachsen": {
        "name": "Migrationsberatung für Erwachsene Nordsachsen (Demo)",
        "kind": Organisation.Kind.COUNSELLING,
        "region": "14730",
        "city": "Torgau",
    },
    "demo-hwk-chemnitz": {
        "name": "Handwerkskammer Chemnitz (Demo)",
        "kind": Organisation.Kind.CHAMBER,
        "region": "14511",
        "city": "Chemnitz",
    },
    "demo-ihk-chemnitz": {
        "name": "Industrie- und Handelskammer Chemnitz (Demo)",
        "kind": Organisation.Kind.CHAMBER,
        "region": "14511",
        "city": "Chemnitz",
    },
    "demo-landesamt-schule-bildung": {
        "name": "Landesamt für Schule und Bildung (Demo)",
        "kind": Organisation.Kind.AUTHORITY,
        "region": "14",
        "city": "Chemnitz",
    },
}
# Offices inside the district administrations the seeds name (social welfare office, youth office).
DEMO_SERVICES: list[tuple[str, str]] = [
    ("landratsamt-mittelsachsen", "Sozialamt"),
    ("landratsamt-mittelsachsen", "Jugendamt"),
    ("landratsamt-nordsachsen", "Sozialamt"),
    ("landratsamt-nordsachsen", "Jugendamt"),
]

REFUGEES = ["asylsuchende", "geduldete"]
PROTECTED = ["anerkannte-gefluechtete", "vertriebene-ukraine"]
RESIDENTS = ["anerkannte-gefluechtete", "vertriebene-ukraine", "drittstaatsangehoerige", "fachkraefte"]
R, A, S = Responsibility.Role.RESPONSIBLE, Responsibility.Role.ADVISES, Responsibility.Role.SUPPORTS

# region, matter, organisation slug, service name, role, target groups (empty = all), legal basis
ENTRIES: list[tuple[str, str, str, str, str, list[str], str]] = [
    # State-wide entries: they hold in every district unless the district has its own.
    ("14", "asylantrag", "bamf", "", R, ["asylsuchende"], "§§ 13, 14 AsylG"),
    ("14", "integrationskurs", "bamf", "Integrationskurse", R, [], "§§ 43–44a AufenthG"),
    ("14", "berufssprachkurs", "bamf", "", R, [], "§ 45a AufenthG"),
    ("14", "anerkennung", "iq-netzwerk-sachsen", "", A, [], "BQFG"),
    ("14", "psychosoziale-beratung", "psz-leipzig", "", A, REFUGEES + PROTECTED, ""),
    ("14", "verbraucherfragen", "verbraucherzentrale-sachsen", "", A, [], ""),
    ("14", "schulanmeldung", "demo-landesamt-schule-bildung", "", R, [], "SächsSchulG"),
    ("14", "schulanmeldung", "smk-schulische-integration", "", S, [], ""),
    ("14", "migrationsberatung", "demo-migrationsberatung-mittelsachsen", "", A, [], ""),
    # Mittelsachsen (seed 004).
    ("14522", "leistungen-asylblg", "landratsamt-mittelsachsen", "Sozialamt", R, REFUGEES, "AsylbLG"),
    ("14522", "rechtskreiswechsel", "jobcenter-mittelsachsen", "", R, PROTECTED, "SGB II"),
    ("14522", "rechtskreiswechsel", "landratsamt-mittelsachsen", "Sozialamt", S, PROTECTED, ""),
    (
        "14522",
        "arbeitserlaubnis",
        "landratsamt-mittelsachsen",
        "Ausländerbehörde",
        R,
        [],
        "§§ 4a, 39 AufenthG",
    ),
    ("14522", "arbeitserlaubnis", "agentur-fuer-arbeit-freiberg", "", A, [], "§ 39 AufenthG"),
    ("14522", "ausbildung", "agentur-fuer-arbeit-freiberg", "", A, [], "SGB III"),
    ("14522", "ausbildung", "demo-hwk-chemnitz", "", S, [], ""),
    ("14522", "ausbildung", "demo-ihk-chemnitz", "", S, [], ""),
    ("14522", "anerkennung", "demo-hwk-chemnitz", "", R, [], "BQFG, HwO"),
    ("14522", "anerkennung", "demo-ihk-chemnitz", "", R, [], "BQFG"),
    ("14522", "kita", "landratsamt-mittelsachsen", "Jugendamt", R, [], "SGB VIII"),
    (
        "14522",
        "wohnsitzauflage",
        "landratsamt-mittelsachsen",
        "Ausländerbehörde",
        R,
        PROTECTED,
        "§ 12a AufenthG",
    ),
    ("14522", "wohnen", "landratsamt-mittelsachsen", "", R, REFUGEES, "SächsFlüAG"),
    ("14522", "wohnen", "jobcenter-mittelsachsen", "", S, PROTECTED, "§ 22 SGB II"),
    ("14522", "gesundheitskarte", "landratsamt-mittelsachsen", "Sozialamt", R, REFUGEES, "§§ 4, 6 AsylbLG"),
    ("14522", "aufenthaltserlaubnis", "landratsamt-mittelsachsen", "Ausländerbehörde", R, [], "AufenthG"),
    ("14522", "aufenthaltserlaubnis", "demo-migrationsberatung-mittelsachsen", "", A, RESIDENTS, ""),
    (
        "14522",
        "familiennachzug",
        "landratsamt-mittelsachsen",
        "Ausländerbehörde",
        R,
        [],
        "§§ 27–36a AufenthG",
    ),
    ("14522", "einbuergerung", "landratsamt-mittelsachsen", "", R, [], "StAG"),
    ("14522", "migrationsberatung", "demo-jugendmigrationsdienst-mittelsachsen", "", A, [], ""),
    (
        "14522",
        "schulanmeldung",
        "landratsamt-mittelsachsen",
        "Bildungskoordination für Neuzugewanderte",
        S,
        [],
        "",
    ),
    # Nordsachsen (seed 003): the Amt für Migration und Ausländerrecht does most of it.
    ("14730", "leistungen-asylblg", "ama-nordsachsen", "", R, REFUGEES, "AsylbLG"),
    ("14730", "rechtskreiswechsel", "jobcenter-nordsachsen", "", R, PROTECTED, "SGB II"),
    ("14730", "arbeitserlaubnis", "ama-nordsachsen", "", R, [], "§§ 4a, 39 AufenthG"),
    ("14730", "arbeitserlaubnis", "demo-agentur-fuer-arbeit-oschatz", "", A, [], "§ 39 AufenthG"),
    ("14730", "ausbildung", "demo-agentur-fuer-arbeit-oschatz", "", A, [], "SGB III"),
    (
        "14730",
        "ausbildung",
        "ama-nordsachsen",
        "Arbeitsmarktmentor Delitzsch/Eilenburg",
        S,
        [*REFUGEES, "anerkannte-gefluechtete"],
        "",
    ),
    ("14730", "ausbildung", "hwk-leipzig", "", S, [], ""),
    ("14730", "ausbildung", "ihk-leipzig", "", S, [], ""),
    ("14730", "anerkennung", "hwk-leipzig", "", R, [], "BQFG, HwO"),
    ("14730", "anerkennung", "ihk-leipzig", "", R, [], "BQFG"),
    ("14730", "kita", "landratsamt-nordsachsen", "Jugendamt", R, [], "SGB VIII"),
    ("14730", "wohnsitzauflage", "ama-nordsachsen", "", R, PROTECTED, "§ 12a AufenthG"),
    ("14730", "wohnen", "ama-nordsachsen", "", R, [*REFUGEES, "vertriebene-ukraine"], "SächsFlüAG"),
    ("14730", "wohnen", "jobcenter-nordsachsen", "", S, ["anerkannte-gefluechtete"], "§ 22 SGB II"),
    ("14730", "gesundheitskarte", "ama-nordsachsen", "", R, REFUGEES, "§§ 4, 6 AsylbLG"),
    ("14730", "aufenthaltserlaubnis", "ama-nordsachsen", "", R, [], "AufenthG"),
    ("14730", "familiennachzug", "ama-nordsachsen", "", R, [], "§§ 27–36a AufenthG"),
    ("14730", "einbuergerung", "landratsamt-nordsachsen", "", R, [], "StAG"),
    ("14730", "rueckkehrberatung", "ama-nordsachsen", "Rückkehrberatung", A, REFUGEES, ""),
    ("14730", "migrationsberatung", "ama-nordsachsen", "Allgemeiner Migrationsdienst (AMD)", A, [], ""),
    ("14730", "migrationsberatung", "demo-migrationsberatung-nordsachsen", "", A, [], ""),
    ("14730", "schulanmeldung", "landratsamt-nordsachsen", "", S, [], ""),
    # A town over its district: in Eilenburg the local migration service is the first address.
    ("14730110", "migrationsberatung", "ama-nordsachsen", "Allgemeiner Migrationsdienst (AMD)", A, [], ""),
]

# slug, region, topic, German title, German body
INFO_PAGES: list[tuple[str, str, str, str, str]] = [
    (
        "ankommen-in-sachsen",
        "14",
        InfoPage.Topic.ARRIVAL,
        "Ankommen in Sachsen",
        "Willkommen in Sachsen! Melden Sie sich in den ersten zwei Wochen beim Bürgeramt Ihres Wohnorts an. "
        "Bewahren Sie alle Briefe von Behörden gut auf. Die Migrationsberatung hilft Ihnen kostenlos.",
    ),
    (
        "deutsch-lernen",
        "14",
        InfoPage.Topic.LANGUAGE,
        "Deutsch lernen",
        "Im Integrationskurs lernen Sie Deutsch und erfahren viel über das Leben in Deutschland. "
        "Fragen Sie die Migrationsberatung, ob Sie teilnehmen können.",
    ),
    (
        "arbeit-finden",
        "14",
        InfoPage.Topic.WORK,
        "Arbeit finden",
        "Die Agentur für Arbeit und das Jobcenter helfen bei der Suche nach Arbeit und Ausbildung. "
        "Lassen Sie Ihre Berufsabschlüsse anerkennen.",
    ),
    (
        "zum-arzt",
        "14",
        InfoPage.Topic.HEALTH,
        "Zum Arzt gehen",
        "Bei Krankheit gehen Sie zuerst zur Hausärztin oder zum Hausarzt. Im Notfall rufen Sie 112.",
    ),
    (
        "schule-nordsachsen",
        "14730",
        InfoPage.Topic.SCHOOL,
        "Schule in Nordsachsen",
        "Kinder und Jugendliche gehen in Deutschland zur Schule. Das Landesamt für Schule und Bildung "
        "berät bei der Anmeldung.",
    ),
    (
        "wohnen-mittelsachsen",
        "14522",
        InfoPage.Topic.HOUSING,
        "Wohnen in Mittelsachsen",
        "Das Landratsamt Mittelsachsen hilft bei Fragen zur Unterkunft. Wer eine eigene Wohnung sucht, "
        "bekommt Unterstützung vom Jobcenter.",
    ),
]
# Page translations: (title, body). Missing ones on purpose: fa for most pages, most for the district pages.
INFO_TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "ankommen-in-sachsen": {
        "en": (
            "Arriving in Saxony",
            "Welcome to Saxony! Register with the citizens' office of the place where you live within two weeks. Keep all letters from authorities in a safe place. The migration counselling service helps you free of charge.",
        ),
        "ar": (
            "الوصول إلى ساكسونيا",
            "مرحبًا بكم في ساكسونيا! سجّلوا خلال أسبوعين في مكتب المواطنين في مكان سكنكم. احتفظوا بجميع رسائل الدوائر الرسمية في مكان آمن. تساعدكم خدمة استشارات الهجرة مجانًا.",
        ),
        "uk": (
            "Прибуття до Саксонії",
            "Ласкаво просимо до Саксонії! Протягом двох тижнів зареєструйтеся в бюро громадян за місцем проживання. Зберігайте всі листи від установ. Консультаційна служба для мігрантів допоможе вам безкоштовно.",
        ),
        "ru": (
            "Прибытие в Саксонию",
            "Добро пожаловать в Саксонию! В течение двух недель зарегистрируйтесь в бюро граждан по месту жительства. Храните все письма от ведомств. Консультационная служба для мигрантов поможет вам бесплатно.",
        ),
    },
    "deutsch-lernen": {
        "en": (
            "Learning German",
            "In the integration course you learn German and a lot about life in Germany. Ask the migration counselling service whether you can take part.",
        ),
        "ar": (
            "تعلّم اللغة الألمانية",
            "في دورة الاندماج تتعلمون اللغة الألمانية وكثيرًا عن الحياة في ألمانيا. اسألوا خدمة استشارات الهجرة إن كان بإمكانكم المشاركة.",
        ),
        "uk": (
            "Вивчення німецької мови",
            "На інтеграційному курсі ви вивчаєте німецьку мову та багато дізнаєтеся про життя в Німеччині. Запитайте в консультаційній службі для мігрантів, чи можете ви взяти участь.",
        ),
    },
    "zum-arzt": {
        "en": (
            "Going to the doctor",
            "If you are ill, go to a general practitioner first. In an emergency, call 112.",
        ),
        "ar": (
            "الذهاب إلى الطبيب",
            "عند المرض اذهبوا أولًا إلى طبيب الأسرة. في حالات الطوارئ اتصلوا بالرقم 112.",
        ),
        "ru": (
            "Поход к врачу",
            "Если вы заболели, сначала обратитесь к семейному врачу. В экстренном случае звоните 112.",
        ),
    },
}
# Made from an earlier German wording of the page: shown, but marked as outdated.
OUTDATED_INFO: dict[str, dict[str, tuple[str, str, str]]] = {
    "ankommen-in-sachsen": {
        "tr": (
            "Willkommen in Sachsen! Melden Sie sich beim Bürgeramt an.",
            "Saksonya'ya varış",
            "Saksonya'ya hoş geldiniz! Oturduğunuz yerin vatandaşlık bürosuna kaydolun.",
        )
    },
}


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=f"<html lang='de'><body><h1>{text}</h1><p>{DEMO}</p></body></html>").write_pdf())


def _organisations(regions: dict[str, Region]) -> tuple[dict[str, Organisation], int]:
    wanted = {entry[2] for entry in ENTRIES} | {slug for slug, _name in DEMO_SERVICES}
    found = {org.slug: org for org in Organisation.objects.filter(slug__in=wanted | set(DEMO_ORGANISATIONS))}
    created = 0
    for slug, spec in DEMO_ORGANISATIONS.items():
        if slug in found or spec["region"] not in regions:
            continue
        found[slug] = organisation_create(
            actor=None,
            slug=slug,
            name=spec["name"],
            kind=spec["kind"],
            region=regions[spec["region"]],
            city=spec["city"],
            description=DEMO,
            email=f"{slug}@example.org",
        )
        created += 1
    for slug, name in DEMO_SERVICES:
        organisation = found.get(slug)
        if (
            organisation is not None
            and not Service.objects.filter(organisation=organisation, name=name).exists()
        ):
            service_save(organisation=organisation, actor=None, name=name, description=DEMO)
    return found, created


def _matters(fields: dict[str, FieldOfAction]) -> dict[str, Matter]:
    existing = {matter.slug: matter for matter in Matter.objects.all()}
    for position, (slug, name, field_slug, bring) in enumerate(MATTERS, start=1):
        if slug in existing or field_slug not in fields:
            continue
        existing[slug] = services.matter_save(
            actor=None,
            slug=slug,
            name=name,
            field_of_action=fields[field_slug],
            what_to_bring=bring,
            position=position,
        )
    return existing


def _entries(
    regions: dict[str, Region], matters: dict[str, Matter], organisations: dict[str, Organisation]
) -> int:
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    existing = {
        (entry.region_id, entry.matter_id, entry.organisation_id, entry.role, entry.service_id)
        for entry in Responsibility.objects.all()
    }
    service_ids = {
        (service.organisation_id, service.name): service
        for service in Service.objects.filter(organisation__in=list(organisations.values()))
    }
    created = 0
    for region_key, matter_slug, org_slug, service_name, role, group_slugs, legal_basis in ENTRIES:
        region, matter, organisation = (
            regions.get(region_key),
            matters.get(matter_slug),
            organisations.get(org_slug),
        )
        if region is None or matter is None or organisation is None:
            continue
        service = service_ids.get((organisation.pk, service_name)) if service_name else None
        key = (region.pk, matter.pk, organisation.pk, role, service.pk if service else None)
        if key in existing:
            continue
        services.responsibility_save(
            actor=None,
            matter=matter,
            region=region,
            organisation=organisation,
            service=service,
            role=role,
            target_groups=[groups[slug] for slug in group_slugs if slug in groups],
            legal_basis=legal_basis,
            conditions="Demo",
            valid_from=date(2017, 6, 13),  # the day the printed paper was presented (seed 004)
        )
        existing.add(key)
        created += 1
    return created


def _translations(matters: dict[str, Matter], pages: dict[str, InfoPage]) -> int:
    existing = {(row.kind, row.object_id, row.field, row.language) for row in Translation.objects.all()}
    created = 0

    def add(obj: Matter | InfoPage, field: str, language: str, text: str, source: str | None = None) -> None:
        nonlocal created
        kind = Translation.Kind.MATTER if isinstance(obj, Matter) else Translation.Kind.INFO_PAGE
        if (kind, obj.pk, field, language) in existing:
            return
        services.translation_save(
            actor=None, obj=obj, field=field, language=language, text=text, source=source
        )
        created += 1

    for slug, names in MATTER_NAMES.items():
        if slug in matters:
            for language, text in names.items():
                add(matters[slug], "name", language, text)
    for slug, outdated in OUTDATED_MATTER_NAMES.items():
        if slug in matters:
            for language, (old_source, text) in outdated.items():
                add(matters[slug], "name", language, text, source=old_source)
    for slug, translated in INFO_TRANSLATIONS.items():
        if slug in pages:
            for language, (title, body) in translated.items():
                add(pages[slug], "title", language, title)
                add(pages[slug], "body", language, body)
    for slug, outdated_pages in OUTDATED_INFO.items():
        if slug in pages:
            for language, (old_body, title, body) in outdated_pages.items():
                add(pages[slug], "title", language, title)
                add(pages[slug], "body", language, body, source=old_body)
    return created


def _pages(regions: dict[str, Region]) -> dict[str, InfoPage]:
    existing = {page.slug: page for page in InfoPage.objects.all()}
    for position, (slug, region_key, topic, title, body) in enumerate(INFO_PAGES, start=1):
        if slug in existing or region_key not in regions:
            continue
        existing[slug] = services.info_page_save(
            actor=None,
            slug=slug,
            region=regions[region_key],
            topic=topic,
            title=title,
            body=f"{body}\n\n(Demo-Inhalt)",
            position=position,
        )
    return existing


def _forms(
    regions: dict[str, Region], matters: dict[str, Matter], organisations: dict[str, Organisation]
) -> int:
    if "14522" not in regions or Form.objects.filter(slug="antrag-aufenthaltstitel-mittelsachsen").exists():
        return 0
    form = services.form_save(
        actor=None,
        slug="antrag-aufenthaltstitel-mittelsachsen",
        region=regions["14522"],
        title="Antrag auf Erteilung oder Verlängerung eines Aufenthaltstitels (Demo)",
        issuer=organisations.get("landratsamt-mittelsachsen"),
        matters=[matter for matter in [matters.get("aufenthaltserlaubnis")] if matter is not None],
    )
    for language, title in (
        ("de", "Antrag auf Aufenthaltstitel"),
        ("en", "Application for a residence title"),
    ):
        row = FormFile(form=form, language=language)
        row.file.save(f"{form.slug}-{language}.pdf", ContentFile(_pdf(title)), save=False)
        row.save()
    return 1


@transaction.atomic
def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    regions = {
        region.key: region
        for region in Region.objects.filter(key__in=["14", "14522", "14730", "14730110", "14730230", "14511"])
    }
    if "14" not in regions:
        return ""
    fields = {field.slug: field for field in FieldOfAction.objects.all()}
    organisations, organisations_created = _organisations(regions)
    matters = _matters(fields)
    entries = _entries(regions, matters, organisations)
    pages = _pages(regions)
    translations = _translations(matters, pages)
    forms = _forms(regions, matters, organisations)
    editions = 0
    for key in ("14522", "14730"):
        if key in regions and not Edition.objects.filter(region=regions[key]).exists():
            services.edition_publish(region=regions[key], actor=None)
            editions += 1
    return (
        f"Guide: {len(matters)} matters, {entries} new responsibilities, {organisations_created} demo "
        f"organisations, {len(pages)} info pages, {translations} new translations, {forms} forms, "
        f"{editions} editions."
    )
