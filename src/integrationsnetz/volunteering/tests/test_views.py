"""Pages: public needs anonymised, contact hidden until mutual consent, outsiders refused, fixed queries."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from integrationsnetz.accounts.models import User
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import (
    HoursEntry,
    Match,
    Need,
    OrganisationVerification,
    VolunteerOffer,
)
from integrationsnetz.volunteering.slots import choices_from_slots, slot_bit
from integrationsnetz.volunteering.tests.factories import make_need, make_volunteer, next_weekday

pytestmark = pytest.mark.django_db


def test_public_list_is_anonymised(client: Any, scene: Any, django_assert_max_num_queries: Any) -> None:
    make_need(scene.need.organisation, scene.need.region, title="Zweiter Bedarf")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("volunteering:needs"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Hausaufgabenhilfe" in html and "Eilenburg" in html
    assert "Willkommen in Eilenburg" not in html and "04838" not in html


def test_public_detail_hides_organisation_and_proposals(client: Any, scene: Any) -> None:
    html = client.get(reverse("volunteering:need", args=[scene.need.pk])).content.decode()
    assert "Willkommen in Eilenburg" not in html and "Samira" not in html


def test_editor_sees_proposals_with_reasons_but_no_contact(login: Any, actors: Any, scene: Any) -> None:
    html = login(actors.editor).get(reverse("volunteering:need", args=[scene.need.pk])).content.decode()
    assert "Samira from Eilenburg" in html
    assert "speaks Arabic (native)" in html and "2 km away" in html and "free Tuesdays" in html
    assert "vol@example.org" not in html and "0341 000000" not in html and "Haddad" not in html


def test_unverified_organisation_sees_no_proposals(login: Any, actors: Any, scene: Any) -> None:
    OrganisationVerification.objects.all().delete()
    client = login(actors.editor)
    html = client.get(reverse("volunteering:need", args=[scene.need.pk])).content.decode()
    assert "not yet been verified" in html and "Samira" not in html
    response = client.post(reverse("volunteering:propose", args=[scene.need.pk, scene.offer.pk]))
    assert response.status_code == 404 and not Match.objects.exists()


def test_contact_shows_only_after_mutual_consent(client: Any, login: Any, actors: Any, scene: Any) -> None:
    editor = login(actors.editor)
    response = editor.post(reverse("volunteering:propose", args=[scene.need.pk, scene.offer.pk]))
    match = Match.objects.get()
    assert response.url == reverse("volunteering:match", args=[match.pk])
    url = reverse("volunteering:match", args=[match.pk])
    assert "vol@example.org" not in editor.get(url).content.decode()
    volunteer = scene.offer.user
    client.force_login(volunteer)
    page = client.get(url).content.decode()
    assert "editor@example.org" not in page and "Willkommen in Eilenburg" not in page
    client.post(reverse("volunteering:match_step", args=[match.pk, "accept"]))
    assert "editor@example.org" not in client.get(url).content.decode()
    editor = login(actors.editor)
    assert "vol@example.org" not in editor.get(url).content.decode()
    editor.post(reverse("volunteering:match_step", args=[match.pk, "confirm"]), {"meets_at": ""})
    assert Match.objects.get().status == Match.Status.CONFIRMED_BY_ORGANISATION
    html = editor.get(url).content.decode()
    assert "vol@example.org" in html and "0341 000000" in html and "Samira Haddad" in html
    client.force_login(volunteer)
    assert "editor@example.org" in client.get(url).content.decode()


def _edit_data(need: Need, **changes: Any) -> dict[str, Any]:
    """The edit form of ``need`` as a browser would post it unchanged, with ``changes`` applied."""
    data: dict[str, Any] = {
        "title": need.title,
        "description": need.description,
        "region": need.region_id,
        "town": need.town,
        "postal_code": need.postal_code,
        "latitude": str(need.latitude),
        "longitude": str(need.longitude),
        "starts_on": need.starts_on.isoformat(),
        "slots": choices_from_slots(need.slots),
        "helpers_wanted": str(need.helpers_wanted),
        "expires_on": "",
    }
    if need.recurring:
        data["recurring"] = "on"
    if need.requires_certificate_of_conduct:
        data["requires_certificate_of_conduct"] = "on"
    for number, item in enumerate(need.languages.select_related("language"), start=1):
        data[f"language_{number}"] = item.language.code
        data[f"level_{number}"] = str(item.min_level)
    data.update(changes)
    return data


def _writes(scene: Any, match: Match, entry: HoursEntry) -> list[tuple[str, dict[str, str]]]:
    return [
        (reverse("volunteering:propose", args=[scene.need.pk, scene.offer.pk]), {}),
        (reverse("volunteering:need_withdraw", args=[scene.need.pk]), {}),
        (reverse("volunteering:need_edit", args=[scene.need.pk]), _edit_data(scene.need, title="Fremd")),
        (reverse("volunteering:match_step", args=[match.pk, "confirm"]), {}),
        (reverse("volunteering:match_step", args=[match.pk, "accept"]), {}),
        (reverse("volunteering:match_end", args=[match.pk]), {"reason": "weg"}),
        (reverse("volunteering:match_message", args=[match.pk]), {"body": "Hallo"}),
        (reverse("volunteering:hours_log", args=[match.pk]), {"day": "2026-01-01", "hours": "2"}),
        (reverse("volunteering:hours_decide", args=[entry.pk, "approve"]), {}),
        (reverse("volunteering:batch_plan", args=[scene.need.region.parent.key]), {}),
        (reverse("volunteering:organisation_verify", args=[scene.need.organisation.slug]), {}),
        (
            reverse("volunteering:qualification_add", args=[scene.offer.pk]),
            {"kind": "first_aid", "seen_on": "2026-01-01", "expires_on": "2027-01-01"},
        ),
    ]


def _state() -> list[Any]:
    return [
        list(Match.objects.values_list("pk", "status")),
        list(Need.objects.values_list("pk", "status", "title", "slots")),
        list(HoursEntry.objects.values_list("pk", "status")),
        OrganisationVerification.objects.count(),
        sorted(VolunteerOffer.objects.values_list("pk", flat=True)),
    ]


def test_outsider_is_refused_every_write(login: Any, actors: Any, scene: Any) -> None:
    second = make_need(actors.organisation, actors.eilenburg, title="Zweiter")
    match = services.match_propose(need=second, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    entry = services.hours_log(
        match=match, actor=scene.offer.user, day=timezone.localdate(), hours=Decimal(1)
    )
    OrganisationVerification.objects.all().delete()
    before = _state()
    client = login(actors.outsider)
    for url, data in _writes(scene, match, entry):
        assert client.post(url, data).status_code == 404, url
    assert _state() == before
    assert client.get(reverse("volunteering:match", args=[match.pk])).status_code == 404
    assert client.get(reverse("volunteering:dashboard", args=["14730"])).status_code == 404


def test_anonymous_is_sent_to_login(client: Any, scene: Any) -> None:
    response = client.post(reverse("volunteering:propose", args=[scene.need.pk, scene.offer.pk]))
    assert response.status_code == 302 and not Match.objects.exists()


def test_signup_creates_account_offer_and_role(client: Any, actors: Any) -> None:
    from integrationsnetz.volunteering.tests.factories import arabic

    arabic()
    data = {
        "full_name": "Lena Neu",
        "email": "lena@example.org",
        "password": "a-long-password-1",
        "language": "de",
        "activities": ["mentoring", "driving"],
        "region": actors.eilenburg.pk,
        "town": "Eilenburg",
        "latitude": "51.46",
        "longitude": "12.63",
        "max_distance_km": "10",
        "availability": ["1-1", "3-2"],
        "hours_per_week": "2",
        "max_matches": "1",
        "available_from": timezone.localdate().isoformat(),
        "language_1": "ar",
        "level_1": "3",
    }
    response = client.post(reverse("volunteering:signup"), data)
    assert response.status_code == 400 or "consent" in response.content.decode()
    assert not User.objects.filter(email="lena@example.org").exists()
    response = client.post(reverse("volunteering:signup"), {**data, "consent": "on"})
    assert response.status_code == 302
    offer = VolunteerOffer.objects.get(user__email="lena@example.org")
    assert offer.activities == ["mentoring", "driving"] and offer.languages.get().level == 3
    assert offer.user.memberships.filter(role="volunteer").exists()


def test_signup_errors_are_tied_to_fields(client: Any, actors: Any) -> None:
    html = client.post(reverse("volunteering:signup"), {"email": "nope"}).content.decode()
    assert 'aria-describedby="id_email_error"' in html and 'aria-invalid="true"' in html


def test_dashboard_figures_with_fixed_queries(
    login: Any, actors: Any, scene: Any, django_assert_max_num_queries: Any
) -> None:
    make_volunteer(actors.eilenburg, email="unused@example.org")
    client = login(actors.owner)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("volunteering:dashboard", args=["14730"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hausaufgabenhilfe" in html and "Willkommen in Eilenburg" in html
    # Coordinators see the district's volunteers and reach the qualification form from here.
    assert "Samira Haddad" in html
    assert reverse("volunteering:qualification_add", args=[scene.offer.pk]) in html


def test_needs_managed_with_fixed_queries(
    login: Any, actors: Any, scene: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(5):
        make_need(actors.organisation, actors.eilenburg, title=f"Bedarf {number}")
    client = login(actors.editor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("volunteering:needs_managed"))
    assert response.content.decode().count("Bedarf ") == 5


def test_certificate_pdf_and_ics(client: Any, actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(
        match=match, action="confirm", actor=actors.editor, meets_at=timezone.now() + timedelta(days=2)
    )
    day = timezone.localdate() - timedelta(days=3)
    entry = services.hours_log(match=match, actor=scene.offer.user, day=day, hours=Decimal("3.5"))
    services.hours_decide(entry=entry, approve=True, actor=actors.editor)
    client.force_login(scene.offer.user)
    response = client.get(
        reverse("volunteering:certificate"),
        {"start": (day - timedelta(days=1)).isoformat(), "end": day.isoformat()},
    )
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    text = " ".join(text.split())
    assert (
        "Samira Haddad" in text
        and "Willkommen in Eilenburg" in text
        and "homework help" in text
        and "3.5" in text
    )
    ics = client.get(reverse("volunteering:match_ics", args=[match.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    assert b"SUMMARY:Hausaufgabenhilfe" in ics.content


def test_still_current_link(client: Any, scene: Any) -> None:
    token = services.confirmation_token("need", scene.need.pk)
    url = reverse("volunteering:still_current", args=[token])
    assert "Is your need still current?" in client.get(url).content.decode()
    client.post(url, {"answer": "withdraw"})
    assert Need.objects.get(pk=scene.need.pk).status == Need.Status.WITHDRAWN
    assert client.get(reverse("volunteering:still_current", args=["broken"])).status_code == 400


def test_my_offer_page_in_german(client: Any, scene: Any) -> None:
    client.force_login(scene.offer.user)
    with translation.override("de"):
        html = client.get(reverse("volunteering:my_offer"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Mein Angebot" in html and "Sächsische Ehrenamtskarte" in html
    # Browser date fields take ISO dates only; a German "01.12.2026" would show an empty field.
    assert f'value="{scene.offer.available_from.isoformat()}"' in html


def test_need_edit_page_in_german_keeps_the_date(login: Any, actors: Any, scene: Any) -> None:
    client = login(actors.editor)
    with translation.override("de"):
        html = client.get(
            reverse("volunteering:need_edit", args=[scene.need.pk]), HTTP_ACCEPT_LANGUAGE="de"
        ).content.decode()
    assert "Bedarf „Hausaufgabenhilfe“ ändern" in html
    assert f'name="starts_on" value="{scene.need.starts_on.isoformat()}"' in html


def test_editor_posts_a_need(login: Any, actors: Any, scene: Any) -> None:
    client = login(actors.editor)
    assert client.get(reverse("volunteering:need_create")).status_code == 200
    data = {
        "organisation": actors.organisation.pk,
        "title": "Fahrdienst",
        "activity": "driving",
        "region": actors.eilenburg.pk,
        "town": "Eilenburg",
        "latitude": "51.46",
        "longitude": "12.63",
        "starts_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "slots": ["0-0", "2-0"],
        "helpers_wanted": "2",
        "recurring": "on",
        "language_1": "ar",
        "level_1": "2",
    }
    response = client.post(reverse("volunteering:need_create"), data)
    need = Need.objects.get(title="Fahrdienst")
    assert response.url == reverse("volunteering:need", args=[need.pk])
    assert need.slots == 1 | (1 << 6) and need.languages.get().min_level == 2
    # Another organisation's id is not offered to this editor: the form refuses it.
    response = client.post(
        reverse("volunteering:need_create"), {**data, "organisation": actors.other_organisation.pk}
    )
    assert response.status_code == 200 and Need.objects.filter(title="Fahrdienst").count() == 1


def test_coordinator_verifies_and_notes_a_qualification(login: Any, actors: Any, scene: Any) -> None:
    OrganisationVerification.objects.all().delete()
    client = login(actors.owner)
    # Coordinators see proposals without a verification of the organisation.
    assert (
        "Samira from Eilenburg"
        in client.get(reverse("volunteering:need", args=[scene.need.pk])).content.decode()
    )
    client.post(
        reverse("volunteering:organisation_verify", args=[actors.organisation.slug]), {"region_key": "14730"}
    )
    assert OrganisationVerification.objects.get().verified_by == actors.owner
    response = client.post(
        reverse("volunteering:qualification_add", args=[scene.offer.pk]),
        {"kind": "certificate_of_conduct", "seen_on": "2026-01-10", "expires_on": "2031-01-10"},
    )
    assert response.status_code == 302 and scene.offer.qualifications.get().seen_by == actors.owner


def test_match_and_need_pages_have_fixed_queries(
    login: Any, actors: Any, scene: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(6):
        make_volunteer(actors.eilenburg, email=f"v{number}@example.org")
    client = login(actors.editor)
    with django_assert_max_num_queries(16):
        html = client.get(reverse("volunteering:need", args=[scene.need.pk])).content.decode()
    assert html.count("Ask Samira") == 5
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    for number in range(4):
        services.match_message_send(match=match, sender=actors.editor, body=f"Nachricht {number}")
        services.hours_log(match=match, actor=scene.offer.user, day=timezone.localdate(), hours=Decimal(1))
    with django_assert_max_num_queries(16):
        html = client.get(reverse("volunteering:match", args=[match.pk])).content.decode()
    assert html.count("Nachricht ") == 4 and html.count("Approve") == 4


def test_signed_in_editor_joins_as_volunteer(login: Any, actors: Any) -> None:
    client = login(actors.editor)
    data = {
        "activities": ["driving"],
        "region": actors.eilenburg.pk,
        "town": "Eilenburg",
        "latitude": "51.46",
        "longitude": "12.63",
        "max_distance_km": "10",
        "availability": ["1-1"],
        "hours_per_week": "2",
        "max_matches": "1",
        "available_from": timezone.localdate().isoformat(),
    }
    assert client.post(reverse("volunteering:signup"), data).status_code == 200  # consent missing
    assert not VolunteerOffer.objects.exists()
    response = client.post(reverse("volunteering:signup"), {**data, "consent": "on"})
    assert response.status_code == 302
    assert VolunteerOffer.objects.get().user == actors.editor
    assert actors.editor.memberships.filter(role="volunteer").exists()


def test_withdrawn_need_is_hidden_from_outsiders(client: Any, login: Any, actors: Any, scene: Any) -> None:
    services.need_set_status(need=scene.need, status=Need.Status.WITHDRAWN, actor=actors.editor)
    url = reverse("volunteering:need", args=[scene.need.pk])
    assert client.get(url).status_code == 404
    assert login(actors.outsider).get(url).status_code == 404
    assert login(actors.editor).get(url).status_code == 200
    assert "Hausaufgabenhilfe" not in client.get(reverse("volunteering:needs")).content.decode()


def test_editor_changes_a_need_and_the_matched_volunteer_is_told(
    login: Any, actors: Any, scene: Any, django_capture_on_commit_callbacks: Any
) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    mail.outbox.clear()
    client = login(actors.editor)
    detail = client.get(reverse("volunteering:need", args=[scene.need.pk])).content.decode()
    url = reverse("volunteering:need_edit", args=[scene.need.pk])
    assert f'href="{url}"' in detail
    html = client.get(url).content.decode()
    assert html.count("<h1") == 1 and 'value="Hausaufgabenhilfe"' in html and 'value="04838"' in html
    assert 'name="organisation"' not in html and 'name="activity"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _edit_data(scene.need, town="Doberschütz", latitude="51.53"))
    assert response.status_code == 302 and response.url == reverse("volunteering:need", args=[scene.need.pk])
    need = Need.objects.get(pk=scene.need.pk)
    assert need.town == "Doberschütz" and need.latitude == 51.53
    assert Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED_BY_VOLUNTEER
    assert [message.to for message in mail.outbox] == [["vol@example.org"]]
    page = client.get(response.url).content.decode()
    assert "1 matched volunteer is told about the change by e-mail." in page
    # The match page shows reasons computed for the changed need (6 km away instead of 2).
    match_page = client.get(reverse("volunteering:match", args=[match.pk])).content.decode()
    assert "6 km away" in match_page and "2 km away" not in match_page


def test_need_edit_errors_are_tied_to_fields_and_nothing_is_written(
    login: Any, actors: Any, scene: Any
) -> None:
    client = login(actors.editor)
    url = reverse("volunteering:need_edit", args=[scene.need.pk])
    before = _state()
    response = client.post(
        url,
        _edit_data(
            scene.need,
            title="Neu",
            latitude="95",
            helpers_wanted="0",
            starts_on=(timezone.localdate() - timedelta(days=1)).isoformat(),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    for field in ("latitude", "helpers_wanted", "starts_on"):
        assert f'aria-describedby="id_{field}_error' in html, field
    assert "The date lies in the past." in html and _state() == before
    # Two volunteers confirmed: asking for fewer is refused by the service, tied to the field.
    Need.objects.filter(pk=scene.need.pk).update(helpers_wanted=2)
    for offer in (scene.offer, make_volunteer(actors.eilenburg, "second@example.org")):
        match = services.match_propose(need=scene.need, offer=offer, actor=actors.editor)
        services.match_advance(match=match, action="accept", actor=offer.user)
        services.match_advance(match=match, action="confirm", actor=actors.editor)
    before = _state()
    response = client.post(
        url, _edit_data(Need.objects.get(pk=scene.need.pk), title="Neu", helpers_wanted="1")
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'aria-describedby="id_helpers_wanted_error' in html
    assert "2 volunteers are already confirmed" in html and _state() == before


def test_need_edit_is_refused_to_outsiders_volunteers_and_for_withdrawn_needs(
    client: Any, login: Any, actors: Any, scene: Any
) -> None:
    url = reverse("volunteering:need_edit", args=[scene.need.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    before = _state()
    for user in (actors.outsider, scene.offer.user):
        other = login(user)
        assert other.get(url).status_code == 404
        assert other.post(url, _edit_data(scene.need, title="Fremd")).status_code == 404
    assert _state() == before
    assert login(actors.owner).get(url).status_code == 200  # the district's coordinator
    services.need_set_status(need=scene.need, status=Need.Status.WITHDRAWN, actor=actors.editor)
    assert login(actors.editor).get(url).status_code == 404


def test_need_edit_pages_have_fixed_queries(
    login: Any, actors: Any, scene: Any, django_assert_max_num_queries: Any
) -> None:
    tuesday_and_thursday = slot_bit(1, 1) | slot_bit(3, 1)
    offers = [
        make_volunteer(actors.eilenburg, email=f"v{number}@example.org", availability=tuesday_and_thursday)
        for number in range(6)
    ]
    Need.objects.filter(pk=scene.need.pk).update(helpers_wanted=10)
    for offer in offers:
        services.match_propose(need=scene.need, offer=offer, actor=actors.editor)
    client = login(actors.editor)
    url = reverse("volunteering:need_edit", args=[scene.need.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    # Rescoring six proposals costs no query per proposal: specs are read and scores written in batches.
    thursday = _edit_data(
        Need.objects.get(pk=scene.need.pk), starts_on=next_weekday(3).isoformat(), slots=["3-1"]
    )
    with django_assert_max_num_queries(40):
        response = client.post(url, thursday)
    assert response.status_code == 302
    assert Need.objects.get(pk=scene.need.pk).slots == slot_bit(3, 1)
    assert Match.objects.filter(status=Match.Status.PROPOSED).count() == 6
    assert all({"code": "free_on", "weekdays": [3]} in match.reasons for match in Match.objects.all())
