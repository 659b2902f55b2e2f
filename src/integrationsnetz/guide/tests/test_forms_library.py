"""The forms library on the office's pages: list, create and edit, retire and delete, files per language;
services write one audit entry each, and refusals change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.guide import selectors, services
from integrationsnetz.guide.models import Form, FormFile
from integrationsnetz.guide.tests.conftest import Guide
from integrationsnetz.guide.tests.factories import FormFactory

pytestmark = pytest.mark.django_db

LIBRARY = reverse("guide:forms_library")
CREATE = reverse("guide:form_create")
PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name: str = "antrag.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def edit_url(slug: str) -> str:
    return reverse("guide:form_edit", kwargs={"slug": slug})


def new_form(guide: Guide, actors: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "slug": "antrag-aufenthaltstitel",
        "title": "Antrag auf Erteilung eines Aufenthaltstitels",
        "description": "Für alle, die einen Aufenthaltstitel beantragen.",
        "region": actors.nordsachsen.pk,
        "issuer": guide.office.pk,
        "matters": [guide.permit.pk, guide.course.pk],
    }
    data.update(changes)
    return data


def form_with_files(actors: Any, *languages: str, **fields: Any) -> Form:
    form: Any = FormFactory(region=actors.nordsachsen, **fields)
    for language in languages:
        services.form_file_upload(actor=None, form=form, language=language, upload=pdf())
    return form


# --- Services ------------------------------------------------------------------------------------


def test_form_save_creates_and_changes_with_audit_entries(guide: Guide, actors: Any) -> None:
    form = services.form_save(
        actor=actors.owner,
        slug="antrag",
        region=actors.nordsachsen,
        title="Antrag",
        description="Wofür",
        issuer=guide.office,
        matters=[guide.permit],
    )
    services.form_save(actor=actors.office, slug="antrag", region=actors.state, title="Antrag neu")
    form.refresh_from_db()
    assert (form.title, form.description, form.region, form.issuer) == ("Antrag neu", "", actors.state, None)
    assert not form.matters.exists()
    entries = AuditLogEntry.objects.filter(object_type="guide.form").order_by("pk")
    assert [entry.action for entry in entries] == ["create", "update"]
    # Moving a form concerns both regions: the one it leaves and the one it joins.
    assert set(entries[1].regions.values_list("key", flat=True)) == {"14730", "14"}


def test_form_save_refuses_bad_input_and_writes_nothing(guide: Guide, actors: Any) -> None:
    with pytest.raises(ValidationError):
        services.form_save(actor=None, slug="antrag", region=actors.nordsachsen, title="")
    assert not Form.objects.exists() and not AuditLogEntry.objects.filter(object_type="guide.form").exists()


def test_a_form_with_files_is_retired_not_deleted(guide: Guide, actors: Any) -> None:
    form = form_with_files(actors, "de", "ar", title="Antrag")
    with pytest.raises(ValidationError, match="still has 2 files"):
        services.form_delete(actor=actors.office, form=form)
    assert Form.objects.filter(pk=form.pk).exists()
    services.form_retire(actor=actors.office, form=form)
    form.refresh_from_db()
    assert form.retired
    assert AuditLogEntry.objects.filter(object_type="guide.form", action="update").count() == 1
    services.form_retire(actor=actors.office, form=form, retired=False)
    form.refresh_from_db()
    assert not form.retired


def test_an_unused_form_is_deleted_with_an_audit_entry(guide: Guide, actors: Any) -> None:
    form = form_with_files(actors)
    services.form_delete(actor=actors.owner, form=form)
    assert not Form.objects.filter(pk=form.pk).exists()
    assert AuditLogEntry.objects.filter(
        object_type="guide.form", action="delete", actor=actors.owner
    ).exists()


def test_removing_a_file_deletes_it_after_commit(
    guide: Guide, actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    form = form_with_files(actors, "de", "ar")
    arabic = FormFile.objects.get(form=form, language="ar")
    storage, name = arabic.file.storage, arabic.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.form_file_remove(actor=actors.owner, form_file=arabic)
    assert list(FormFile.objects.filter(form=form).values_list("language", flat=True)) == ["de"]
    assert not storage.exists(name)
    assert AuditLogEntry.objects.filter(object_type="guide.formfile", action="delete").exists()


def test_replacing_a_file_deletes_the_earlier_one_after_commit(
    guide: Guide, actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    form = form_with_files(actors, "ar")
    earlier = FormFile.objects.get(form=form).file.name
    with django_capture_on_commit_callbacks(execute=True):
        result = services.form_file_upload(
            actor=None, form=form, language="ar", upload=pdf(content=PDF + b"2")
        )
    assert result.replaced and result.file.file.name != earlier
    storage = result.file.file.storage
    assert not storage.exists(earlier) and storage.exists(result.file.file.name)


def test_the_public_page_and_the_finder_show_only_offered_forms_with_files(guide: Guide, actors: Any) -> None:
    with_file = form_with_files(actors, "de", title="Mit Datei", matters=[guide.permit])
    form_with_files(actors, title="Ohne Datei", matters=[guide.permit])
    retired = form_with_files(actors, "de", title="Ausgemustert", matters=[guide.permit], retired=True)
    assert list(selectors.forms_library()) == [with_file]
    found = selectors.finder_lookup(
        region=actors.eilenburg,
        target_group=guide.asylum,
        matter=guide.permit,
        on=guide.district_entry.valid_from,  # type: ignore[arg-type]
        language="de",
    )
    assert found.forms == [with_file]
    assert retired not in found.forms


# --- Policies ------------------------------------------------------------------------------------


def test_who_keeps_which_forms(guide: Guide, actors: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    from integrationsnetz.core import policy

    nordsachsen = form_with_files(actors, "de")
    state: Any = FormFactory(region=actors.state)
    for user in (actors.office, actors.owner, actors.outsider):
        assert policy.can(user, "list", Form) and policy.can(user, "create", Form)
    for action in ("edit", "delete"):
        assert policy.can(actors.office, action, state)
        assert policy.can(actors.owner, action, nordsachsen) and not policy.can(actors.owner, action, state)
        assert not policy.can(actors.outsider, action, nordsachsen)
    arabic = FormFile(form=nordsachsen, language="ar")
    assert policy.can(actors.owner, "delete", arabic) and not policy.can(actors.outsider, "delete", arabic)
    for user in (actors.editor, AnonymousUser()):
        assert not policy.can(user, "list", Form) and not policy.can(user, "create", Form)


# --- Pages ---------------------------------------------------------------------------------------


def test_the_office_lists_the_library_with_files_and_matters(
    client: Any, guide: Guide, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(15):
        form_with_files(
            actors, "de", "uk", title=f"Antrag {number:02}", matters=[guide.permit], issuer=guide.office
        )
    form_with_files(actors, title="Ohne Datei", retired=True)
    login(actors.office)
    with django_assert_max_num_queries(10):
        response = client.get(LIBRARY)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert html.count("Arbeitserlaubnis") == 15 and html.count(">UK</a>") == 15
    assert "no file yet" in html and "retired" in html
    assert CREATE in html and 'aria-current="page"' in html


def test_a_coordinator_sees_the_library_and_edits_only_their_region(
    client: Any, guide: Guide, actors: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    own = form_with_files(actors, "de", title="Nordsächsischer Antrag")
    FormFactory(region=actors.mittelsachsen, slug="mittelsachsen", title="Mittelsächsischer Antrag")
    login(actors.owner)
    with django_assert_max_num_queries(10):
        html = client.get(LIBRARY).content.decode()
    assert "Mittelsächsischer Antrag" in html and edit_url(own.slug) in html
    assert edit_url("mittelsachsen") not in html


def test_others_are_refused_the_library(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    response = client.get(LIBRARY)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    login(actors.editor)
    assert client.get(LIBRARY).status_code == 404
    assert client.get(CREATE).status_code == 404


def test_the_office_creates_a_form_uploads_replaces_and_removes_a_file(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    login(actors.office)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, new_form(guide, actors))
    slug = "antrag-aufenthaltstitel"
    assert response.status_code == 302 and response["Location"] == edit_url(slug)
    form = Form.objects.get(slug=slug)
    assert form.issuer == guide.office
    assert form.description == "Für alle, die einen Aufenthaltstitel beantragen."
    assert set(form.matters.all()) == {guide.permit, guide.course}
    page = client.get(edit_url(slug)).content.decode()
    assert 'name="slug"' not in page and "No file yet" in page
    public = reverse("guide:forms", kwargs={"lang": "de"})
    shown = '<h2 lang="de" dir="ltr">Antrag auf Erteilung eines Aufenthaltstitels</h2>'
    assert shown not in client.get(public).content.decode()  # no file, nothing to show
    upload = reverse("guide:form_upload", kwargs={"slug": slug})
    assert client.post(upload, {"language": "ar", "file": pdf()}).status_code == 302
    assert shown in client.get(public).content.decode()
    replace = f"{upload}?language=ar"
    assert f'href="{replace}"' in client.get(edit_url(slug)).content.decode()
    assert '<option value="ar" selected>' in client.get(replace).content.decode()
    assert client.post(upload, {"language": "ar", "file": pdf(content=PDF + b"2")}).status_code == 302
    assert FormFile.objects.filter(form=form).count() == 1
    remove = reverse("guide:form_file_remove", kwargs={"slug": slug, "lang": "ar"})
    confirm = client.get(remove)
    assert confirm.status_code == 200 and FormFile.objects.filter(form=form).exists()
    assert client.post(remove).status_code == 302
    assert not FormFile.objects.filter(form=form).exists()
    assert shown not in client.get(public).content.decode()
    response = client.post(edit_url(slug), new_form(guide, actors, title="Neuer Titel", slug="anders"))
    assert response.status_code == 302 and response["Location"] == LIBRARY
    form.refresh_from_db()
    assert form.title == "Neuer Titel" and form.slug == slug


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"slug": "Kein Slug"}, "slug"),
        ({"slug": "vorhanden"}, "slug"),  # taken
        ({"slug": "neu"}, "slug"),  # the address of the page that adds a form
        ({"region": "999999"}, "region"),
        ({"issuer": "999999"}, "issuer"),
        ({"matters": ["999999"]}, "matters"),
    ],
)
def test_bad_form_input_names_the_field_and_writes_nothing(
    client: Any, guide: Guide, actors: Any, login: Any, changes: dict[str, Any], field: str
) -> None:
    FormFactory(region=actors.state, slug="vorhanden")
    login(actors.office)
    forms, audit = Form.objects.count(), AuditLogEntry.objects.count()
    response = client.post(CREATE, new_form(guide, actors, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    assert Form.objects.count() == forms and AuditLogEntry.objects.count() == audit


def test_a_retired_matter_is_not_offered_for_new_forms_but_stays_on_its_forms(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    form = form_with_files(actors, matters=[guide.permit])
    services.matter_retire(actor=None, matter=guide.permit)
    login(actors.office)
    response = client.post(CREATE, new_form(guide, actors))
    assert response.status_code == 200 and 'id="id_matters_error"' in response.content.decode()
    data = new_form(guide, actors, title="Geändert", matters=[guide.permit.pk])
    assert client.post(edit_url(form.slug), data).status_code == 302
    form.refresh_from_db()
    assert list(form.matters.all()) == [guide.permit] and form.title == "Geändert"


def test_a_coordinator_keeps_forms_of_their_region_only(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    login(actors.owner)
    # The state is above Nordsachsen: its forms are the office's.
    response = client.post(CREATE, new_form(guide, actors, region=actors.state.pk))
    assert response.status_code == 200 and 'id="id_region_error"' in response.content.decode()
    assert client.post(CREATE, new_form(guide, actors, region=actors.eilenburg.pk)).status_code == 302
    assert Form.objects.get().region == actors.eilenburg


def test_an_outsider_changes_nothing_of_another_regions_form(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    form = form_with_files(actors, "de", title="Antrag")
    login(actors.outsider)
    slug = form.slug
    data = new_form(guide, actors, title="Geändert", region=actors.mittelsachsen.pk)
    assert client.get(edit_url(slug)).status_code == 404
    assert client.post(edit_url(slug), data).status_code == 404
    assert (
        client.post(reverse("guide:form_retire", kwargs={"slug": slug}), {"retired": "1"}).status_code == 404
    )
    assert client.post(reverse("guide:form_delete", kwargs={"slug": slug})).status_code == 404
    remove = reverse("guide:form_file_remove", kwargs={"slug": slug, "lang": "de"})
    assert client.get(remove).status_code == 404 and client.post(remove).status_code == 404
    upload = reverse("guide:form_upload", kwargs={"slug": slug})
    assert client.post(upload, {"language": "ar", "file": pdf()}).status_code == 404
    form.refresh_from_db()
    assert (form.title, form.region, form.retired) == ("Antrag", actors.nordsachsen, False)
    assert list(FormFile.objects.filter(form=form).values_list("language", flat=True)) == ["de"]


def test_a_form_with_files_is_refused_deletion_and_retired(
    client: Any, guide: Guide, actors: Any, login: Any
) -> None:
    form = form_with_files(actors, "de", title="Antrag")
    login(actors.owner)
    delete = reverse("guide:form_delete", kwargs={"slug": form.slug})
    assert "still has 1 file, so it cannot be deleted" in client.get(delete).content.decode()
    response = client.post(delete)
    assert (
        response.status_code == 200
        and "Remove the file first, or retire the form" in response.content.decode()
    )
    assert Form.objects.filter(pk=form.pk).exists()
    retire = reverse("guide:form_retire", kwargs={"slug": form.slug})
    assert client.post(retire, {"retired": "1"}).status_code == 302
    public = client.get(reverse("guide:forms", kwargs={"lang": "de"})).content.decode()
    assert '<h2 lang="de" dir="ltr">Antrag</h2>' not in public
    assert "Offer it again" in client.get(edit_url(form.slug)).content.decode()
    client.post(retire, {"retired": "0"})
    form.refresh_from_db()
    assert not form.retired


def test_a_form_without_files_is_deleted(client: Any, guide: Guide, actors: Any, login: Any) -> None:
    form = form_with_files(actors)
    login(actors.owner)
    delete = reverse("guide:form_delete", kwargs={"slug": form.slug})
    assert "has no file" in client.get(delete).content.decode()
    response = client.post(delete)
    assert response.status_code == 302 and response["Location"] == LIBRARY
    assert not Form.objects.filter(pk=form.pk).exists()


def test_the_forms_admin_is_read_only(client: Any, guide: Guide, actors: Any) -> None:
    from django.contrib.admin.sites import site

    from integrationsnetz.accounts.tests.factories import UserFactory

    admin = site._registry[Form]
    superuser: Any = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    request: Any = type("Request", (), {"user": superuser})()
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)
