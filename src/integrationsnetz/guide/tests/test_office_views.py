"""The office's pages: matters, languages and translators; refusals change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.core.tests.factories import FieldOfActionFactory
from integrationsnetz.guide import services
from integrationsnetz.guide.models import GuideLanguage, Matter, Translator
from integrationsnetz.guide.tests.conftest import Guide
from integrationsnetz.guide.tests.factories import MatterFactory

pytestmark = pytest.mark.django_db

MATTERS = reverse("guide:matters")
CREATE = reverse("guide:matter_create")
LANGUAGES = reverse("guide:languages")
TRANSLATORS = reverse("guide:translators")


def new_matter(guide: Guide, **changes: Any) -> dict[str, Any]:
    data = {
        "slug": "kita-platz",
        "name": "Kita-Platz",
        "description": "Einen Platz in einer Kindertagesstätte finden.",
        "what_to_bring": "Geburtsurkunde",
        "field_of_action": guide.permit.field_of_action_id,
        "position": "3",
        "leika_key": "99107010000000",
    }
    data.update(changes)
    return data


# --- Matters -------------------------------------------------------------------------------------


def test_the_office_lists_matters_with_entries_per_region(
    client: Any, guide: Guide, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    field = FieldOfActionFactory(slug="arbeit", name_de="Arbeit", name_en="Work")
    for number in range(20):
        MatterFactory(slug=f"anliegen-{number}", field_of_action=field)
    login(actors.office)
    with django_assert_max_num_queries(10):
        response = client.get(MATTERS)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Nordsachsen: 1; Eilenburg: 1" in html
    assert reverse("guide:matter_edit", kwargs={"slug": "arbeitserlaubnis"}) in html
    assert CREATE in html


def test_a_coordinator_reads_the_matters_without_edit_links(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    login(actors.owner)
    html = client.get(MATTERS).content.decode()
    assert "Arbeitserlaubnis" in html
    assert (
        CREATE not in html and reverse("guide:matter_edit", kwargs={"slug": "arbeitserlaubnis"}) not in html
    )


def test_others_are_refused_the_matters(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    response = client.get(MATTERS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    login(actors.editor)
    assert client.get(MATTERS).status_code == 404


def test_the_office_creates_and_edits_a_matter(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    login(actors.office)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, new_matter(guide))
    assert response.status_code == 302
    matter = Matter.objects.get(slug="kita-platz")
    assert (matter.name, matter.position, matter.leika_key) == ("Kita-Platz", 3, "99107010000000")
    assert AuditLogEntry.objects.filter(
        object_type="guide.matter", action="create", actor=actors.office
    ).exists()
    edit = reverse("guide:matter_edit", kwargs={"slug": "kita-platz"})
    page = client.get(edit).content.decode()
    assert 'name="slug"' not in page  # the address of a matter stays
    assert "0 entries and 0 forms" in page
    response = client.post(edit, new_matter(guide, name="Kita- oder Krippenplatz", slug="anders"))
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.name == "Kita- oder Krippenplatz" and matter.slug == "kita-platz"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"slug": "arbeitserlaubnis"}, "slug"),  # taken
        ({"slug": "Kita Platz"}, "slug"),
        ({"leika_key": "123"}, "leika_key"),
        ({"position": "-1"}, "position"),
        ({"field_of_action": "999999"}, "field_of_action"),
    ],
)
def test_bad_matter_input_names_the_field_and_writes_nothing(
    client: Any, guide: Guide, actors: Any, login: Any, changes: dict[str, str], field: str
) -> None:
    login(actors.office)
    matters, audit = Matter.objects.count(), AuditLogEntry.objects.count()
    response = client.post(CREATE, new_matter(guide, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    assert Matter.objects.count() == matters and AuditLogEntry.objects.count() == audit


def test_coordinators_cannot_change_matters(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    login(actors.outsider)
    edit = reverse("guide:matter_edit", kwargs={"slug": "arbeitserlaubnis"})
    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, new_matter(guide)).status_code == 404
    assert client.post(edit, new_matter(guide, name="Geändert")).status_code == 404
    retire = reverse("guide:matter_retire", kwargs={"slug": "arbeitserlaubnis"})
    assert client.post(retire, {"retired": "1"}).status_code == 404
    delete = reverse("guide:matter_delete", kwargs={"slug": "integrationskurs"})
    assert client.post(delete).status_code == 404
    guide.permit.refresh_from_db()
    assert guide.permit.name == "Arbeitserlaubnis" and not guide.permit.retired
    assert not Matter.objects.filter(slug="kita-platz").exists()
    assert Matter.objects.filter(slug="integrationskurs").exists()


def test_a_matter_in_use_is_retired_not_deleted(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    login(actors.office)
    delete = reverse("guide:matter_delete", kwargs={"slug": "arbeitserlaubnis"})
    assert (
        "2 entries and 0 forms name this matter, so it cannot be deleted"
        in client.get(delete).content.decode()
    )
    response = client.post(delete)
    assert response.status_code == 200
    assert "is used by 2 entries and 0 forms" in response.content.decode()
    assert Matter.objects.filter(slug="arbeitserlaubnis").exists()
    retire = reverse("guide:matter_retire", kwargs={"slug": "arbeitserlaubnis"})
    assert client.post(retire, {"retired": "1"}).status_code == 302
    guide.permit.refresh_from_db()
    assert guide.permit.retired
    finder = client.get(reverse("guide:finder", kwargs={"lang": "de"})).content.decode()
    assert 'value="arbeitserlaubnis"' not in finder
    assert "retired" in client.get(MATTERS).content.decode()
    client.post(retire, {"retired": "0"})
    guide.permit.refresh_from_db()
    assert not guide.permit.retired


def test_an_unused_matter_is_deleted(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    MatterFactory(slug="unbenutzt", field_of_action=guide.permit.field_of_action)
    login(actors.office)
    delete = reverse("guide:matter_delete", kwargs={"slug": "unbenutzt"})
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not Matter.objects.filter(slug="unbenutzt").exists()


# --- Languages -----------------------------------------------------------------------------------


def test_the_office_sees_languages_with_their_status(
    client: Any, guide: Guide, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    services.translation_save(
        actor=None, obj=guide.permit, field="name", language="uk", text="Дозвіл на роботу"
    )
    for code in ("ur", "ka", "he"):
        services.guide_language_add(actor=None, code=code)
    login(actors.office)
    with django_assert_max_num_queries(12):
        response = client.get(LANGUAGES)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span lang="ur" dir="rtl">اردو</span>' in html
    assert "<td>5</td>\n          <td>0</td>\n          <td>1</td>" in html  # Ukrainian: 5 missing, 1 current


def test_the_office_adds_and_deactivates_a_language(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    login(actors.office)
    assert client.post(LANGUAGES, {"code": "ti", "direction": ""}).status_code == 200  # Django lacks Tigrinya
    assert client.post(LANGUAGES, {"code": "ur", "direction": ""}).status_code == 302
    assert GuideLanguage.objects.get(language__code="ur").active
    assert client.get(reverse("guide:finder", kwargs={"lang": "ur"})).status_code == 200
    deactivate = reverse("guide:language_deactivate", kwargs={"lang": "ur"})
    assert client.post(deactivate).status_code == 302
    assert not GuideLanguage.objects.get(language__code="ur").active
    assert client.get(reverse("guide:finder", kwargs={"lang": "ur"})).status_code == 404
    assert "Offer again" in client.get(LANGUAGES).content.decode()
    assert client.post(LANGUAGES, {"code": "ur"}).status_code == 302
    assert GuideLanguage.objects.get(language__code="ur").active


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "xx"}, "code"),
        ({"code": ""}, "code"),
        ({"code": "ar"}, "code"),
        ({"code": "ur", "direction": "up"}, "direction"),
    ],
)
def test_bad_language_input_names_the_field_and_writes_nothing(
    client: Any, guide: Guide, actors: Any, login: Any, data: dict[str, str], field: str
) -> None:
    login(actors.office)
    response = client.post(LANGUAGES, data)
    assert response.status_code == 200 and f'id="id_{field}_error"' in response.content.decode()
    assert not GuideLanguage.objects.exists()


def test_coordinators_cannot_see_or_change_languages(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    row = services.guide_language_add(actor=None, code="ur")
    login(actors.owner)
    assert client.get(LANGUAGES).status_code == 404
    assert client.post(LANGUAGES, {"code": "ka"}).status_code == 404
    assert client.post(reverse("guide:language_deactivate", kwargs={"lang": "ur"})).status_code == 404
    row.refresh_from_db()
    assert row.active and GuideLanguage.objects.count() == 1


# --- Translators ---------------------------------------------------------------------------------


def test_the_office_grants_lists_and_revokes_translators(
    client: Any, guide: Guide, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    from integrationsnetz.accounts.tests.factories import UserFactory

    for number in range(10):
        person: Any = UserFactory(email=f"t{number}@example.org")
        services.translator_grant(actor=None, user=person, language="ar")
    login(actors.office)
    response = client.post(TRANSLATORS, {"email": "EDITOR@example.org", "language": "uk"})
    assert response.status_code == 302
    translator = Translator.objects.get(user=actors.editor)
    assert translator.language == "uk"
    with django_assert_max_num_queries(10):
        html = client.get(TRANSLATORS).content.decode()
    assert actors.editor.email in html and "Українська" in html and "t9@example.org" in html
    again = client.post(TRANSLATORS, {"email": actors.editor.email, "language": "uk"}).content.decode()
    assert 'id="id_email_error"' in again and "translates into this language already" in again
    revoke = reverse("guide:translator_revoke", kwargs={"pk": translator.pk})
    assert client.post(revoke).status_code == 302
    assert not Translator.objects.filter(user=actors.editor).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "nobody@example.org", "language": "ar"}, "email"),
        ({"email": "not an address", "language": "ar"}, "email"),
        ({"email": "editor@example.org", "language": "de"}, "language"),
        ({"email": "editor@example.org", "language": ""}, "language"),
    ],
)
def test_bad_translator_input_names_the_field_and_writes_nothing(
    client: Any, guide: Guide, actors: Any, login: Any, data: dict[str, str], field: str
) -> None:
    login(actors.office)
    response = client.post(TRANSLATORS, data)
    assert response.status_code == 200 and f'id="id_{field}_error"' in response.content.decode()
    assert not Translator.objects.exists()


def test_coordinators_cannot_see_or_change_translators(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    translator = services.translator_grant(actor=None, user=actors.editor, language="ar")
    login(actors.outsider)
    assert client.get(TRANSLATORS).status_code == 404
    assert client.post(TRANSLATORS, {"email": actors.outsider.email, "language": "ar"}).status_code == 404
    assert client.post(reverse("guide:translator_revoke", kwargs={"pk": translator.pk})).status_code == 404
    assert list(Translator.objects.all()) == [translator]


def test_the_matrix_index_links_the_pages_each_may_use(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    index = reverse("guide:matrix_index")
    assert MATTERS not in client.get(index).content.decode()
    login(actors.owner)
    html = client.get(index).content.decode()
    assert MATTERS in html and LANGUAGES not in html
    login(actors.office)
    html = client.get(index).content.decode()
    assert MATTERS in html and LANGUAGES in html and TRANSLATORS in html
