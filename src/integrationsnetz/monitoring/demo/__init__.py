"""Demo figures from the source documents, imported through the importer like an office's files.

- ``nordsachsen_auslaender.csv``: the table "Entwicklung der im Landkreis Nordsachsen lebenden
  Ausländer seit 2011" of seed 003 in its own (wide) shape. The table's rows carry no names; the text
  above it names the groups with their June 2022 figures (1,322 in an asylum procedure or tolerated,
  5,497 holding a residence title, 5,046 EU citizens; 11,865 in all), which identifies the rows.
- ``netzwerk_kennzahlen.csv``: the network figures seeds 000-002 state, for the whole state (long shape).
- ``einwohner_fiktiv.csv``: FICTITIOUS, rounded numbers of inhabitants of Nordsachsen and
  Mittelsachsen (the seeds give none), so that the rate per 1,000 inhabitants and the region
  comparison have something to show; every value says so in its source and remark.

Running the loader again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.importing import observations_import
from integrationsnetz.monitoring.models import Indicator
from integrationsnetz.monitoring.services import category_save, indicator_save

DEMO_DIR = Path(__file__).resolve().parent


@dataclass
class MonitoringDemoResult:
    indicators: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _import(
    file_name: str,
    *,
    shape: str,
    indicator: Indicator | None = None,
    region: Region | None = None,
    source: str = "",
) -> tuple[int, int, int]:
    data = (DEMO_DIR / file_name).read_bytes()
    plan = observations_import(
        file_name, data, shape=shape, indicator=indicator, region=region, source=source
    )
    if plan.errors or plan.result is None:
        raise ImportFailed(plan.errors)
    return plan.result.created, plan.result.updated, plan.result.unchanged


def load_demo() -> MonitoringDemoResult:
    """Create the demo indicators and import their figures; needs the core demo regions."""
    state = Region.objects.get(key="14")
    nordsachsen = Region.objects.get(key="14730")
    foreigners = indicator_save(
        slug="auslaender-nordsachsen",
        owner_region=nordsachsen,
        name_de="Im Landkreis lebende Ausländer:innen",
        name_en="Foreign residents of the district",
        unit="Personen",
        source="Landratsamt Nordsachsen, Newsletter Integration (Juni 2022)",
        notes="Stand jeweils Mitte des Jahres; Juni 2022 inklusive Ukrainer:innen.",
        published=True,
    )
    for position, (slug, name_de, name_en) in enumerate(
        [
            ("asyl-duldung", "Asylverfahren oder Duldung", "In an asylum procedure or tolerated"),
            ("aufenthaltstitel", "Aufenthaltstitel", "Holding a residence title"),
            ("eu-buerger", "EU-Bürger:innen", "EU citizens"),
        ],
        start=1,
    ):
        category_save(indicator=foreigners, slug=slug, name_de=name_de, name_en=name_en, position=position)

    members = indicator_save(
        slug="nims-mitglieder",
        owner_region=state,
        name_de="Mitglieder des Netzwerks Integration und Migration Sachsen (NIMS)",
        name_en="Members of the Saxony integration and migration network (NIMS)",
        unit="Mitglieder",
        source="Sächsischer Ausländerbeauftragter",
        published=True,
    )
    category_save(
        indicator=members,
        slug="organisationen",
        name_de="Organisationen",
        name_en="Organisations",
        position=1,
    )
    category_save(
        indicator=members, slug="einzelpersonen", name_de="Einzelpersonen", name_en="Individuals", position=2
    )
    indicator_save(
        slug="nims-teilnehmende",
        owner_region=state,
        name_de="Teilnehmende der NIMS-Netzwerktreffen",
        name_en="Participants of the NIMS network meetings",
        unit="Personen",
        source="Sächsischer Ausländerbeauftragter",
        published=True,
    )
    commissioners = indicator_save(
        slug="kaib-anzahl",
        owner_region=state,
        name_de="Kommunale Ausländer- und Integrationsbeauftragte (KAIB)",
        name_en="Municipal commissioners for foreigners and integration",
        unit="Personen",
        source="Sächsischer Ausländerbeauftragter",
        published=True,
    )
    category_save(
        indicator=commissioners, slug="ehrenamtlich", name_de="ehrenamtlich", name_en="volunteers", position=1
    )

    indicator_save(
        slug="einwohner",
        owner_region=state,
        name_de="Einwohner:innen (fiktive Beispielwerte)",
        name_en="Inhabitants (fictitious example values)",
        unit="Personen",
        source="Fiktive Beispieldaten (Demo)",
        notes="Demo: fiktive, gerundete Werte, keine amtliche Statistik. Grundlage der Werte je 1.000 Einwohner:innen.",
        published=True,
        counts_inhabitants=True,
    )

    result = MonitoringDemoResult(indicators=5)
    for counts in (
        _import(
            "nordsachsen_auslaender.csv",
            shape="wide",
            indicator=foreigners,
            region=nordsachsen,
            source="Landratsamt Nordsachsen, Newsletter Integration (Juni 2022)",
        ),
        _import("netzwerk_kennzahlen.csv", shape="long"),
        _import("einwohner_fiktiv.csv", shape="long"),
    ):
        result.created += counts[0]
        result.updated += counts[1]
        result.unchanged += counts[2]
    return result
