"""The pages: the finder in every language, info pages, forms, the matrix and its editions."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from integrationsnetz.guide import services
from integrationsnetz.guide.models import Edition, Responsibility
from integrationsnetz.guide.selectors import BUILTIN_LANGUAGES
from integrationsnetz.guide.tests.conftest import Guide

pytestmark = pytest.mark.django_db


def finder_url(lang: str, **query: str) -> str:
    url = reverse("guide:finder", kwargs={"lang": lang})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


@pytest.mark.parametrize("language", [language.code for language in BUILTIN_LANGUAGES])
def test_finder_renders_in_every_language(client: Any, guide: Guide, language: str) -> None:
    response = client.get(finder_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    direction = "rtl" if language in ("ar", "fa") else "ltr"
    assert f'<div class="guide" lang="{language}" dir="{direction}">' in html
    assert html.count("<h1") == 1


def test_finder_speaks_arabic_and_german(client: Any, guide: Guide) -> None:
    assert "من يستطيع مساعدتي؟" in client.get(finder_url("ar")).content.decode()
    assert "Wer kann mir helfen?" in client.get(finder_url("de")).content.decode()
    assert "Хто може мені допомогти?" in client.get(finder_url("uk")).content.decode()


def test_unknown_language_is_404(client: Any, guide: Guide) -> None:
    assert client.get(finder_url("xx")).status_code == 404


def test_finder_answers_with_the_most_specific_office(client: Any, guide: Guide, actors: Any) -> None:
    response = client.get(
        finder_url("en", region=actors.eilenburg.key, situation="asylsuchende", matter="arbeitserlaubnis")
    )
    html = response.content.decode()
    assert "Ausländerbehörde Nordsachsen" in html  # responsible: the district's entry
    assert actors.organisation.name in html  # advises: the town's own entry
    assert "Reisepass" in html  # what to bring
    assert "openstreetmap.org" in html
    assert "shown in German" in html  # no English translation of the matter yet
    assert reverse("guide:finder_print", kwargs={"lang": "en"}) in html


def test_finder_with_missing_answers_says_so(client: Any, guide: Guide, actors: Any) -> None:
    response = client.get(finder_url("de", region=actors.nordsachsen.key))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-describedby="id_situation_error"' in html
    assert 'id="id_matter_error"' in html


def test_finder_query_count_is_fixed(
    client: Any, guide: Guide, actors: Any, django_assert_max_num_queries: Any
) -> None:
    url = finder_url("ar", region=actors.eilenburg.key, situation="asylsuchende", matter="arbeitserlaubnis")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_print_view(client: Any, guide: Guide, actors: Any) -> None:
    url = reverse("guide:finder_print", kwargs={"lang": "de"})
    response = client.get(
        url + f"?region={actors.nordsachsen.key}&situation=asylsuchende&matter=arbeitserlaubnis"
    )
    assert "Ausländerbehörde Nordsachsen" in response.content.decode()


def test_info_pages_fall_back_to_german_with_a_notice(client: Any, guide: Guide) -> None:
    html = client.get(reverse("guide:info_page", kwargs={"lang": "fa", "slug": "ankommen"})).content.decode()
    assert "Ankommen in Sachsen" in html
    assert 'lang="de"' in html
    services.translation_save(
        actor=None, obj=guide.page, field="title", language="fa", text="ورود به ساکسونی"
    )
    services.translation_save(
        actor=None, obj=guide.page, field="body", language="fa", text="به ساکسونی خوش آمدید."
    )
    html = client.get(reverse("guide:info_page", kwargs={"lang": "fa", "slug": "ankommen"})).content.decode()
    assert "ورود به ساکسونی" in html
    listing = client.get(reverse("guide:info_pages", kwargs={"lang": "fa"})).content.decode()
    assert "ورود به ساکسونی" in listing


def test_forms_library(client: Any, guide: Guide) -> None:
    assert client.get(reverse("guide:forms", kwargs={"lang": "tr"})).status_code == 200


def test_matrix_page_and_query_count(
    client: Any, guide: Guide, actors: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):
        response = client.get(reverse("guide:matrix", kwargs={"region_key": actors.nordsachsen.key}))
    html = response.content.decode()
    assert "Ausländerbehörde Nordsachsen" in html
    assert "Bundesamt für Migration und Flüchtlinge" in html  # the state-wide entry holds here
    assert "Sachgebietsleitung" in html  # the contact's function (no consent to publish the name)
    assert "Erika Muster" not in html


def test_matrix_page_in_german(client: Any, guide: Guide, actors: Any) -> None:
    client.cookies["django_language"] = "de"
    response = client.get(
        reverse("guide:matrix", kwargs={"region_key": actors.nordsachsen.key}), HTTP_ACCEPT_LANGUAGE="de"
    )
    html = response.content.decode()
    assert "Akteure und ihre Anliegen" in html and "Schaubilder" in html
    assert "Actors and their matters" not in html


def test_diagram_is_svg(client: Any, guide: Guide, actors: Any) -> None:
    response = client.get(
        reverse("guide:diagram", kwargs={"region_key": actors.eilenburg.key, "slug": "arbeitserlaubnis"})
    )
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") and "Ausländerbehörde Nordsachsen" in svg and "marker-end" in svg


def test_editions_publish_compare_and_pdf(
    client: Any, guide: Guide, actors: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    login(actors.owner)
    url = reverse("guide:editions", kwargs={"region_key": actors.nordsachsen.key})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    first = Edition.objects.get(region=actors.nordsachsen)
    assert first.pdf_status == Edition.PdfStatus.READY
    pdf = client.get(reverse("guide:edition_pdf", kwargs={"region_key": "14730", "number": 1}))
    assert pdf["Content-Type"] == "application/pdf"
    # Reading the content to the end lets the test client close the file (and only the file).
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    services.responsibility_delete(actor=None, responsibility=guide.district_entry)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    html = client.get(reverse("guide:edition_compare", kwargs={"region_key": "14730"})).content.decode()
    assert "removed" in html and "Ausländerbehörde Nordsachsen" in html
    page = client.get(reverse("guide:edition", kwargs={"region_key": "14730", "number": 1})).content.decode()
    assert "Ausländerbehörde Nordsachsen" in page  # the frozen edition keeps the deleted entry


def test_outsider_cannot_publish_or_edit(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    login(actors.outsider)
    assert client.post(reverse("guide:editions", kwargs={"region_key": "14730"})).status_code == 404
    assert not Edition.objects.exists()
    add = reverse("guide:matrix_edit", kwargs={"region_key": "14730"})
    assert client.get(add).status_code == 404
    before = Responsibility.objects.count()
    assert (
        client.post(
            add, {"matter": guide.course.pk, "organisation": guide.bamf.pk, "role": "responsible"}
        ).status_code
        == 404
    )
    assert Responsibility.objects.count() == before
    edit = reverse("guide:entry_edit", kwargs={"region_key": "14730", "pk": guide.district_entry.pk})
    assert (
        client.post(
            edit, {"matter": guide.course.pk, "organisation": guide.bamf.pk, "role": "responsible"}
        ).status_code
        == 404
    )
    delete = reverse("guide:entry_delete", kwargs={"region_key": "14730", "pk": guide.district_entry.pk})
    assert client.post(delete).status_code == 404
    guide.district_entry.refresh_from_db()
    assert guide.district_entry.matter == guide.permit


def test_owner_adds_edits_and_deletes_an_entry(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    login(actors.owner)
    url = reverse("guide:matrix_edit", kwargs={"region_key": "14730"})
    assert client.get(url).status_code == 200
    # An actor of another district is not offered (and refused) for Nordsachsen's matrix.
    foreign = {"matter": guide.course.pk, "organisation": actors.other_organisation.pk, "role": "supports"}
    assert 'id="id_organisation_error"' in client.post(url, foreign).content.decode()
    response = client.post(
        url,
        {
            "matter": guide.course.pk,
            "organisation": guide.office.pk,
            "role": "supports",
            "target_groups": [guide.eu.pk],
        },
    )
    assert response.status_code == 302
    entry = guide.course.responsibilities.get(region=actors.nordsachsen)
    edit = reverse("guide:entry_edit", kwargs={"region_key": "14730", "pk": entry.pk})
    response = client.post(
        edit,
        {
            "matter": guide.course.pk,
            "organisation": guide.office.pk,
            "role": "advises",
            "valid_from": "2030-01-01",
            "valid_until": "2029-01-01",
        },
    )
    assert response.status_code == 200
    assert 'id="id_valid_until_error"' in response.content.decode()
    client.post(edit, {"matter": guide.course.pk, "organisation": guide.office.pk, "role": "advises"})
    entry.refresh_from_db()
    assert entry.role == "advises"
    client.post(reverse("guide:entry_delete", kwargs={"region_key": "14730", "pk": entry.pk}))
    assert not guide.course.responsibilities.filter(region=actors.nordsachsen).exists()


def test_anonymous_editing_pages_redirect_to_login(client: Any, guide: Guide) -> None:
    response = client.get(reverse("guide:matrix_edit", kwargs={"region_key": "14730"}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_form_upload_page(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integrationsnetz.guide.models import FormFile
    from integrationsnetz.guide.tests.factories import FormFactory

    form: Any = FormFactory(region=actors.nordsachsen, slug="antrag")
    url = reverse("guide:form_upload", kwargs={"slug": "antrag"})
    login(actors.outsider)
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"language": "ar", "file": upload}).status_code == 404
    assert not FormFile.objects.exists()
    login(actors.owner)
    # The guide's languages are offered, not only the site's (the base layout has its own "languages").
    assert '<option value="ar">العربية (ar)</option>' in client.get(url).content.decode()
    fake = SimpleUploadedFile("a.pdf", b"GIF89a not a pdf")
    response = client.post(url, {"language": "ar", "file": fake})
    assert response.status_code == 200 and 'id="id_file_error"' in response.content.decode()
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"language": "ar", "file": upload}).status_code == 302
    assert FormFile.objects.get(form=form).language == "ar"
    assert "(AR)" in client.get(reverse("guide:forms", kwargs={"lang": "ar"})).content.decode()


def test_the_office_adds_a_language_without_code(client: Any, guide: Guide, actors: Any) -> None:
    from integrationsnetz.core.tests.factories import LanguageFactory

    pashto: Any = LanguageFactory(code="ps", name_de="Paschtu", name_en="Pashto", native_name="پښتو")
    assert client.get(finder_url("ps")).status_code == 404
    services.guide_language_add(actor=actors.office, code=pashto.code)
    html = client.get(finder_url("ps")).content.decode()
    assert '<div class="guide" lang="ps" dir="rtl">' in html
    assert "پښتو" in client.get(finder_url("de")).content.decode()  # offered in the language list


def test_coordinator_edits_info_pages_and_translations_become_outdated(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    from integrationsnetz.guide.models import InfoPage, Translation

    create = reverse("guide:info_page_create", kwargs={"region_key": "14730"})
    login(actors.outsider)
    assert client.post(create, {"slug": "x", "topic": "work", "title": "T", "body": "B"}).status_code == 404
    login(actors.owner)
    data = {
        "slug": "arbeit-nordsachsen",
        "topic": "work",
        "title": "Arbeit",
        "body": "Text",
        "published": "on",
    }
    assert client.post(create, data).status_code == 302
    page = InfoPage.objects.get(slug="arbeit-nordsachsen")
    assert page.region == actors.nordsachsen
    assert 'id="id_slug_error"' in client.post(create, data).content.decode()  # the address is taken
    row = services.translation_save(actor=None, obj=page, field="body", language="ar", text="نص")
    edit = reverse("guide:info_page_edit", kwargs={"region_key": "14730", "slug": page.slug})
    assert (
        client.post(
            edit, {"topic": "work", "title": "Arbeit", "body": "Neuer Text", "published": "on"}
        ).status_code
        == 302
    )
    page.refresh_from_db()
    assert page.body == "Neuer Text" and row.status_for(page.body) == Translation.Status.OUTDATED
    assert client.get(reverse("guide:info_page_list", kwargs={"region_key": "14730"})).status_code == 200
    # The state-wide page is the office's, not the district's.
    other = reverse("guide:info_page_edit", kwargs={"region_key": "14730", "slug": guide.page.slug})
    assert client.get(other).status_code == 404
