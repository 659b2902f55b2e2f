"""The core half of ``manage.py load_demo``: regions of Saxony with official keys, vocabularies."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup

pytestmark = pytest.mark.django_db

DISTRICTS_AND_CITIES = {
    "14511": ("Chemnitz", Region.Kind.CITY),
    "14521": ("Erzgebirgskreis", Region.Kind.DISTRICT),
    "14522": ("Mittelsachsen", Region.Kind.DISTRICT),
    "14523": ("Vogtlandkreis", Region.Kind.DISTRICT),
    "14524": ("Zwickau", Region.Kind.DISTRICT),
    "14612": ("Dresden", Region.Kind.CITY),
    "14625": ("Bautzen", Region.Kind.DISTRICT),
    "14626": ("Görlitz", Region.Kind.DISTRICT),
    "14627": ("Meißen", Region.Kind.DISTRICT),
    "14628": ("Sächsische Schweiz-Osterzgebirge", Region.Kind.DISTRICT),
    "14713": ("Leipzig", Region.Kind.CITY),
    "14729": ("Leipzig (Landkreis)", Region.Kind.DISTRICT),
    "14730": ("Nordsachsen", Region.Kind.DISTRICT),
}

TOWNS = {
    "14730110": ("Eilenburg", "14730"),
    "14730070": ("Delitzsch", "14730"),
    "14730230": ("Oschatz", "14730"),
    "14730270": ("Schkeuditz", "14730"),
    "14730300": ("Taucha", "14730"),
    "14730310": ("Torgau", "14730"),
    "14627210": ("Radebeul", "14627"),
    "14627230": ("Riesa", "14627"),
    "14522180": ("Freiberg", "14522"),
}


def test_the_state_has_its_ten_districts_and_three_district_free_cities() -> None:
    core_demo_load()

    state = Region.objects.get(key="14")
    assert (state.name, state.kind, state.parent) == ("Freistaat Sachsen", Region.Kind.STATE, None)
    children = Region.objects.filter(parent=state)
    assert {region.key: (region.name, region.kind) for region in children} == DISTRICTS_AND_CITIES
    assert all(region.path == f"/14/{region.key}/" and region.depth == 1 for region in children)


def test_the_towns_the_seeds_name_hang_under_their_district_with_their_official_key() -> None:
    core_demo_load()

    for key, (name, district) in TOWNS.items():
        town = Region.objects.select_related("parent").get(key=key)
        assert (town.name, town.kind, town.parent and town.parent.key) == (name, Region.Kind.TOWN, district)
        assert town.path == f"/14/{district}/{key}/"
        assert len(key) == 8 and key.isdigit() and key.startswith(district)


def test_social_areas_of_nordsachsen_carry_local_keys() -> None:
    core_demo_load()

    areas = Region.objects.filter(kind=Region.Kind.SOCIAL_AREA)
    assert {area.name for area in areas} >= {"Sozialraum Eilenburg", "Sozialraum Schkeuditz"}
    assert all(area.key.startswith("14730-SR-") and area.path == f"/14/14730/{area.key}/" for area in areas)


def test_vocabularies_have_the_kursbuch_fields_residence_statuses_and_rtl_languages() -> None:
    core_demo_load()

    fields = {field.slug: field for field in FieldOfAction.objects.all()}
    assert fields["sprache"].position == 1
    assert fields["gesundheit-psychosoziale-versorgung"].name_en == "Health and psychosocial care"
    assert {"sprache", "bildung", "arbeit-ausbildung", "zusammenleben-teilhabe", "wohnen"} <= set(fields)
    groups = set(TargetGroup.objects.values_list("slug", flat=True))
    assert {
        "asylsuchende",
        "geduldete",
        "anerkannte-gefluechtete",
        "vertriebene-ukraine",
        "eu-buergerinnen",
        "drittstaatsangehoerige",
        "fachkraefte",
        "studierende",
        "spaetaussiedler",
        "unbegleitete-minderjaehrige",
    } <= groups
    directions = dict(Language.objects.values_list("code", "direction"))
    assert {code for code, direction in directions.items() if direction == Language.Direction.RTL} == {
        "ar",
        "fa",
        "ps",
        "ur",
        "he",
    }
    assert directions["ku"] == Language.Direction.LTR  # Kurmanji, see core/demo/README.md
    assert Language.objects.get(code="uk").native_name == "Українська"
    assert all(len(code) == 2 for code in directions)


def test_loading_twice_creates_nothing_and_keeps_the_offices_edits() -> None:
    first = core_demo_load()
    assert first.regions == 29 and first.languages == Language.objects.count()
    Language.objects.filter(code="ar").update(name_de="Arabisch (bearbeitet)")

    second = core_demo_load()

    assert (second.regions, second.fields_of_action, second.target_groups, second.languages) == (0, 0, 0, 0)
    assert Region.objects.count() == 29
    assert Language.objects.get(code="ar").name_de == "Arabisch (bearbeitet)"


@override_settings(PRODUCTION=True)
def test_load_demo_refuses_to_run_in_production_without_force() -> None:
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=StringIO())

    assert not Region.objects.exists()


def test_load_demo_in_production_with_force_runs(settings: Any) -> None:
    settings.PRODUCTION = True

    call_command("load_demo", "--force", "--no-users", stdout=StringIO())

    assert Region.objects.filter(key="14730").exists()
