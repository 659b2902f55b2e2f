"""The demo: the Kursbuch 2014 and the approaches of the seeds; loading it twice changes nothing."""

import pytest

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.actionplan.demo import load_demo
from integrationsnetz.actionplan.models import (
    ActionPlan,
    Adoption,
    Approach,
    ImplementationStep,
    PlanField,
    ProgressNote,
    StepLink,
)
from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.directory.demo import directory_demo_load
from integrationsnetz.meetings.demo import load_demo as meetings_demo_load
from integrationsnetz.monitoring.demo import load_demo as monitoring_demo_load


@pytest.fixture
def demo(db):
    core_demo_load()
    directory_demo_load(with_users=False)
    monitoring_demo_load()
    meetings_demo_load()
    return load_demo()


def _counts():
    return [
        model.objects.count()
        for model in (
            ActionPlan,
            PlanField,
            ImplementationStep,
            ProgressNote,
            StepLink,
            Approach,
            Adoption,
            AuditLogEntry,
        )
    ]


def test_the_kursbuch_has_the_five_fields_of_action_of_seed_002(demo):
    plan = ActionPlan.objects.get(slug="kursbuch-2014")
    assert plan.title == "Kursbuch Integration und Migration Sachsen"
    assert plan.subtitle == "Initiativen zur Einigkeit in Vielfalt"
    assert plan.network is not None and plan.network.short_name == "NIMS"
    assert str(plan.period_start) == "2014-06-27"
    assert [
        (field.title, field.goal, getattr(field.field_of_action, "slug", None)) for field in plan.fields.all()
    ] == [
        ("Deutsch für alle", "Spracherwerb optimieren und für alle Zielgruppen ermöglichen", "sprache"),
        ("Integration durch Bildung", "Bildungsorganisationen interkulturell öffnen", "bildung"),
        (
            "Vielfalt als Stärke",
            "Integration von Arbeitnehmern mit Migrationshintergrund in kleine und mittlere Unternehmen verbessern",
            "arbeit-ausbildung",
        ),
        (
            "Zusammenleben und Inklusion",
            "Qualifizierte Flüchtlingssozialarbeit ermöglichen",
            "zusammenleben-teilhabe",
        ),
        (
            "Aufbau einer psychosozialen Versorgungsstruktur für traumatisierte Flüchtlinge in Sachsen",
            "",
            "gesundheit-psychosoziale-versorgung",
        ),
    ]
    assert "fiktiv" in plan.summary
    assert "Verstetigung" in plan.permanence_proposals
    # Every step has a responsible organisation from the directory demo, except the one left open on purpose.
    assert ImplementationStep.objects.filter(responsible_organisations__isnull=True).count() == 1
    # Two figures, and the meetings the dated notes report on (1 November 2017: psychosocial care).
    psychosocial = ImplementationStep.objects.get(title__startswith="Landeskoordination der psychosozialen")
    assert [str(link.content_object) for link in psychosocial.links.all()] == [
        "NIMS-Netzwerktreffen November 2017"
    ]
    assert StepLink.objects.filter(content_type__model="indicator").count() == 2


def test_the_library_holds_the_approaches_of_the_seeds_with_their_facts(demo):
    assert set(Approach.objects.values_list("slug", flat=True)) == {
        "akzess",
        "heim-tuev",
        "arbeitsmarktmentoren",
        "kommune-im-dialog",
        "ichhelfe-jetzt",
        "welcome-app-germany",
        "resque-plus",
    }
    akzess = Approach.objects.get(slug="akzess")
    assert "rund 90 Prozent der Fälle" in akzess.results
    assert "vier Wochen" in akzess.results
    assert akzess.contact_person is not None and akzess.contact_person.name == "Reinhard Boos"
    mentors = Approach.objects.get(slug="arbeitsmarktmentoren")
    assert [adoption.region.name for adoption in mentors.adoptions.all()] == ["Nordsachsen"]
    assert "1.000" in Approach.objects.get(slug="ichhelfe-jetzt").results


def test_loading_twice_changes_nothing(demo):
    before = _counts()
    assert "0 steps created, 0 meetings linked" in load_demo()
    assert _counts() == before
