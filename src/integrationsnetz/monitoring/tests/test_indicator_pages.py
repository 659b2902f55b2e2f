"""The indicator pages: list, create, edit and publish, with their permission refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.monitoring.models import Category, Indicator
from integrationsnetz.monitoring.tests.factories import CategoryFactory, IndicatorFactory, ObservationFactory

LIST = reverse("monitoring:indicator_list")
CREATE = reverse("monitoring:indicator_create")


def _edit(slug: str) -> str:
    return reverse("monitoring:indicator_edit", args=[slug])


def _publish(slug: str) -> str:
    return reverse("monitoring:indicator_publish", args=[slug])


def _post_data(
    indicator: dict[str, Any], categories: list[dict[str, Any]], *, initial: int = 0
) -> dict[str, Any]:
    """The form as the page sends it: the indicator's fields and one row per category."""
    data = {
        "name_de": "",
        "name_en": "",
        "slug": "",
        "unit": "",
        "notes": "",
        "source": "",
        **indicator,
        "categories-TOTAL_FORMS": str(len(categories)),
        "categories-INITIAL_FORMS": str(initial),
        "categories-MIN_NUM_FORMS": "0",
        "categories-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(categories):
        for name, value in row.items():
            data[f"categories-{index}-{name}"] = value
    return data


def _rows(indicator: Indicator) -> list[dict[str, Any]]:
    return [
        {"category": c.pk, "name_de": c.name_de, "name_en": c.name_en, "slug": c.slug, "position": index}
        for index, c in enumerate(indicator.categories.order_by("position", "slug"), start=1)
    ]


def _fields(indicator: Indicator, **changes: Any) -> dict[str, Any]:
    values = {
        "name_de": indicator.name_de,
        "name_en": indicator.name_en,
        "slug": indicator.slug,
        "unit": indicator.unit,
        "notes": indicator.notes,
        "source": indicator.source,
        "owner_region": indicator.owner_region_id,
    }
    return {**values, **changes}


def test_the_overview_links_the_indicators_for_those_who_maintain_them(
    client: Any, actors: Any, login: Any
) -> None:
    assert f'href="{LIST}"' not in client.get(reverse("monitoring:overview")).content.decode()
    login(actors.editor)
    assert f'href="{LIST}"' not in client.get(reverse("monitoring:overview")).content.decode()
    login(actors.owner)
    assert f'href="{LIST}"' in client.get(reverse("monitoring:overview")).content.decode()


def test_the_list_shows_the_users_indicators_with_their_figures(
    client: Any, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(6):
        indicator: Any = IndicatorFactory(
            slug=f"figures-{number}", published=number % 2 == 0, owner_region=actors.nordsachsen
        )
        for region in (actors.nordsachsen, actors.eilenburg):
            ObservationFactory(indicator=indicator, region=region, period_label="Juni 2022")
    IndicatorFactory(slug="elsewhere", owner_region=actors.mittelsachsen)
    login(actors.owner)
    with django_assert_max_num_queries(6):  # session, user, second factor, memberships, indicators
        response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert html.count('<tr>\n    <th scope="row">') == 6 and "elsewhere" not in html
    row = html.split("<code>figures-1</code>")[1].split("</tr>")[0]
    assert "not published" in row and "<td>2</td>" in row and "<td>1</td>" in row and "Juni 2022" in row
    assert f'href="{_edit("figures-1")}"' in html and f'href="{_publish("figures-1")}"' in html
    assert f'href="{CREATE}"' in html


def test_the_pages_refuse_who_maintains_no_figures(client: Any, actors: Any, login: Any) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    for url in (LIST, CREATE, _edit("figures"), _publish("figures")):
        assert client.get(url).status_code == 302  # to the login
    login(actors.editor)
    for url in (LIST, CREATE, _edit("figures"), _publish("figures")):
        assert client.get(url).status_code == 403
    assert (
        client.post(
            CREATE, _post_data({"name_de": "X", "owner_region": actors.nordsachsen.pk}, [])
        ).status_code
        == 403
    )
    assert client.post(_publish("figures"), {"published": "0"}).status_code == 403
    indicator.refresh_from_db()
    assert indicator.published and Indicator.objects.count() == 1


def test_a_coordinator_cannot_edit_another_regions_indicator(client: Any, actors: Any, login: Any) -> None:
    published: Any = IndicatorFactory(slug="figures", published=True, owner_region=actors.nordsachsen)
    IndicatorFactory(slug="hidden", published=False, owner_region=actors.nordsachsen)
    login(actors.outsider)
    # A published indicator is known to everyone: 403. An unpublished one does not exist for them: 404.
    assert client.get(_edit("figures")).status_code == 403
    assert client.get(_edit("hidden")).status_code == 404
    response = client.post(_edit("figures"), _post_data(_fields(published, name_de="Übernommen"), []))
    assert response.status_code == 403
    assert client.post(_publish("figures"), {"published": "0"}).status_code == 403
    assert client.post(_publish("hidden"), {"published": "1"}).status_code == 404
    assert Indicator.objects.get(slug="figures").name_de == published.name_de
    assert Indicator.objects.filter(published=True).count() == 1
    assert not AuditLogEntry.objects.exists()


def test_create_an_indicator_with_categories(
    client: Any, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    login(actors.owner)
    with django_assert_max_num_queries(6):
        page = client.get(CREATE)
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<h1") == 1
    assert 'name="categories-2-name_de"' in html  # three empty rows
    assert 'name="categories-0-DELETE"' not in html  # nothing to remove yet
    assert f'<option value="{actors.mittelsachsen.pk}"' not in html  # only the coordinator's regions
    data = _post_data(
        {"name_de": "Beratungen in Eilenburg", "unit": "Anzahl", "owner_region": actors.eilenburg.pk},
        [
            {"name_de": "Folgeberatung", "position": "2"},
            {"name_de": "Erstberatung", "name_en": "First visit", "position": "1"},
            {},
        ],
    )
    response = client.post(CREATE, data)
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and response["Location"] == _edit("beratungen-in-eilenburg")
    assert indicator.slug == "beratungen-in-eilenburg" and not indicator.published
    assert list(indicator.categories.order_by("position").values_list("slug", "name_en")) == [
        ("erstberatung", "First visit"),
        ("folgeberatung", ""),
    ]
    assert AuditLogEntry.objects.filter(actor=actors.owner).count() == 3


@pytest.mark.parametrize(
    ("fields", "rows", "field", "message"),
    [
        ({"name_de": ""}, [], "id_name_de", "This field is required."),
        ({"slug": "Keine Kurzform!"}, [], "id_slug", "Enter a valid “slug”"),
        ({"slug": "taken"}, [], "id_slug", "already exists"),
        (
            {},
            [{"name_de": "A", "slug": "a"}, {"name_de": "B", "slug": "a"}],
            "id_categories-1-slug",
            "Category 1 has this short name already.",
        ),
        ({}, [{"name_en": "no German name"}], "id_categories-0-name_de", "This field is required."),
    ],
)
def test_bad_input_is_shown_at_its_field_and_writes_nothing(
    client: Any,
    actors: Any,
    login: Any,
    fields: dict[str, Any],
    rows: list[dict[str, Any]],
    field: str,
    message: str,
) -> None:
    IndicatorFactory(slug="taken", owner_region=actors.nordsachsen)
    login(actors.owner)
    values = {"name_de": "Neu", "owner_region": actors.nordsachsen.pk, **fields}
    response = client.post(CREATE, _post_data(values, rows))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'href="#{field}"' in html  # the summary links to the field
    assert f'id="{field}_error"' in html and 'aria-invalid="true"' in html
    assert Indicator.objects.count() == 1 and not Category.objects.exists()
    assert not AuditLogEntry.objects.exists()


def test_a_coordinator_cannot_give_an_indicator_to_another_region(
    client: Any, actors: Any, login: Any
) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    login(actors.owner)
    response = client.post(
        _edit("figures"), _post_data(_fields(indicator, owner_region=actors.mittelsachsen.pk), [])
    )
    assert response.status_code == 200 and 'id="id_owner_region_error"' in response.content.decode()
    assert Indicator.objects.get(pk=indicator.pk).owner_region == actors.nordsachsen


def test_edit_renames_reorders_adds_and_removes_categories(
    client: Any, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen)
    for slug in ("a", "b", "c"):
        CategoryFactory(indicator=indicator, slug=slug, name_de=slug.upper())
    login(actors.owner)
    with django_assert_max_num_queries(8):
        page = client.get(_edit("figures"))
    assert page.status_code == 200 and 'value="a"' in page.content.decode()
    rows = _rows(indicator)
    rows[0].update(name_de="Erste", position="3")  # renamed and moved to the end
    rows[2]["DELETE"] = "on"
    rows.append({"name_de": "Neu", "slug": "neu", "position": "2"})
    response = client.post(_edit("figures"), _post_data(_fields(indicator, unit="Prozent"), rows, initial=3))
    assert response.status_code == 302
    assert list(indicator.categories.order_by("position").values_list("slug", "name_de")) == [
        ("b", "B"),
        ("neu", "Neu"),
        ("a", "Erste"),
    ]
    assert Indicator.objects.get(pk=indicator.pk).unit == "Prozent"


def test_used_categories_and_the_slug_with_figures_are_refused_with_a_message(
    client: Any, actors: Any, login: Any
) -> None:
    indicator: Any = IndicatorFactory(slug="figures", owner_region=actors.nordsachsen, unit="Personen")
    used: Any = CategoryFactory(indicator=indicator, slug="eu", name_de="EU")
    ObservationFactory(indicator=indicator, category=used, region=actors.nordsachsen)
    login(actors.owner)
    rows = _rows(indicator)
    rows[0]["DELETE"] = "on"
    html = client.post(
        _edit("figures"), _post_data(_fields(indicator, unit="Prozent"), rows, initial=1)
    ).content.decode()
    assert "Nothing was saved" in html and "“EU” cannot be removed: 1 value uses it." in html
    assert 'href="#id_categories-0-name_de"' in html
    html = client.post(
        _edit("figures"), _post_data(_fields(indicator, slug="zahlen"), _rows(indicator), initial=1)
    ).content.decode()
    assert 'id="id_slug_error"' in html and "figures of this indicator exist" in html
    indicator.refresh_from_db()
    assert (indicator.slug, indicator.unit) == ("figures", "Personen") and indicator.categories.count() == 1
    assert not AuditLogEntry.objects.exists()


def test_unpublished_stays_hidden_until_published_after_a_confirmation(
    client: Any, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    login(actors.owner)
    client.post(
        CREATE,
        _post_data(
            {"name_de": "Beratungen", "slug": "beratungen", "owner_region": actors.nordsachsen.pk},
            [{"name_de": "Erstberatung"}, {"name_de": "Folgeberatung"}],
        ),
    )
    indicator = Indicator.objects.get(slug="beratungen")
    for region in (actors.nordsachsen, actors.eilenburg):
        ObservationFactory(indicator=indicator, region=region, period_label="Juni 2022")
    client.logout()
    chart = reverse("monitoring:chart", args=["14730", "beratungen", "svg"])

    def public_sees_it() -> list[bool]:
        return [
            "Beratungen" in client.get(reverse("monitoring:dashboard", args=["14730"])).content.decode(),
            client.get(chart).status_code == 200,
            client.get("/api/v1/monitoring/indicators/beratungen").status_code == 200,
            "beratungen" in client.get("/api/v1/monitoring/observations.csv").content.decode(),
        ]

    assert public_sees_it() == [False, False, False, False]
    login(actors.owner)
    with django_assert_max_num_queries(8):
        confirmation = client.get(_publish("beratungen"))
    html = confirmation.content.decode()
    assert "everyone can see" in html and "Eilenburg (14730110)" in html and "Nordsachsen (14730)" in html
    assert "Erstberatung; Folgeberatung" in html and "1 period, the last one Juni 2022" in html
    assert client.post(_publish("beratungen"), {"published": "yes"}).status_code == 400
    assert not Indicator.objects.get(slug="beratungen").published
    assert client.post(_publish("beratungen"), {"published": "1"})["Location"] == LIST
    client.logout()
    assert public_sees_it() == [True, True, True, True]
    login(actors.owner)
    assert "leaves the dashboards" in client.get(_publish("beratungen")).content.decode()
    client.post(_publish("beratungen"), {"published": "0"})
    client.logout()
    assert public_sees_it() == [False, False, False, False]
    changes = [e.changes for e in AuditLogEntry.objects.filter(object_type="monitoring.indicator")]
    assert changes[:2] == [{"published": ["True", "False"]}, {"published": ["False", "True"]}]


def test_the_office_chooses_the_indicator_that_counts_the_inhabitants(
    client: Any, actors: Any, login: Any
) -> None:
    old: Any = IndicatorFactory(slug="einwohner-alt", counts_inhabitants=True, owner_region=actors.state)
    new: Any = IndicatorFactory(slug="einwohner-2024", owner_region=actors.state)
    url = reverse("monitoring:indicator_population", args=[new.slug])
    login(actors.office)
    page = client.get(_edit(new.slug)).content.decode()
    assert f'action="{url}"' in page and old.name_en in page  # says which one counts them now (English test)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert list(Indicator.objects.filter(counts_inhabitants=True)) == [new]
    changed = AuditLogEntry.objects.filter(object_id__in=[str(old.pk), str(new.pk)], action="update")
    assert sorted(str(entry.changes["counts_inhabitants"][1]) for entry in changed) == ["False", "True"]
    client.post(url)  # again: nothing changes, nothing is recorded
    assert changed.count() == 2
    assert f'action="{url}"' not in client.get(_edit(new.slug)).content.decode()


def test_only_the_office_chooses_the_inhabitants(client: Any, actors: Any, login: Any) -> None:
    indicator: Any = IndicatorFactory(slug="einwohner-nordsachsen", owner_region=actors.nordsachsen)
    url = reverse("monitoring:indicator_population", args=[indicator.slug])
    login(actors.owner)  # the coordinator maintains the indicator, but the choice concerns every region
    assert (
        reverse("monitoring:indicator_population", args=[indicator.slug])
        not in client.get(_edit(indicator.slug)).content.decode()
    )
    assert client.post(url).status_code == 404
    assert not Indicator.objects.filter(counts_inhabitants=True).exists()
