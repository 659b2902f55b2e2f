"""Writes: indicators, their categories and their publication are audit-logged and all or nothing; a
dry run stores nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.monitoring.models import Category, Indicator, Observation, ObservationRevision
from integrationsnetz.monitoring.services import (
    CategoryInput,
    indicator_create,
    indicator_publish,
    indicator_store,
    indicator_update,
    observation_upload_create,
)
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory, ObservationFactory


def test_indicator_changes_are_audit_logged(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", unit="Personen", owner_region=actors.nordsachsen)
    indicator.unit = "Prozent"
    indicator_store(indicator=indicator, actor=actors.office)
    entry = AuditLogEntry.objects.get(object_type="monitoring.indicator")
    assert entry.action == AuditLogEntry.Action.UPDATE and entry.actor == actors.office
    assert entry.changes == {"unit": ["Personen", "Prozent"]}
    assert list(entry.regions.all()) == [actors.nordsachsen]


def test_the_dry_run_counts_but_stores_nothing(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    CategoryFactory(indicator=indicator, slug="eu")
    upload = observation_upload_create(
        owner=actors.owner,
        file_name="a.csv",
        content=b"Gruppe;2021;2022\neu;1;2\n",
        shape="wide",
        indicator=indicator,
        region=actors.nordsachsen,
    )
    assert upload.summary == {"values": 2, "created": 2, "updated": 0, "unchanged": 0}
    assert upload.errors == []
    assert not Observation.objects.exists() and not ObservationRevision.objects.exists()


def _unchanged(indicator: Indicator) -> dict[str, Any]:
    """The indicator's own values as ``indicator_update`` takes them, to change only its categories."""
    fields = ("slug", "owner_region", "name_de", "name_en", "unit", "source", "notes")
    return {name: getattr(indicator, name) for name in fields}


def _input(*rows: tuple[str, str], pks: dict[str, int] | None = None) -> list[CategoryInput]:
    pks = pks or {}
    return [CategoryInput(slug=slug, name_de=name, pk=pks.get(slug)) for slug, name in rows]


def test_an_indicator_is_created_unpublished_with_its_categories_and_logged(actors: Any) -> None:
    indicator = indicator_create(
        actor=actors.owner,
        slug="beratungen",
        owner_region=actors.nordsachsen,
        name_de="Beratungen",
        name_en="Counselling sessions",
        unit="Anzahl",
        categories=_input(("erst", "Erstberatung"), ("folge", "Folgeberatung")),
    )
    assert indicator.published is False
    assert [(c.slug, c.position) for c in indicator.categories.order_by("position")] == [
        ("erst", 1),
        ("folge", 2),
    ]
    created = AuditLogEntry.objects.get(object_type="monitoring.indicator")
    assert created.action == AuditLogEntry.Action.CREATE and created.actor == actors.owner
    assert created.changes["slug"] == [None, "beratungen"]
    assert list(created.regions.all()) == [actors.nordsachsen]
    assert AuditLogEntry.objects.filter(object_type="monitoring.category", action="create").count() == 2


def test_a_refused_category_leaves_no_indicator_behind(actors: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        indicator_create(
            actor=actors.owner,
            slug="beratungen",
            owner_region=actors.nordsachsen,
            name_de="Beratungen",
            categories=_input(("erst", "Erstberatung"), ("erst", "Noch einmal")),
        )
    assert "Two categories have the short name “erst”." in refused.value.message_dict["categories"]
    assert not Indicator.objects.exists() and not AuditLogEntry.objects.exists()


def test_categories_are_renamed_reordered_added_and_removed(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    eu: Any = CategoryFactory(indicator=indicator, slug="eu", name_de="EU", position=1)
    title: Any = CategoryFactory(indicator=indicator, slug="titel", name_de="Titel", position=2)
    unused: Any = CategoryFactory(indicator=indicator, slug="alt", name_de="Alt", position=3)
    ObservationFactory(indicator=indicator, category=eu, region=actors.nordsachsen)
    indicator_update(
        indicator=indicator,
        actor=actors.owner,
        **_unchanged(indicator),
        categories=[
            CategoryInput(pk=title.pk, slug="aufenthaltstitel", name_de="Aufenthaltstitel"),
            CategoryInput(pk=eu.pk, slug="eu", name_de="EU-Bürger:innen"),
            CategoryInput(slug="asyl", name_de="Im Asylverfahren"),
        ],
    )
    assert [(c.slug, c.name_de) for c in indicator.categories.order_by("position")] == [
        ("aufenthaltstitel", "Aufenthaltstitel"),
        ("eu", "EU-Bürger:innen"),
        ("asyl", "Im Asylverfahren"),
    ]
    assert not Category.objects.filter(pk=unused.pk).exists()
    actions = sorted(
        AuditLogEntry.objects.filter(object_type="monitoring.category").values_list("action", flat=True)
    )
    assert actions == ["create", "delete", "update", "update"]
    # Nothing about the indicator itself changed, so it has no entry of its own.
    assert not AuditLogEntry.objects.filter(object_type="monitoring.indicator").exists()


def test_two_categories_may_swap_their_short_names(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    first: Any = CategoryFactory(indicator=indicator, slug="a", name_de="A")
    second: Any = CategoryFactory(indicator=indicator, slug="b", name_de="B")
    indicator_update(
        indicator=indicator,
        actor=actors.office,
        **_unchanged(indicator),
        categories=[
            CategoryInput(pk=first.pk, slug="b", name_de="A"),
            CategoryInput(pk=second.pk, slug="a", name_de="B"),
        ],
    )
    assert {c.pk: c.slug for c in indicator.categories.all()} == {first.pk: "b", second.pk: "a"}


def test_used_categories_keep_their_short_name_and_stay(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    eu: Any = CategoryFactory(indicator=indicator, slug="eu", name_de="EU")
    ObservationFactory(indicator=indicator, category=eu, region=actors.nordsachsen)
    for categories, message in (
        ([], "“EU” cannot be removed: 1 value uses it."),
        ([CategoryInput(pk=eu.pk, slug="eu-buerger", name_de="EU")], "The short name of “EU” cannot change"),
    ):
        with pytest.raises(ValidationError) as refused:
            indicator_update(
                indicator=indicator,
                actor=actors.owner,
                slug="figures",
                owner_region=actors.nordsachsen,
                name_de="Neuer Name",
                categories=categories,
            )
        [problem] = refused.value.error_dict["categories"]
        assert (
            message in problem.message % (problem.params or {})
            and (problem.params or {})["category"] == eu.pk
        )
    indicator.refresh_from_db()
    assert indicator.name_de != "Neuer Name" and list(indicator.categories.all()) == [eu]
    assert not AuditLogEntry.objects.exists()


def test_a_category_of_another_indicator_is_refused(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    foreign: Any = CategoryFactory(indicator=IndicatorFactory(slug="other"), slug="x", name_de="X")
    with pytest.raises(ValidationError):
        indicator_update(
            indicator=indicator,
            actor=actors.owner,
            slug="figures",
            owner_region=actors.nordsachsen,
            name_de="Figures",
            categories=[CategoryInput(pk=foreign.pk, slug="x", name_de="Stolen")],
        )
    foreign.refresh_from_db()
    assert foreign.name_de == "X" and foreign.indicator.slug == "other"


def test_the_slug_is_stable_once_figures_exist(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen, unit="Personen")
    values = {"actor": actors.owner, "owner_region": actors.nordsachsen, "name_de": "Zahlen"}
    renamed = indicator_update(indicator=indicator, slug="zahlen", unit="Prozent", **values)
    assert renamed.slug == "zahlen"
    entry = AuditLogEntry.objects.get(object_type="monitoring.indicator")
    assert entry.changes["slug"] == ["figures", "zahlen"] and entry.changes["unit"] == ["Personen", "Prozent"]
    ObservationFactory(indicator=indicator, region=actors.nordsachsen)
    with pytest.raises(ValidationError) as refused:
        indicator_update(indicator=indicator, slug="kennzahl", **values)
    assert "figures of this indicator exist" in refused.value.message_dict["slug"][0]
    assert Indicator.objects.get(pk=indicator.pk).slug == "zahlen"


def test_a_taken_slug_is_refused_at_its_field(actors: Any) -> None:
    IndicatorFactory(slug="taken")
    with pytest.raises(ValidationError) as refused:
        indicator_create(actor=actors.office, slug="taken", owner_region=actors.state, name_de="Neu")
    assert "slug" in refused.value.message_dict


def test_publishing_and_withdrawing_are_logged_once(actors: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", published=False, owner_region=actors.nordsachsen)
    assert indicator_publish(indicator=indicator, actor=actors.owner, published=True).published
    assert indicator_publish(indicator=indicator, actor=actors.owner, published=True).published
    entries = AuditLogEntry.objects.filter(object_type="monitoring.indicator")
    assert [entry.changes for entry in entries] == [{"published": ["False", "True"]}]
    assert not indicator_publish(indicator=indicator, actor=actors.office, published=False).published
    latest = AuditLogEntry.objects.filter(object_type="monitoring.indicator")
    assert [entry.changes for entry in latest] == [
        {"published": ["True", "False"]},
        {"published": ["False", "True"]},
    ]
