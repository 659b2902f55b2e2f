"""The pages: public plan, timeline, PDF, steps, library and feed; every write with its permission."""

import datetime
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from pypdf import PdfReader

from integrationsnetz.accounts.models import AuditLogEntry, Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.actionplan.models import (
    ActionPlan,
    Adoption,
    Approach,
    ImplementationStep,
    Measure,
    PlanField,
    ProgressNote,
    StepComment,
    StepLink,
    StepStatus,
)
from integrationsnetz.actionplan.tests.factories import ApproachFactory, MeasureFactory, StepFactory
from integrationsnetz.core.models import FieldOfAction, TargetGroup
from integrationsnetz.monitoring.models import Indicator


def state_of():
    """Everything a refused write must leave as it was."""
    return {
        "log": AuditLogEntry.objects.count(),
        "plans": list(ActionPlan.objects.values_list("title", "status").order_by("pk")),
        "fields": list(PlanField.objects.values_list("title", flat=True).order_by("pk")),
        "measures": list(Measure.objects.values_list("title", flat=True).order_by("pk")),
        "steps": list(ImplementationStep.objects.values_list("title", "status", "due_date").order_by("pk")),
        "notes": ProgressNote.objects.count(),
        "comments": StepComment.objects.count(),
        "links": StepLink.objects.count(),
        "approaches": list(Approach.objects.values_list("title", "published").order_by("pk")),
        "adoptions": Adoption.objects.count(),
    }


@pytest.fixture
def stranger(db):
    """Logged in, but no member of the network (a volunteer only)."""
    user = UserFactory(email="stranger@example.org")
    MembershipFactory(user=user, role=Role.VOLUNTEER)
    return user


@pytest.fixture
def indicator(plan_data):
    return Indicator.objects.create(
        slug="zahlen", name_de="Zahlen", owner_region=plan_data.actors.state, published=True
    )


# --- Reading ---------------------------------------------------------------------------------------


def test_plan_page_shows_progress_per_measure_field_and_plan_and_overdue_steps(client, plan_data):
    StepFactory.create(measure=plan_data.measure, title="Fertig", status=StepStatus.DONE)
    StepFactory.create(measure=plan_data.measure, title="Verworfen", status=StepStatus.DROPPED)
    response = client.get("/kursbuch/kursbuch/")
    assert response.status_code == 200
    text = response.content.decode()
    # 1 done of 3 counted (the dropped one does not count): 33 % at measure, field and plan level.
    assert text.count("33 % done (1 of 3 steps)") == 3
    # Both test steps are due in 2026; at least the March one is overdue today or later.
    assert "Kurse planen" in text and "Kurse zählen" in text
    assert len(re.findall(r"<h1", text)) == 1


def test_overdue_list_on_the_plan_page_follows_the_berlin_day(client, plan_data, settings):
    # The March step is overdue from Berlin midnight after 28 March 2026 (23:00 UTC during CET).
    from unittest import mock

    from django.utils import timezone

    before = datetime.datetime(2026, 3, 28, 22, 59, tzinfo=datetime.UTC)
    after = datetime.datetime(2026, 3, 28, 23, 0, tzinfo=datetime.UTC)
    with mock.patch.object(timezone, "now", return_value=before):
        assert "overdue step" not in client.get("/kursbuch/kursbuch/").content.decode()
    with mock.patch.object(timezone, "now", return_value=after):
        text = client.get("/kursbuch/kursbuch/").content.decode()
    assert "1 overdue step" in text


def test_plan_page_has_a_fixed_number_of_queries(client, plan_data, django_assert_max_num_queries):
    organisations = [plan_data.actors.organisation, plan_data.actors.other_organisation]
    for _ in range(3):
        measure = MeasureFactory.create(plan_field=plan_data.plan_field)
        for _ in range(10):
            StepFactory.create(measure=measure, responsible=organisations)
    with django_assert_max_num_queries(9):
        assert client.get("/kursbuch/kursbuch/").status_code == 200


def test_plan_list_and_timeline(client, plan_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/kursbuch/")
    assert "Kursbuch Test" in response.content.decode()
    with django_assert_max_num_queries(5):
        text = client.get("/kursbuch/kursbuch/zeitleiste/").content.decode()
    assert (
        text.index("March 2026")
        < text.index("Kurse planen")
        < text.index("July 2026")
        < text.index("Kurse zählen")
    )


def test_a_draft_is_hidden_from_everyone_but_the_office(client, login, plan_data):
    ActionPlan.objects.filter(pk=plan_data.plan.pk).update(status=ActionPlan.Status.DRAFT)
    assert client.get("/kursbuch/kursbuch/").status_code == 404
    assert client.get(f"/kursbuch/schritte/{plan_data.own.pk}/").status_code == 404
    assert "Kursbuch Test" not in client.get("/kursbuch/").content.decode()
    login(plan_data.actors.editor)
    assert client.get("/kursbuch/kursbuch/").status_code == 404
    login(plan_data.actors.office)
    assert client.get("/kursbuch/kursbuch/").status_code == 200


def test_pdf_contains_every_step(client, plan_data):
    for index in range(12):
        StepFactory.create(measure=plan_data.measure, title=f"Umsetzungsschritt Nummer {index}")
    response = client.get("/kursbuch/kursbuch/kursbuch.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for step in ImplementationStep.objects.all():
        assert step.title in text
    assert "Kursbuch Test" in text and "Deutsch für alle" in text


def test_step_page_renders_notes_comments_and_links(client, plan_data, indicator):
    ProgressNote.objects.create(
        step=plan_data.own, date=datetime.date(2026, 1, 5), text="Erste Kurse begonnen"
    )
    StepLink.objects.create(
        step=plan_data.own, content_type=ContentType.objects.get_for_model(Indicator), object_id=indicator.pk
    )
    text = client.get(f"/kursbuch/schritte/{plan_data.own.pk}/").content.decode()
    assert "Erste Kurse begonnen" in text
    assert "Zahlen" in text
    assert "Log in to comment." in text
    assert "Report progress" not in text


def test_a_page_renders_in_german(client, plan_data):
    with translation.override("de"):
        response = client.get("/kursbuch/kursbuch/", HTTP_ACCEPT_LANGUAGE="de")
    text = response.content.decode()
    assert "Handlungsfelder" in text
    assert "Zeitleiste" in text


# --- The office edits the plan --------------------------------------------------------------------


def test_office_creates_and_edits_the_plan_structure(client, login, plan_data):
    login(plan_data.actors.office)
    response = client.post(
        "/kursbuch/neu/",
        {"title": "Kursbuch 2030", "slug": "kursbuch-2030", "period_start": "2026-01-01", "status": "active"},
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get(slug="kursbuch-2030")
    client.post(f"/kursbuch/{plan.slug}/handlungsfelder/neu/", {"position": 1, "title": "Arbeit"})
    plan_field = plan.fields.get()
    client.post(
        f"/kursbuch/handlungsfelder/{plan_field.pk}/massnahmen/neu/", {"position": 1, "title": "Mentoren"}
    )
    measure = plan_field.measures.get()
    response = client.post(
        f"/kursbuch/massnahmen/{measure.pk}/schritte/neu/",
        {
            "position": 1,
            "title": "Mentoren einstellen",
            "responsible_organisations": [plan_data.actors.organisation.pk],
            "due_date": "2026-09-30",
            "status": "planned",
        },
    )
    step = measure.steps.get()
    assert response.status_code == 302
    assert list(step.responsible_organisations.all()) == [plan_data.actors.organisation]
    entry = AuditLogEntry.objects.filter(object_type="actionplan.implementationstep").get()
    assert entry.actor == plan_data.actors.office
    assert plan_data.actors.eilenburg in entry.regions.all()


def test_an_edit_is_audit_logged_with_old_and_new_values(client, login, plan_data):
    login(plan_data.actors.office)
    response = client.post(
        f"/kursbuch/schritte/{plan_data.own.pk}/bearbeiten/",
        {
            "position": 1,
            "title": "Kurse planen und buchen",
            "responsible_organisations": [plan_data.actors.organisation.pk],
            "due_date": "2026-03-28",
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(object_type="actionplan.implementationstep")
    assert entry.changes["title"] == ["Kurse planen", "Kurse planen und buchen"]
    assert entry.changes["status"] == ["planned", "in_progress"]


def test_a_form_error_is_shown_at_its_field(client, login, plan_data):
    login(plan_data.actors.office)
    response = client.post(
        "/kursbuch/kursbuch/bearbeiten/",
        {
            "title": "Kursbuch Test",
            "slug": "kursbuch",
            "period_start": "2026-01-01",
            "period_end": "2025-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert 'id="id_period_end_error"' in response.content.decode()
    assert "The end must not be before the start." in response.content.decode()


OFFICE_WRITES = [
    ("/kursbuch/neu/", {"title": "X", "slug": "x", "period_start": "2026-01-01", "status": "active"}),
    (
        "/kursbuch/kursbuch/bearbeiten/",
        {"title": "X", "slug": "kursbuch", "period_start": "2026-01-01", "status": "draft"},
    ),
    ("/kursbuch/kursbuch/handlungsfelder/neu/", {"position": 1, "title": "X"}),
    ("/kursbuch/kursbuch/handlungsfelder/{field}/bearbeiten/", {"position": 1, "title": "X"}),
    ("/kursbuch/handlungsfelder/{field}/massnahmen/neu/", {"position": 1, "title": "X"}),
    ("/kursbuch/massnahmen/{measure}/bearbeiten/", {"position": 1, "title": "X"}),
    ("/kursbuch/massnahmen/{measure}/schritte/neu/", {"position": 1, "title": "X", "status": "planned"}),
    ("/kursbuch/schritte/{own}/bearbeiten/", {"position": 1, "title": "X", "status": "done"}),
]


@pytest.mark.parametrize(("url", "data"), OFFICE_WRITES)
@pytest.mark.parametrize("who", ["owner", "editor", "outsider"])
def test_only_the_office_edits_the_plan(client, login, plan_data, url, data, who):
    url = url.format(field=plan_data.plan_field.pk, measure=plan_data.measure.pk, own=plan_data.own.pk)
    before = state_of()
    login(getattr(plan_data.actors, who))
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert state_of() == before


@pytest.mark.parametrize(("url", "data"), OFFICE_WRITES)
def test_anonymous_visitors_are_sent_to_the_login(client, plan_data, url, data):
    url = url.format(field=plan_data.plan_field.pk, measure=plan_data.measure.pk, own=plan_data.own.pk)
    before = state_of()
    assert client.post(url, data).status_code == 302
    assert state_of() == before


# --- Responsible organisations update their own steps -------------------------------------------------


def test_an_editor_updates_the_status_of_an_own_step_with_a_note(client, login, plan_data):
    login(plan_data.actors.editor)
    page = client.get(f"/kursbuch/schritte/{plan_data.own.pk}/").content.decode()
    assert "Report progress" in page
    response = client.post(
        f"/kursbuch/schritte/{plan_data.own.pk}/fortschritt/",
        {"status": "in_progress", "note": "Räume gefunden"},
    )
    assert response.status_code == 302
    plan_data.own.refresh_from_db()
    assert plan_data.own.status == StepStatus.IN_PROGRESS
    note = plan_data.own.notes.get()
    assert (note.text, note.author) == ("Räume gefunden", plan_data.actors.editor)


@pytest.mark.parametrize(
    ("who", "step"),
    [("editor", "other"), ("outsider", "own"), ("owner", "own"), ("owner", "other")],
)
def test_nobody_else_updates_a_step(client, login, plan_data, who, step):
    target = getattr(plan_data, step)
    before = state_of()
    login(getattr(plan_data.actors, who))
    assert "Report progress" not in client.get(f"/kursbuch/schritte/{target.pk}/").content.decode()
    response = client.post(f"/kursbuch/schritte/{target.pk}/fortschritt/", {"status": "done", "note": "x"})
    assert response.status_code == 404
    assert state_of() == before


def test_an_invalid_status_is_refused_with_a_message_at_the_field(client, login, plan_data):
    login(plan_data.actors.editor)
    before = state_of()
    response = client.post(f"/kursbuch/schritte/{plan_data.own.pk}/fortschritt/", {"status": "finished"})
    assert response.status_code == 400
    assert 'id="id_status_error"' in response.content.decode()
    assert state_of() == before


def test_a_responsible_editor_links_and_unlinks_a_figure(client, login, plan_data, indicator):
    login(plan_data.actors.editor)
    url = f"/kursbuch/schritte/{plan_data.own.pk}/verknuepfungen/"
    assert client.post(url, {"kind": "monitoring.indicator", "object_id": indicator.pk}).status_code == 302
    link = StepLink.objects.get()
    assert link.content_object == indicator
    response = client.post(url, {"kind": "monitoring.indicator", "object_id": 999999})
    assert "There is no such object." in response.content.decode()
    assert client.post(f"/kursbuch/verknuepfungen/{link.pk}/entfernen/").status_code == 302
    assert not StepLink.objects.exists()


def test_others_cannot_link_or_unlink(client, login, plan_data, indicator):
    link = StepLink.objects.create(
        step=plan_data.own, content_type=ContentType.objects.get_for_model(Indicator), object_id=indicator.pk
    )
    before = state_of()
    login(plan_data.actors.outsider)
    data = {"kind": "monitoring.indicator", "object_id": indicator.pk}
    assert client.post(f"/kursbuch/schritte/{plan_data.own.pk}/verknuepfungen/", data).status_code == 404
    assert client.post(f"/kursbuch/verknuepfungen/{link.pk}/entfernen/").status_code == 404
    assert state_of() == before


# --- Members comment -----------------------------------------------------------------------------------


def test_members_comment_and_delete_their_own_comment(client, login, plan_data):
    login(plan_data.actors.outsider)  # a member of the network from another region
    url = f"/kursbuch/schritte/{plan_data.own.pk}/kommentare/"
    assert client.post(url, {"text": "Wir machen mit!"}).status_code == 302
    comment = StepComment.objects.get()
    assert comment.author == plan_data.actors.outsider
    login(plan_data.actors.editor)
    assert client.post(f"/kursbuch/kommentare/{comment.pk}/loeschen/").status_code == 404
    login(plan_data.actors.outsider)
    assert client.post(f"/kursbuch/kommentare/{comment.pk}/loeschen/").status_code == 302
    assert not StepComment.objects.exists()


def test_non_members_cannot_comment(client, login, plan_data, stranger):
    before = state_of()
    assert client.post(f"/kursbuch/schritte/{plan_data.own.pk}/kommentare/", {"text": "x"}).status_code == 302
    login(stranger)
    assert client.post(f"/kursbuch/schritte/{plan_data.own.pk}/kommentare/", {"text": "x"}).status_code == 404
    assert state_of() == before


def test_an_empty_comment_is_refused_at_the_field(client, login, plan_data):
    login(plan_data.actors.editor)
    response = client.post(f"/kursbuch/schritte/{plan_data.own.pk}/kommentare/", {"text": ""})
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.content.decode()


# --- Library ------------------------------------------------------------------------------------------


@pytest.fixture
def library(plan_data):
    actors = plan_data.actors
    work = FieldOfAction.objects.create(slug="arbeit", name_de="Arbeit", name_en="Work")
    housing = FieldOfAction.objects.create(slug="wohnen", name_de="Wohnen", name_en="Housing")
    refugees = TargetGroup.objects.create(slug="gefluechtete", name_de="Geflüchtete", name_en="Refugees")
    mentors = ApproachFactory.create(
        slug="mentoren",
        title="Arbeitsmarktmentoren",
        problem="Bewerbungsunterlagen fehlen",
        region=actors.state,
    )
    mentors.fields_of_action.set([work])
    mentors.target_groups.set([refugees])
    check = ApproachFactory.create(
        slug="heim-tuev", title="Heim-TÜV", problem="Unterkünfte prüfen", region=actors.nordsachsen
    )
    check.fields_of_action.set([housing])
    hidden = ApproachFactory.create(
        slug="entwurf", title="Entwurf", published=False, region=actors.nordsachsen
    )
    Adoption.objects.create(approach=mentors, region=actors.mittelsachsen, experience="Läuft gut")
    return {"mentors": mentors, "check": check, "hidden": hidden}


def test_library_search_and_facets(client, library, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        text = client.get("/kursbuch/ansaetze/").content.decode()
    assert "2 approaches found" in text and "Entwurf" not in text
    text = client.get("/kursbuch/ansaetze/?q=bewerbung").content.decode()
    assert "1 approach found" in text and "Arbeitsmarktmentoren" in text
    text = client.get("/kursbuch/ansaetze/?field=wohnen").content.decode()
    assert "1 approach found" in text and "Heim-TÜV" in text
    # Region: approaches from there or adopted there.
    text = client.get("/kursbuch/ansaetze/?region=14522").content.decode()
    assert "1 approach found" in text and "Arbeitsmarktmentoren" in text
    text = client.get("/kursbuch/ansaetze/?q=nichts-passt").content.decode()
    assert "No approach matches" in text


def test_approach_page_shows_where_it_runs_and_hides_unconsented_contacts(client, library, plan_data):
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    organisation = plan_data.actors.organisation
    person = ContactPersonFactory(organisation=organisation, name="Erika Muster", function="Projektleitung")
    Approach.objects.filter(pk=library["mentors"].pk).update(
        contact_organisation=organisation, contact_person=person
    )
    text = client.get("/kursbuch/ansaetze/mentoren/").content.decode()
    assert "Mittelsachsen" in text and "Läuft gut" in text
    assert "Projektleitung" in text and "Erika Muster" not in text
    assert client.get("/kursbuch/ansaetze/entwurf/").status_code == 404


def test_feed_lists_new_approaches(client, library):
    response = client.get("/kursbuch/ansaetze/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    text = response.content.decode()
    assert "Arbeitsmarktmentoren" in text and "Heim-TÜV" in text and "Entwurf" not in text


def test_a_coordinator_edits_an_approach_of_the_own_region_only(client, login, library):
    login(_user("owner"))
    data = {
        "title": "Heim-TÜV Nordsachsen",
        "slug": "heim-tuev",
        "problem": "p",
        "what_was_done": "w",
        "region": library["check"].region.pk,
        "published": "on",
    }
    assert client.post("/kursbuch/ansaetze/heim-tuev/bearbeiten/", data).status_code == 302
    assert Approach.objects.get(slug="heim-tuev").title == "Heim-TÜV Nordsachsen"


def _user(name):
    from integrationsnetz.accounts.models import User

    return User.objects.get(email=f"{name}@example.org")


def test_outsiders_cannot_edit_approaches_nor_adopt_for_other_regions(client, login, library, plan_data):
    before = state_of()
    login(plan_data.actors.outsider)
    data = {
        "title": "X",
        "slug": "heim-tuev",
        "problem": "p",
        "what_was_done": "w",
        "region": plan_data.actors.nordsachsen.pk,
    }
    assert client.post("/kursbuch/ansaetze/heim-tuev/bearbeiten/", data).status_code == 404
    assert client.post("/kursbuch/ansaetze/entwurf/bearbeiten/", data).status_code == 404
    response = client.post(
        "/kursbuch/ansaetze/heim-tuev/uebernommen/", {"region": plan_data.actors.nordsachsen.pk}
    )
    assert response.status_code == 200  # the form offers only the outsider's regions
    assert 'id="id_region_error"' in response.content.decode()
    login(plan_data.actors.editor)
    assert (
        client.post(
            "/kursbuch/ansaetze/heim-tuev/uebernommen/", {"region": plan_data.actors.nordsachsen.pk}
        ).status_code
        == 404
    )
    assert state_of() == before


def test_a_coordinator_records_an_adoption_for_the_own_region(client, login, library, plan_data):
    login(plan_data.actors.owner)
    response = client.post(
        "/kursbuch/ansaetze/mentoren/uebernommen/",
        {
            "region": plan_data.actors.nordsachsen.pk,
            "started_on": "2022-01-01",
            "experience": "Zwei Mentoren",
        },
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get(region=plan_data.actors.nordsachsen)
    assert (adoption.experience, adoption.recorded_by) == ("Zwei Mentoren", plan_data.actors.owner)


def test_step_page_has_a_fixed_number_of_queries(
    client, login, plan_data, indicator, django_assert_max_num_queries
):
    from integrationsnetz.accounts.models import User

    for index in range(10):
        author = User.objects.create(email=f"m{index}@example.org", full_name=f"Mitglied {index}")
        ProgressNote.objects.create(
            step=plan_data.own, date=datetime.date(2026, 1, index + 1), text="n", author=author
        )
        StepComment.objects.create(step=plan_data.own, text="c", author=author)
    StepLink.objects.create(
        step=plan_data.own, content_type=ContentType.objects.get_for_model(Indicator), object_id=indicator.pk
    )
    login(plan_data.actors.editor)
    client.get(f"/kursbuch/schritte/{plan_data.own.pk}/")  # session and content types cached
    with django_assert_max_num_queries(16):
        response = client.get(f"/kursbuch/schritte/{plan_data.own.pk}/")
    assert response.content.decode().count("Mitglied") == 20


def test_the_approach_form_offers_only_consented_contacts_to_coordinators(client, login, plan_data):
    from django.utils import timezone

    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    ContactPersonFactory(organisation=plan_data.actors.other_organisation, name="Ohne Einwilligung")
    ContactPersonFactory(
        organisation=plan_data.actors.other_organisation,
        name="Mit Einwilligung",
        consent_to_publish=True,
        consent_recorded_at=timezone.now(),
    )
    login(plan_data.actors.owner)
    text = client.get("/kursbuch/ansaetze/neu/").content.decode()
    assert "Mit Einwilligung" in text and "Ohne Einwilligung" not in text


def test_editors_of_an_approach_add_documents_others_get_404(
    client, login, library, plan_data, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integrationsnetz.actionplan.models import ApproachDocument

    settings.MEDIA_ROOT = tmp_path
    url = "/kursbuch/ansaetze/heim-tuev/dokumente/neu/"
    login(plan_data.actors.outsider)
    before = state_of()
    assert client.post(url, {"title": "X", "url": "https://example.org/x.pdf"}).status_code == 404
    assert state_of() == before and not ApproachDocument.objects.exists()
    login(plan_data.actors.owner)
    response = client.post(url, {"title": ""})
    assert response.status_code == 200 and 'id="id_title_error"' in response.content.decode()
    assert "Give an address or upload a file." in response.content.decode()
    assert client.post(url, {"title": "Bericht", "url": "https://example.org/bericht.pdf"}).status_code == 302
    upload = SimpleUploadedFile("pruefbogen.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(url, {"title": "Prüfbogen", "file": upload}).status_code == 302
    text = client.get("/kursbuch/ansaetze/heim-tuev/").content.decode()
    assert "https://example.org/bericht.pdf" in text and "Prüfbogen" in text
    assert AuditLogEntry.objects.filter(object_type="actionplan.approachdocument").count() == 2
