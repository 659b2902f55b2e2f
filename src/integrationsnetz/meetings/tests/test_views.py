# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr, return-value, assignment"
"""Pages: the personal links without login, organiser pages (outsiders get 404, nothing changes),
exports, the check-in PDF, feeds, working group privacy and a page in German."""

from __future__ import annotations

import io
from typing import Any

import icalendar
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.meetings import services, tokens
from integrationsnetz.meetings.models import (
    Announcement,
    Invitation,
    Meeting,
    MeetingDocument,
    ProgrammeItem,
    Registration,
    TopicProposal,
)
from integrationsnetz.meetings.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


def state() -> tuple[Any, ...]:
    """Everything the organiser pages could change, to prove that a refused request changed nothing."""
    return (
        list(Meeting.objects.order_by("pk").values()),
        list(Registration.objects.order_by("pk").values()),
        list(Invitation.objects.order_by("pk").values()),
        list(TopicProposal.objects.order_by("pk").values()),
        list(MeetingDocument.objects.order_by("pk").values()),
        list(Announcement.objects.order_by("pk").values()),
        AuditLogEntry.objects.count(),
    )


@pytest.fixture
def meeting(actors: Any) -> Meeting:
    return MeetingFactory(series__region=actors.nordsachsen, title="Netzwerktreffen Nordsachsen")


def invitation_token(invitation: Invitation) -> str:
    return tokens.make_token(invitation.pk, salt=tokens.INVITATION_SALT)


def test_public_pages(client: Any, meeting: Meeting, django_assert_max_num_queries: Any) -> None:
    MeetingFactory(series=meeting.series, is_public=False, title="Intern")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings:index"))
    assert response.status_code == 200
    assert "Netzwerktreffen Nordsachsen" in response.content.decode()
    assert "Intern" not in response.content.decode()
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("meetings:archive")).status_code == 200
    assert client.get(meeting.series.get_absolute_url()).status_code == 200


def test_a_private_meeting_is_hidden_from_the_public(client: Any, login: Any, actors: Any) -> None:
    hidden = MeetingFactory(series__region=actors.nordsachsen, is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert login(actors.outsider).get(hidden.get_absolute_url()).status_code == 404
    assert login(actors.owner).get(hidden.get_absolute_url()).status_code == 200


def test_invitation_link_registration_and_cancellation_without_login(client: Any, meeting: Meeting) -> None:
    workshop = WorkshopFactory(meeting=meeting, title="Sprachförderung", capacity=5)
    invitation = InvitationFactory(meeting=meeting, email="invited@example.org", name="Eingeladene Person")
    url = reverse("meetings:answer", args=[invitation_token(invitation)])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="invited@example.org"' in page.content.decode()
    assert "Sprachförderung (5 of 5 places free)" in page.content.decode()

    response = client.post(
        url,
        {
            "name": "Eingeladene Person",
            "email": "invited@example.org",
            "organisation_name": "Verein",
            "workshop": workshop.pk,
            "accessibility_needs": "Stufenloser Zugang",
            "language": "de",
        },
    )
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.REGISTERED
    assert registration.invitation == invitation and registration.workshop == workshop
    assert response.status_code == 302
    registration_url = response["Location"]
    assert client.get(registration_url).status_code == 200

    assert client.post(registration_url).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_registration_errors_are_tied_to_fields(client: Any, meeting: Meeting) -> None:
    RegistrationFactory(meeting=meeting, email="taken@example.org")
    invitation = InvitationFactory(meeting=meeting)
    url = reverse("meetings:answer", args=[invitation_token(invitation)])
    response = client.post(url, {"name": "", "email": "taken@example.org", "language": "de"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in content
    response = client.post(url, {"name": "X", "email": "taken@example.org", "language": "de"})
    assert 'id="id_email_error"' in response.content.decode()
    assert "already registered" in response.content.decode()


def test_declining_an_invitation(client: Any, meeting: Meeting) -> None:
    invitation = InvitationFactory(meeting=meeting)
    token = invitation_token(invitation)
    client.post(reverse("meetings:decline", args=[token]))
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.DECLINED


@pytest.mark.parametrize("salt", [tokens.REGISTRATION_SALT, tokens.FEED_SALT])
def test_a_token_for_another_purpose_or_altered_gives_404(client: Any, meeting: Meeting, salt: str) -> None:
    invitation = InvitationFactory(meeting=meeting)
    assert (
        client.get(reverse("meetings:answer", args=[tokens.make_token(invitation.pk, salt=salt)])).status_code
        == 404
    )
    altered = invitation_token(invitation)[:-2] + "xx"
    assert client.get(reverse("meetings:answer", args=[altered])).status_code == 404


ORGANISER_POSTS = [
    ("meetings:edit", {"title": "Gekapert"}),
    ("meetings:invite", {"kind": "invitation"}),
    ("meetings:results", {"audience": "participants"}),
    ("meetings:document_upload", {"title": "X", "visibility": "public"}),
    ("meetings:programme_add", {"programme-kind": "input", "programme-title": "Gekapert"}),
    ("meetings:workshop_add", {"workshop-title": "Gekapert", "workshop-capacity": "5"}),
]


@pytest.mark.parametrize(("name", "data"), ORGANISER_POSTS)
@pytest.mark.parametrize("who", ["outsider", "editor", "anonymous"])
def test_outsiders_cannot_change_another_organisers_meeting(
    client: Any, login: Any, actors: Any, meeting: Meeting, name: str, data: dict[str, str], who: str
) -> None:
    meeting.review = "Ergebnisse"
    meeting.save()
    InvitationFactory(meeting=meeting)
    before = state()
    browser = client if who == "anonymous" else login(getattr(actors, who))
    response = browser.post(reverse(name, args=[meeting.pk]), data)
    assert response.status_code in (302, 404)
    if who == "anonymous":
        assert response.status_code == 302 and "/konto/" in response["Location"]
    else:
        assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize("action", ["approve", "cancel", "check_in"])
def test_outsiders_cannot_act_on_registrations(
    login: Any, actors: Any, meeting: Meeting, action: str
) -> None:
    registration = RegistrationFactory(meeting=meeting, status=Registration.Status.PENDING_APPROVAL)
    before = state()
    response = login(actors.outsider).post(
        reverse("meetings:registration_action", args=[registration.pk]), {"action": action}
    )
    assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize(
    "name", ["meetings:manage", "meetings:check_in", "meetings:check_in_pdf", "meetings:edit"]
)
def test_organiser_pages_are_404_for_outsiders(login: Any, actors: Any, meeting: Meeting, name: str) -> None:
    assert login(actors.outsider).get(reverse(name, args=[meeting.pk])).status_code == 404
    assert login(actors.owner).get(reverse(name, args=[meeting.pk])).status_code == 200


def test_organiser_edits_time_and_everyone_gets_an_update(
    login: Any, actors: Any, meeting: Meeting, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    RegistrationFactory(meeting=meeting, email="participant@example.org")
    client = login(actors.owner)
    form = client.get(reverse("meetings:edit", args=[meeting.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        starts_at="2030-05-04T09:00", ends_at="2030-05-04T15:00", requires_approval="", is_public="on"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 1
    assert meeting.starts_at.isoformat() == "2030-05-04T07:00:00+00:00"
    assert [m.to for m in mail.outbox] == [["participant@example.org"]]


def test_organiser_manage_check_in_and_exports(
    login: Any, actors: Any, meeting: Meeting, django_assert_max_num_queries: Any
) -> None:
    workshop = WorkshopFactory(meeting=meeting, title="=Formel")
    for number in range(30):
        RegistrationFactory(meeting=meeting, name=f"Person {number:02d}", workshop=workshop)
    RegistrationFactory(meeting=meeting, name="Wartend", status=Registration.Status.WAITING)
    client = login(actors.owner)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("meetings:manage", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        page = client.get(reverse("meetings:check_in", args=[meeting.pk]))
    assert "Wartend" not in page.content.decode()

    first = Registration.objects.get(name="Person 00")
    response = client.post(
        reverse("meetings:registration_action", args=[first.pk]), {"action": "check_in", "next": "check_in"}
    )
    assert response["Location"] == reverse("meetings:check_in", args=[meeting.pk])
    first.refresh_from_db()
    assert first.checked_in_at is not None

    with django_assert_max_num_queries(12):
        csv_response = client.get(reverse("meetings:participants", args=[meeting.pk, "csv"]))
    text = csv_response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Name;Organisation")
    assert "'=Formel" in text  # a cell that would run as a formula stays text
    assert len(text.splitlines()) == 32

    xlsx = client.get(reverse("meetings:participants", args=[meeting.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Person 00" and len(rows) == 32
    assert client.get(reverse("meetings:participants", args=[meeting.pk, "pdf"])).status_code == 404

    pdf = client.get(reverse("meetings:check_in_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Person 00" in text and "Person 29" in text and "Wartend" not in text
    assert "30 registered participants" in text


def test_organiser_plans_a_meeting_with_programme_and_workshops(
    login: Any, actors: Any, meeting: Meeting
) -> None:
    series = meeting.series
    url = reverse("meetings:create", args=[series.slug])
    data = {
        "title": "Herbsttreffen",
        "motto": "Wohnen",
        "starts_at": "2030-10-01T10:00",
        "ends_at": "2030-10-01T16:00",
        "venue_name": "Bürgerhaus Eilenburg",
        "format": "in_person",
        "capacity": "60",
        "status": "save_the_date",
        "is_public": "on",
    }
    before = state()
    assert login(actors.outsider).post(url, data).status_code == 404
    assert login(actors.outsider).get(url).status_code == 404
    assert state() == before
    client = login(actors.owner)
    response = client.post(url, data)
    created = Meeting.objects.get(title="Herbsttreffen")
    assert response["Location"] == reverse("meetings:manage", args=[created.pk])
    client.post(
        reverse("meetings:programme_add", args=[created.pk]),
        {
            "programme-kind": "welcome",
            "programme-starts_at": "10:00",
            "programme-title": "Begrüßung",
            "programme-speakers": "Landrat, Landkreis Nordsachsen",
        },
    )
    client.post(
        reverse("meetings:workshop_add", args=[created.pk]),
        {"workshop-title": "Wohnen", "workshop-capacity": "15"},
    )
    item = created.programme.get()
    assert (item.kind, item.starts_at.hour, item.speaker_lines) == (
        "welcome",
        10,
        ["Landrat, Landkreis Nordsachsen"],
    )
    assert created.workshops.get().capacity == 15
    page = client.get(reverse("meetings:manage", args=[created.pk])).content.decode()
    assert "Begrüßung" in page and "Wohnen" in page
    response = client.post(url, {**data, "ends_at": "2030-09-30T10:00"})
    assert 'id="id_ends_at_error"' in response.content.decode()


def test_organiser_approves_and_cancels(login: Any, actors: Any, meeting: Meeting) -> None:
    pending = RegistrationFactory(meeting=meeting, status=Registration.Status.PENDING_APPROVAL)
    client = login(actors.owner)
    client.post(reverse("meetings:registration_action", args=[pending.pk]), {"action": "approve"})
    pending.refresh_from_db()
    assert pending.status == Registration.Status.REGISTERED
    client.post(reverse("meetings:registration_action", args=[pending.pk]), {"action": "cancel"})
    pending.refresh_from_db()
    assert pending.status == Registration.Status.CANCELLED


def test_invite_button_sends_invitations(
    login: Any, actors: Any, meeting: Meeting, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    meeting.series.invite_region = actors.nordsachsen
    meeting.series.save()
    with django_capture_on_commit_callbacks(execute=True):
        login(actors.owner).post(reverse("meetings:invite", args=[meeting.pk]), {"kind": "invitation"})
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_topics_are_proposed_by_members_and_answered_by_the_organiser(
    client: Any, login: Any, actors: Any, meeting: Meeting
) -> None:
    url = reverse("meetings:topics", args=[meeting.pk])
    assert client.get(url).status_code == 302  # to the login
    login(actors.editor).post(url, {"title": "Psychosoziale Beratung", "description": ""})
    proposal = TopicProposal.objects.get()
    login(actors.outsider).post(reverse("meetings:topic_support", args=[proposal.pk]))
    assert proposal.supporters.count() == 2

    before = state()
    answer_url = reverse("meetings:topic_answer", args=[proposal.pk])
    assert login(actors.outsider).post(answer_url, {"status": "accepted"}).status_code == 404
    assert state() == before
    response = login(actors.owner).post(answer_url, {"status": "declined", "answer": ""})
    assert 'id="id_answer_error"' in response.content.decode()
    login(actors.owner).post(answer_url, {"status": "accepted", "answer": ""})
    proposal.refresh_from_db()
    assert proposal.status == TopicProposal.Status.ACCEPTED and proposal.programme_item is not None


def download_status(browser: Any, url: str) -> int:
    """GET a download and read it to the end, which closes its file (the test client's wrapper does)."""
    response = browser.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return int(response.status_code)


def test_documents_by_visibility(client: Any, login: Any, actors: Any, meeting: Meeting) -> None:
    documents = {
        visibility: MeetingDocument.objects.create(
            meeting=meeting,
            title=visibility,
            visibility=visibility,
            file=ContentFile(b"%PDF-1.4", name=f"{visibility}.pdf"),
        )
        for visibility in MeetingDocument.Visibility.values
    }

    def status(browser: Any, visibility: str) -> int:
        return download_status(browser, reverse("meetings:document", args=[documents[visibility].pk]))

    assert [status(client, v) for v in ("public", "members", "participants")] == [200, 404, 404]
    assert [status(login(actors.outsider), v) for v in ("public", "members", "participants")] == [
        200,
        200,
        404,
    ]
    RegistrationFactory(meeting=meeting, user=actors.editor, email=actors.editor.email)
    assert status(login(actors.editor), "participants") == 200
    assert status(login(actors.owner), "participants") == 200


def test_working_group_documents_and_board_are_for_members_only(
    client: Any, login: Any, actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    group = WorkingGroupFactory(region=actors.nordsachsen, name="Arbeitskreis Bildung und Arbeit")
    group.members.add(actors.editor)
    document = MeetingDocument.objects.create(
        working_group=group,
        title="Protokoll intern",
        visibility="members",
        file=ContentFile(b"x", name="p.pdf"),
    )
    Announcement.objects.create(working_group=group, title="Geheimer Aushang", body="Nur für Mitglieder")
    url = group.get_absolute_url()

    public_page = client.get(url).content.decode()
    assert "Arbeitskreis Bildung und Arbeit" in public_page
    assert "Protokoll intern" not in public_page and "Geheimer Aushang" not in public_page
    outsider_page = login(actors.outsider).get(url).content.decode()
    assert "Protokoll intern" not in outsider_page and "Geheimer Aushang" not in outsider_page
    assert download_status(login(actors.outsider), reverse("meetings:document", args=[document.pk])) == 404
    assert download_status(client, reverse("meetings:document", args=[document.pk])) == 404

    before = state()
    response = login(actors.outsider).post(
        reverse("meetings:announcement_post", args=[group.slug]), {"title": "Spam", "body": "Spam"}
    )
    assert response.status_code == 404 and state() == before

    member = login(actors.editor)
    member_page = member.get(url).content.decode()
    assert "Protokoll intern" in member_page and "Geheimer Aushang" in member_page
    assert download_status(member, reverse("meetings:document", args=[document.pk])) == 200
    with django_capture_on_commit_callbacks(execute=True):
        member.post(
            reverse("meetings:announcement_post", args=[group.slug]), {"title": "Termin", "body": "5. Mai"}
        )
    assert Announcement.objects.filter(title="Termin").exists()


def test_feeds_per_series_and_personal(client: Any, login: Any, actors: Any, meeting: Meeting) -> None:
    response = client.get(reverse("meetings:series_feed", args=[meeting.series.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [meeting.ical_uid]

    RegistrationFactory(meeting=meeting, user=actors.editor, email=actors.editor.email)
    page = login(actors.editor).get(reverse("meetings:my_calendar"))
    feed_url = page.context["feed_url"]
    client.logout()
    personal = client.get(feed_url.replace("http://testserver", ""))
    assert personal.status_code == 200
    events = icalendar.Calendar.from_ical(personal.content).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [meeting.ical_uid]
    bad = reverse(
        "meetings:personal_feed", args=[tokens.make_token(actors.editor.pk, salt=tokens.INVITATION_SALT)]
    )
    assert client.get(bad).status_code == 404


def test_page_in_german(client: Any, meeting: Meeting) -> None:
    from django.utils import translation

    with translation.override("de"):
        response = client.get(reverse("meetings:index"), HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert "Treffen" in content and "Kommende Treffen" in content and "Arbeitskreise" in content


def test_registration_full_turns_into_waiting_list(client: Any, meeting: Meeting) -> None:
    meeting.capacity = 1
    meeting.save()
    RegistrationFactory(meeting=meeting)
    invitation = InvitationFactory(meeting=meeting)
    client.post(
        reverse("meetings:answer", args=[invitation_token(invitation)]),
        {"name": "Spät", "email": "late@example.org", "language": "en"},
    )
    assert Registration.objects.get(email="late@example.org").status == Registration.Status.WAITING


def test_closed_registration_shows_no_form(client: Any, meeting: Meeting) -> None:
    services.meeting_update(meeting=meeting, actor=None, status=Meeting.Status.REGISTRATION_CLOSED)
    invitation = InvitationFactory(meeting=meeting)
    url = reverse("meetings:answer", args=[invitation_token(invitation)])
    assert '<form method="post" novalidate>' not in client.get(url).content.decode()
    response = client.post(url, {"name": "X", "email": "x@example.org", "language": "de"})
    assert "Registration for this meeting is closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_logged_in_member_registers_a_colleague(
    client: Any, login: Any, actors: Any, meeting: Meeting
) -> None:
    url = reverse("meetings:register", args=[meeting.pk])
    assert client.get(url).status_code == 302
    member = login(actors.editor)
    assert 'value="editor@example.org"' in member.get(url).content.decode()
    member.post(url, {"name": "Vereinsredaktion", "email": "editor@example.org", "language": "de"})
    member.post(
        url,
        {
            "name": "Kollegin",
            "email": "kollegin@example.org",
            "organisation_name": "Verein",
            "language": "de",
        },
    )
    assert Registration.objects.get(email="editor@example.org").user == actors.editor
    assert Registration.objects.get(email="kollegin@example.org").user is None
    hidden = MeetingFactory(series=meeting.series, is_public=False)
    assert member.get(reverse("meetings:register", args=[hidden.pk])).status_code == 404


def test_working_group_members_are_managed_by_its_organisers(login: Any, actors: Any) -> None:
    group = WorkingGroupFactory(region=actors.nordsachsen)
    url = reverse("meetings:member_change", args=[group.slug])
    before = state()
    assert login(actors.outsider).post(url, {"email": "editor@example.org"}).status_code == 404
    assert login(actors.editor).post(url, {"email": "editor@example.org"}).status_code == 404
    assert not group.members.exists() and state() == before
    owner = login(actors.owner)
    owner.post(url, {"email": "EDITOR@example.org"})
    assert list(group.members.all()) == [actors.editor]
    owner.post(url, {"email": "nobody@example.org"})
    assert group.members.count() == 1
    owner.post(url, {"remove": str(actors.editor.pk)})
    assert not group.members.exists()
    assert (
        AuditLogEntry.objects.filter(object_type="meetings.workinggroup", changes__has_key="members").count()
        == 2
    )


@pytest.mark.parametrize("size", [2, 20])
def test_meeting_page_has_a_fixed_number_of_queries(
    client: Any, meeting: Meeting, size: int, django_assert_max_num_queries: Any
) -> None:
    from integrationsnetz.meetings.tests.factories import ProgrammeItemFactory

    for number in range(size):
        ProgrammeItemFactory(meeting=meeting, speakers=f"Person {number}, Verein")
        WorkshopFactory(meeting=meeting)
        MeetingDocument.objects.create(
            meeting=meeting,
            title=f"Folien {number}",
            visibility="public",
            file=ContentFile(b"x", name="f.pdf"),
        )
    with django_assert_max_num_queries(9):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert f"Person {size - 1}, Verein" in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Programme items with speakers from the directory, series and working group pages
# ---------------------------------------------------------------------------------------------


def test_organiser_adds_a_directory_speaker_by_searching_without_javascript(
    login: Any, actors: Any, meeting: Meeting
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    speaker = ContactPersonFactory(
        name="Marc Liebmann", function="Allgemeiner Migrationsdienst", organisation=actors.organisation
    )
    ContactPersonFactory(name="Marc Fremd", function="Beratung", organisation=actors.other_organisation)
    client = login(actors.owner)
    url = reverse("meetings:programme_add", args=[meeting.pk])
    typed = {
        "programme-kind": "input",
        "programme-starts_at": "11:00",
        "programme-title": "Migrationsdienst stellt sich vor",
        "programme-speaker_search": "marc",
        "programme-speakers": "Frau Muster, Verein",
    }
    page = client.post(url, {**typed, "action": "search"})
    content = page.content.decode()
    assert page.status_code == 200 and ProgrammeItem.objects.count() == 0
    assert "Marc Liebmann – Allgemeiner Migrationsdienst, Willkommen in Eilenburg e. V." in content
    assert "Marc Fremd" not in content  # a name the coordinator may not read is not searched
    assert 'value="Migrationsdienst stellt sich vor"' in content and "errorlist" not in content
    assert "1 match for “marc”." in content
    assert 'name="programme-speaker_searched" value="marc"' in content

    response = client.post(
        url,
        {
            **typed,
            "programme-speaker_searched": "marc",
            "programme-speaker_contacts": [str(speaker.pk)],
            "action": "save",
        },
    )
    assert response["Location"] == reverse("meetings:manage", args=[meeting.pk])
    item = ProgrammeItem.objects.get()
    assert list(item.speaker_contacts.all()) == [speaker] and item.speaker_lines == ["Frau Muster, Verein"]
    public = client.get(meeting.get_absolute_url()).content.decode()
    assert "Allgemeiner Migrationsdienst, Willkommen in Eilenburg e. V." in public
    assert "Marc Liebmann" not in public  # no consent to publish the name


def test_bad_programme_input_is_shown_on_its_field_and_writes_nothing(
    login: Any, actors: Any, meeting: Meeting
) -> None:
    client = login(actors.owner)
    response = client.post(
        reverse("meetings:programme_add", args=[meeting.pk]),
        {"programme-kind": "party", "programme-title": "", "programme-speaker_contacts": ["999999"]},
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_programme-title_error"' in content and 'id="id_programme-kind_error"' in content
    assert 'href="#id_programme-title"' in content  # the summary links to the field
    assert ProgrammeItem.objects.count() == 0


def test_organiser_edits_moves_and_removes_programme_items(
    login: Any, actors: Any, meeting: Meeting, django_assert_max_num_queries: Any
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    speaker = ContactPersonFactory(
        name="Heike Schmidt", function="Dezernentin", organisation=actors.organisation
    )
    first = services.programme_item_add(meeting=meeting, actor=None, kind="welcome", title="Begrüßung")
    second = services.programme_item_add(
        meeting=meeting, actor=None, kind="input", title="Input", speaker_contacts=[speaker]
    )
    client = login(actors.owner)
    edit_url = reverse("meetings:programme_edit", args=[second.pk])
    form_page = client.get(edit_url).content.decode()
    assert "checked" in form_page and "Heike Schmidt – Dezernentin" in form_page
    response = client.post(
        edit_url,
        {
            "programme-kind": "discussion",
            "programme-starts_at": "",
            "programme-title": "Diskussion",
            "programme-speakers": "",
            "action": "save",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.kind, second.title, second.speaker_contacts.count()) == ("discussion", "Diskussion", 0)

    response = client.post(reverse("meetings:programme_move", args=[second.pk]), {"direction": "up"})
    assert response["Location"].endswith(f"#programme-item-{second.pk}")
    assert list(meeting.programme.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    assert (
        client.post(reverse("meetings:programme_move", args=[second.pk]), {"direction": "x"}).status_code
        == 404
    )

    remove_url = reverse("meetings:programme_remove", args=[first.pk])
    confirm = client.get(remove_url)
    assert confirm.status_code == 200 and ProgrammeItem.objects.filter(pk=first.pk).exists()
    assert "Remove “Begrüßung”?" in confirm.content.decode()
    client.post(remove_url)
    assert not ProgrammeItem.objects.filter(pk=first.pk).exists()

    for number in range(15):
        services.programme_item_add(
            meeting=meeting,
            actor=None,
            kind="input",
            title=f"Beitrag {number}",
            speaker_contacts=[ContactPersonFactory(organisation=actors.organisation)],
        )
    with django_assert_max_num_queries(13):  # the same with 2 items
        page = client.get(reverse("meetings:manage", args=[meeting.pk]))
    assert "Beitrag 14" in page.content.decode()


@pytest.mark.parametrize("who", ["outsider", "editor"])
def test_outsiders_cannot_touch_another_organisers_programme(
    login: Any, actors: Any, meeting: Meeting, who: str
) -> None:
    item = services.programme_item_add(meeting=meeting, actor=None, kind="input", title="Input")
    before = (list(ProgrammeItem.objects.values()), AuditLogEntry.objects.count())
    client = login(getattr(actors, who))
    requests = [
        ("get", reverse("meetings:programme_add", args=[meeting.pk]), {}),
        ("get", reverse("meetings:programme_edit", args=[item.pk]), {}),
        (
            "post",
            reverse("meetings:programme_edit", args=[item.pk]),
            {"programme-kind": "input", "programme-title": "X"},
        ),
        ("post", reverse("meetings:programme_move", args=[item.pk]), {"direction": "down"}),
        ("get", reverse("meetings:programme_remove", args=[item.pk]), {}),
        ("post", reverse("meetings:programme_remove", args=[item.pk]), {}),
    ]
    for method, url, data in requests:
        assert getattr(client, method)(url, data).status_code == 404, url
    assert (list(ProgrammeItem.objects.values()), AuditLogEntry.objects.count()) == before


def series_data(region: Any, **changes: str) -> dict[str, str]:
    return {
        "name": "Netzwerktreffen Eilenburg",
        "kind": "district_network",
        "region": str(region.pk),
        "organiser_name": "Stadt Eilenburg",
        "description": "Zweimal im Jahr.",
        "invite_region": str(region.pk),
        "invited_emails": "editor@example.org",
        **changes,
    }


def test_a_coordinator_creates_and_edits_a_series_of_their_region(
    login: Any, actors: Any, django_assert_max_num_queries: Any
) -> None:
    from integrationsnetz.meetings.models import MeetingSeries

    client = login(actors.owner)
    page = client.get(reverse("meetings:series_create")).content.decode()
    assert "Nordsachsen (14730)" in page and "Mittelsachsen" not in page
    response = client.post(reverse("meetings:series_create"), series_data(actors.eilenburg))
    series = MeetingSeries.objects.get()
    assert response["Location"] == series.get_absolute_url()
    assert (series.slug, series.region, list(series.invited_people.all())) == (
        "netzwerktreffen-eilenburg",
        actors.eilenburg,
        [actors.editor],
    )
    edit_url = reverse("meetings:series_edit", args=[series.slug])
    assert "editor@example.org" in client.get(edit_url).content.decode()
    client.post(edit_url, series_data(actors.nordsachsen, invited_emails="", invite_commissioners="on"))
    series.refresh_from_db()
    assert series.region == actors.nordsachsen and series.invite_commissioners
    assert series.invited_people.count() == 0

    for number in range(10):
        MeetingSeriesFactory(region=actors.nordsachsen, name=f"Reihe {number}")
    MeetingSeriesFactory(region=actors.mittelsachsen, name="Reihe Mittelsachsen")
    with django_assert_max_num_queries(6):
        listing = client.get(reverse("meetings:series_list"))
    content = listing.content.decode()
    assert "Reihe 9" in content and "Reihe Mittelsachsen" not in content
    assert reverse("meetings:series_list") in client.get(reverse("meetings:index")).content.decode()


def test_bad_series_input_gives_field_messages_and_writes_nothing(login: Any, actors: Any) -> None:
    from integrationsnetz.meetings.models import MeetingSeries

    client = login(actors.owner)
    response = client.post(
        reverse("meetings:series_create"),
        series_data(actors.mittelsachsen, name="", invited_emails="nobody@example.org\nkein-name"),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_name_error"' in content and 'id="id_region_error"' in content
    assert 'id="id_invited_emails_error"' in content and "kein-name" in content
    response = client.post(
        reverse("meetings:series_create"),
        series_data(actors.nordsachsen, invited_emails="nobody@example.org"),
    )
    assert "There is no account with the e-mail address nobody@example.org." in response.content.decode()
    assert MeetingSeries.objects.count() == 0


@pytest.mark.parametrize("who", ["outsider", "editor", "anonymous"])
def test_outsiders_cannot_create_or_edit_another_organisers_series(
    client: Any, login: Any, actors: Any, who: str
) -> None:
    from integrationsnetz.meetings.models import MeetingSeries

    series = MeetingSeriesFactory(region=actors.nordsachsen, name="Alt")
    before = (list(MeetingSeries.objects.values()), AuditLogEntry.objects.count())
    browser = client if who == "anonymous" else login(getattr(actors, who))
    edit_url = reverse("meetings:series_edit", args=[series.slug])
    responses = [
        browser.get(edit_url),
        browser.post(edit_url, series_data(actors.mittelsachsen, name="Gekapert")),
    ]
    if who != "outsider":
        responses += [
            browser.get(reverse("meetings:series_list")),
            browser.post(reverse("meetings:series_create"), series_data(actors.nordsachsen)),
        ]
    for response in responses:
        assert response.status_code == (302 if who == "anonymous" else 404)
    assert (list(MeetingSeries.objects.values()), AuditLogEntry.objects.count()) == before
    if who != "outsider":  # the outsider coordinates Mittelsachsen and organises series there
        assert reverse("meetings:series_list") not in browser.get(reverse("meetings:index")).content.decode()


def test_working_groups_are_listed_publicly_and_created_with_organisations(
    client: Any, login: Any, actors: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(10):
        WorkingGroupFactory(
            region=actors.nordsachsen, name=f"Arbeitskreis {number}", lead_name="Koordination"
        )
    with django_assert_max_num_queries(5):
        listing = client.get(reverse("meetings:working_groups"))
    assert "Arbeitskreis 9" in listing.content.decode()
    assert reverse("meetings:working_group_create") not in listing.content.decode()

    owner = login(actors.owner)
    url = reverse("meetings:working_group_create")
    typed = {
        "name": "Arbeitskreis Wohnen",
        "description": "Wohnraum",
        "region": str(actors.nordsachsen.pk),
        "lead_name": "Koordination Nordsachsen",
        "lead_email": "editor@example.org",
        "organisation_search": "eilenburg",
    }
    page = owner.post(url, {**typed, "action": "search"}).content.decode()
    assert "Willkommen in Eilenburg e. V. (Eilenburg)" in page and "Freiberger" not in page
    response = owner.post(url, {**typed, "organisations": [str(actors.organisation.pk)], "action": "save"})
    from integrationsnetz.meetings.models import WorkingGroup

    group = WorkingGroup.objects.get(name="Arbeitskreis Wohnen")
    assert response["Location"] == f"{group.get_absolute_url()}#members-heading"
    assert (group.lead, list(group.organisations.all())) == (actors.editor, [actors.organisation])

    edit_url = reverse("meetings:working_group_edit", args=[group.slug])
    edit_page = owner.get(edit_url).content.decode()
    assert 'value="editor@example.org"' in edit_page and "#members-heading" in edit_page
    response = owner.post(edit_url, {**typed, "lead_email": "nobody@example.org", "action": "save"})
    assert response.status_code == 400 and 'id="id_lead_email_error"' in response.content.decode()
    owner.post(edit_url, {**typed, "description": "Wohnraum für alle", "lead_email": "", "action": "save"})
    group.refresh_from_db()
    assert group.description == "Wohnraum für alle" and group.lead is None
    assert group.organisations.count() == 0


@pytest.mark.parametrize("who", ["outsider", "editor", "anonymous"])
def test_outsiders_cannot_create_or_edit_another_regions_working_group(
    client: Any, login: Any, actors: Any, who: str
) -> None:
    from integrationsnetz.meetings.models import WorkingGroup

    group = WorkingGroupFactory(region=actors.nordsachsen, name="Alt")
    before = (list(WorkingGroup.objects.values()), AuditLogEntry.objects.count())
    browser = client if who == "anonymous" else login(getattr(actors, who))
    edit_url = reverse("meetings:working_group_edit", args=[group.slug])
    data = {"name": "Gekapert", "region": str(actors.mittelsachsen.pk), "action": "save"}
    responses = [browser.get(edit_url), browser.post(edit_url, data)]
    if who != "outsider":
        responses.append(browser.post(reverse("meetings:working_group_create"), data))
    for response in responses:
        assert response.status_code == (302 if who == "anonymous" else 404)
    assert (list(WorkingGroup.objects.values()), AuditLogEntry.objects.count()) == before


def test_a_coordinator_cannot_move_a_group_into_another_region(login: Any, actors: Any) -> None:
    from integrationsnetz.meetings.models import WorkingGroup

    client = login(actors.owner)
    response = client.post(
        reverse("meetings:working_group_create"),
        {"name": "Arbeitskreis", "region": str(actors.mittelsachsen.pk), "action": "save"},
    )
    assert response.status_code == 400 and 'id="id_region_error"' in response.content.decode()
    assert WorkingGroup.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# Directory speakers in the order given; Enter saves the programme form
# ---------------------------------------------------------------------------------------------


def _speaker_form(
    item: ProgrammeItem, order: list[Any], ticked: list[Any], **positions: str
) -> dict[str, Any]:
    """What the edit page sends: the ticked people in page order, the order it showed, the numbers."""
    data: dict[str, Any] = {
        "programme-kind": item.kind,
        "programme-title": item.title,
        "programme-speaker_order": ",".join(str(contact.pk) for contact in order),
        "programme-speaker_contacts": [str(contact.pk) for contact in ticked],
        "action": "save",
    }
    for name, value in positions.items():
        data[f"programme-speaker_position_{name}"] = value
    return data


def test_organiser_orders_directory_speakers_by_number_without_javascript(
    login: Any, actors: Any, meeting: Meeting
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    anna, bernd, clara, dora = (
        ContactPersonFactory(name=name, function="Grußwort", organisation=actors.organisation)
        for name in ("Anna Erste", "Bernd Zweiter", "Clara Dritte", "Dora Vierte")
    )
    item = services.programme_item_add(
        meeting=meeting, actor=None, kind="welcome", title="Begrüßung", speaker_contacts=[clara, anna, bernd]
    )
    client = login(actors.owner)
    url = reverse("meetings:programme_edit", args=[item.pk])
    page = client.get(url).content.decode()
    assert page.index("Clara Dritte") < page.index("Anna Erste") < page.index("Bernd Zweiter")
    for number, contact in enumerate([clara, anna, bernd], start=1):
        field = f"programme-speaker_position_{contact.pk}"
        assert f'<label for="id_{field}">Place' in page
        assert f'name="{field}" id="id_{field}" value="{number}"' in page
    assert f'name="programme-speaker_order" value="{clara.pk},{anna.pk},{bernd.pk}"' in page

    def order() -> list[Any]:
        return ProgrammeItem.objects.get(pk=item.pk).ordered_speaker_contacts

    # Bernd gets number 1: he speaks first, the others keep their order.
    data = _speaker_form(
        item,
        [clara, anna, bernd],
        [clara, anna, bernd],
        **{str(clara.pk): "1", str(anna.pk): "2", str(bernd.pk): "1"},
    )
    assert client.post(url, data).status_code == 302
    assert order() == [bernd, clara, anna]
    # Bernd gets number 3: he moves to the end.
    data = _speaker_form(
        item,
        [bernd, clara, anna],
        [bernd, clara, anna],
        **{str(bernd.pk): "3", str(clara.pk): "2", str(anna.pk): "3"},
    )
    assert client.post(url, data).status_code == 302
    assert order() == [clara, anna, bernd]
    # Anna unticked, Dora newly ticked: the others keep their order, Dora comes last.
    data = _speaker_form(
        item,
        [clara, anna, bernd],
        [clara, bernd, dora],
        **{str(clara.pk): "1", str(anna.pk): "2", str(bernd.pk): "3"},
    )
    assert client.post(url, data).status_code == 302
    assert order() == [clara, bernd, dora]

    # A number that is not a whole number from 1 is an error on the field; nothing changes.
    logged = AuditLogEntry.objects.count()
    for bad in ("x", "0", "-1"):
        data = _speaker_form(item, [clara, bernd, dora], [clara, bernd, dora], **{str(bernd.pk): bad})
        response = client.post(url, data)
        content = response.content.decode()
        assert response.status_code == 400
        assert "Give each speaker&#x27;s place as a whole number from 1." in content
        assert 'id="id_programme-speaker_contacts_error"' in content
        assert 'href="#id_programme-speaker_contacts"' in content  # the summary leads to the speakers
    assert order() == [clara, bernd, dora] and AuditLogEntry.objects.count() == logged


def test_a_search_keeps_the_speakers_order_and_numbers(login: Any, actors: Any, meeting: Meeting) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    anna, bernd = (
        ContactPersonFactory(name=name, function="Grußwort", organisation=actors.organisation)
        for name in ("Anna Erste", "Bernd Zweiter")
    )
    ContactPersonFactory(name="Zora Gefunden", function="Beratung", organisation=actors.organisation)
    item = services.programme_item_add(
        meeting=meeting, actor=None, kind="welcome", title="Begrüßung", speaker_contacts=[anna, bernd]
    )
    client = login(actors.owner)
    url = reverse("meetings:programme_edit", args=[item.pk])
    data = _speaker_form(item, [anna, bernd], [anna, bernd], **{str(anna.pk): "2", str(bernd.pk): "2"})
    page = client.post(url, {**data, "action": "search", "programme-speaker_search": "zora"}).content.decode()
    # Bernd is first now, numbered anew; the match follows without a number; nothing saved yet.
    assert page.index("Bernd Zweiter") < page.index("Anna Erste") < page.index("Zora Gefunden")
    assert (
        f'name="programme-speaker_position_{bernd.pk}" id="id_programme-speaker_position_{bernd.pk}" value="1"'
        in page
    )
    assert f'name="programme-speaker_order" value="{bernd.pk},{anna.pk}"' in page
    assert page.count('class="position-input"') == 2
    assert ProgrammeItem.objects.get(pk=item.pk).ordered_speaker_contacts == [anna, bernd]


def test_enter_in_the_title_saves_and_enter_with_a_new_search_term_searches(
    login: Any, actors: Any, meeting: Meeting
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    ContactPersonFactory(name="Marc Liebmann", function="Migrationsdienst", organisation=actors.organisation)
    client = login(actors.owner)
    add_url = reverse("meetings:programme_add", args=[meeting.pk])
    for page_url in (add_url, reverse("meetings:manage", args=[meeting.pk])):
        page = client.get(page_url).content.decode()
        form = page[page.index(f'action="{add_url}"') :]
        form = form[: form.index("</form>")]
        # Enter submits with the form's first submit button: it must be the save button.
        first_button = form[form.index('<button type="submit"') :]
        assert first_button.startswith('<button type="submit" name="action" value="save">')
        assert form.index('value="save"') < form.index('id="id_programme-speaker_search"')

    typed = {"programme-kind": "input", "programme-title": "Migrationsdienst", "programme-speaker_search": ""}
    # Enter in the search field after typing a new term: the browser sends the save button, the term
    # has not been searched yet, so the page searches and saves nothing.
    response = client.post(add_url, {**typed, "programme-speaker_search": "marc", "action": "save"})
    assert response.status_code == 200 and ProgrammeItem.objects.count() == 0
    assert "1 match for “marc”." in response.content.decode()
    # Enter in the title (nothing new in the search field) saves.
    response = client.post(add_url, {**typed, "action": "save"})
    assert response.status_code == 302 and ProgrammeItem.objects.get().title == "Migrationsdienst"
    # After a search, Enter saves: the term shown was searched already.
    response = client.post(
        add_url,
        {
            **typed,
            "programme-title": "Zweiter Punkt",
            "programme-speaker_search": "marc",
            "programme-speaker_searched": "marc",
            "action": "save",
        },
    )
    assert response.status_code == 302 and ProgrammeItem.objects.count() == 2


@pytest.mark.parametrize("size", [2, 20])
def test_speakers_in_their_order_with_a_fixed_number_of_queries(
    size: int, client: Any, login: Any, actors: Any, meeting: Meeting, django_assert_max_num_queries: Any
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    for number in range(size):
        # By organisation the second would come first: the order given must win.
        services.programme_item_add(
            meeting=meeting,
            actor=None,
            kind="input",
            title=f"Punkt {number}",
            speaker_contacts=[
                ContactPersonFactory(function=f"Zweite Rede {number}", organisation__name=f"Z {number}"),
                ContactPersonFactory(function=f"Dritte Rede {number}", organisation__name=f"A {number}"),
            ],
        )
    with django_assert_max_num_queries(7):
        public = client.get(meeting.get_absolute_url()).content.decode()
    last = size - 1
    assert public.index(f"Zweite Rede {last}, Z {last}") < public.index(f"Dritte Rede {last}, A {last}")
    organiser = login(actors.owner)
    with django_assert_max_num_queries(11):
        manage = organiser.get(reverse("meetings:manage", args=[meeting.pk])).content.decode()
    assert manage.index(f"Zweite Rede {last}, Z {last}") < manage.index(f"Dritte Rede {last}, A {last}")
    with django_assert_max_num_queries(7):
        api = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert api["programme"][last]["speakers"] == [
        f"Zweite Rede {last}, Z {last}",
        f"Dritte Rede {last}, A {last}",
    ]
