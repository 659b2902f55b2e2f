"""Pages: the public summary for everyone, full results only in scope, every write refused to outsiders."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import FollowUpAction, Inspection, Site
from integrationsnetz.accommodation.tests.factories import SiteFactory, completed_inspection

pytestmark = pytest.mark.django_db


def _form_data(
    inspection: Inspection, values: list[Any], action: str = "draft", **extra: Any
) -> dict[str, Any]:
    scores = inspection.scores.order_by("criterion__area__position", "criterion__position")
    data: dict[str, Any] = {
        "date": inspection.date.isoformat(),
        "inspectors": inspection.inspectors,
        "action": action,
    }
    for score, value in zip(scores, values, strict=True):
        data[f"score_{score.criterion_id}"] = "" if value is None else str(value)
        data[f"note_{score.criterion_id}"] = ""
    data.update(extra)
    return data


@pytest.fixture
def draft(site: Site, version: Any) -> Inspection:
    return services.inspection_create(
        site=site, version=version, actor=None, date=date(2024, 5, 1), inspectors="Prüfteam"
    )


@pytest.fixture
def completed(site: Site, version: Any, actors: Any) -> Inspection:
    inspection = completed_inspection(site=site, version=version, values=[3, 0, 4])
    services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Sanitärbereich sanieren",
        owner=actors.editor,
        due_date=date(2024, 8, 1),
    )
    services.follow_up_action_create(
        inspection=inspection,
        actor=None,
        description="Hausordnung übersetzen",
        owner=None,
        due_date=date(2024, 9, 1),
    )
    return inspection


def test_public_summary_shows_counts_but_no_site_results(
    client: Any, completed: Inspection, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        response = client.get(reverse("accommodation:overview"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nordsachsen" in body
    assert "GU Eilenburg" not in body
    detail = client.get(reverse("accommodation:site_detail", args=[completed.site_id])).content.decode()
    assert "GU Eilenburg" in detail  # the public fields
    assert "Results over time" not in detail
    assert "Sanitärbereich sanieren" not in detail


@pytest.mark.parametrize("name", ["office", "owner", "editor"])
def test_office_district_and_operator_see_the_full_results(
    login: Any, actors: Any, completed: Inspection, name: str
) -> None:
    client = login(getattr(actors, name))
    detail = client.get(reverse("accommodation:site_detail", args=[completed.site_id])).content.decode()
    assert "Results over time" in detail
    assert "Sanitärbereich sanieren" in detail
    page = client.get(reverse("accommodation:inspection", args=[completed.pk]))
    assert page.status_code == 200
    assert "critical finding" in page.content.decode()


def test_outsiders_see_only_the_public_summary(login: Any, actors: Any, completed: Inspection) -> None:
    client = login(actors.outsider)
    detail = client.get(reverse("accommodation:site_detail", args=[completed.site_id])).content.decode()
    assert "Sanitärbereich sanieren" not in detail
    assert client.get(reverse("accommodation:inspection", args=[completed.pk])).status_code == 404
    assert client.get(reverse("accommodation:report", args=[completed.pk])).status_code == 404
    comparison = client.get(reverse("accommodation:comparison")).content.decode()
    assert "GU Eilenburg" not in comparison


def test_anonymous_visitors_are_sent_to_the_login(client: Any, completed: Inspection) -> None:
    response = client.get(reverse("accommodation:inspection", args=[completed.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_outsiders_cannot_write_anything(
    login: Any,
    actors: Any,
    site: Site,
    draft: Inspection,
    completed: Inspection,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = login(actors.outsider)
    action = completed.actions.first()
    assert action is not None
    before = (
        list(Site.objects.values()),
        list(Inspection.objects.values()),
        list(FollowUpAction.objects.values()),
    )
    requests = [
        (
            reverse("accommodation:site_edit", args=[site.pk]),
            {
                "name": "Übernommen",
                "kind": "shared",
                "operator": actors.other_organisation.pk,
                "district": actors.mittelsachsen.pk,
                "city": "X",
                "capacity": 1,
            },
        ),
        (
            reverse("accommodation:inspection_create", args=[site.pk]),
            {"date": "2024-06-01", "inspectors": "X"},
        ),
        (
            reverse("accommodation:inspection", args=[draft.pk]),
            _form_data(draft, [3, 3, 3], action="complete"),
        ),
        (reverse("accommodation:photo_upload", args=[draft.pk]), {"caption": "x"}),
        (
            reverse("accommodation:action_create", args=[draft.pk]),
            {"description": "X", "due_date": "2025-01-01"},
        ),
        (reverse("accommodation:action_edit", args=[action.pk]), {"status": "done"}),
    ]
    for url, data in requests:
        assert client.post(url, data).status_code == 404, url
    after = (
        list(Site.objects.values()),
        list(Inspection.objects.values()),
        list(FollowUpAction.objects.values()),
    )
    assert after == before
    assert not draft.photos.exists()


def test_the_operator_may_view_but_not_inspect(
    login: Any, actors: Any, site: Site, draft: Inspection
) -> None:
    client = login(actors.editor)
    page = client.get(reverse("accommodation:inspection", args=[draft.pk]))
    assert page.status_code == 200
    assert "Save draft" not in page.content.decode()
    assert (
        client.post(
            reverse("accommodation:inspection", args=[draft.pk]), _form_data(draft, [1, 1, 1])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("accommodation:inspection_create", args=[site.pk]),
            {"date": "2024-06-01", "inspectors": "X"},
        ).status_code
        == 404
    )


def test_inspection_draft_then_completion(login: Any, actors: Any, site: Site, version: Any) -> None:
    client = login(actors.owner)
    response = client.post(
        reverse("accommodation:inspection_create", args=[site.pk]),
        {"date": "2024-06-01", "inspectors": "Team Nord"},
    )
    inspection = Inspection.objects.get(site=site)
    assert response["Location"] == reverse("accommodation:inspection", args=[inspection.pk])
    url = reverse("accommodation:inspection", args=[inspection.pk])
    response = client.post(url, _form_data(inspection, [2, None, None], residents_statement="Es ist laut."))
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.revision == 1 and inspection.status == Inspection.Status.DRAFT
    # Completing with a missing score shows the error at that field and changes nothing.
    response = client.post(url, _form_data(inspection, [2, None, 4], action="complete"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Score this criterion to complete the inspection." in body
    assert 'aria-invalid="true"' in body
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DRAFT and inspection.revision == 1
    response = client.post(url, _form_data(inspection, [2, 3, 4], action="complete"))
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.COMPLETED
    assert inspection.statements.get().text == "Es ist laut."
    # Completed: the page shows the result, and a POST is refused.
    assert "Save draft" not in client.get(url).content.decode()
    assert client.post(url, _form_data(inspection, [0, 0, 0])).status_code == 404


def test_bad_input_gets_messages_at_the_fields(login: Any, actors: Any, draft: Inspection) -> None:
    client = login(actors.owner)
    response = client.post(
        reverse("accommodation:inspection", args=[draft.pk]),
        _form_data(draft, [7, None, None], date="gestern"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a valid date." in body
    assert "Select a valid choice." in body
    draft.refresh_from_db()
    assert draft.revision == 0


def test_photo_upload_and_delivery_only_in_scope(
    login: Any, actors: Any, draft: Inspection, settings: Any, tmp_path: Any
) -> None:
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "kueche.png"
    client = login(actors.owner)
    response = client.post(
        reverse("accommodation:photo_upload", args=[draft.pk]), {"image": buffer, "caption": "Küche"}
    )
    assert response.status_code == 302
    photo = draft.photos.get()
    delivered = client.get(reverse("accommodation:photo", args=[photo.pk]))
    assert delivered["Content-Type"] == "image/jpeg"
    # Reading the stream to its end closes the file (the test client closes the response then).
    assert b"".join(delivered.streaming_content)[:2] == b"\xff\xd8"
    assert login(actors.outsider).get(reverse("accommodation:photo", args=[photo.pk])).status_code == 404
    bad = io.BytesIO(b"no image")
    bad.name = "x.jpg"
    response = login(actors.owner).post(
        reverse("accommodation:photo_upload", args=[draft.pk]), {"image": bad}
    )
    assert response.status_code == 400
    assert "not a photo we can read" in response.content.decode()


def test_follow_up_actions_are_added_and_updated(login: Any, actors: Any, completed: Inspection) -> None:
    client = login(actors.owner)
    response = client.post(
        reverse("accommodation:action_create", args=[completed.pk]),
        {
            "description": "Spielzimmer einrichten",
            "owner_email": "nobody@example.org",
            "due_date": "2025-01-01",
        },
    )
    assert "No account has this e-mail address." in response.content.decode()
    client.post(
        reverse("accommodation:action_create", args=[completed.pk]),
        {
            "description": "Spielzimmer einrichten",
            "owner_email": actors.editor.email,
            "due_date": "2025-01-01",
        },
    )
    action = completed.actions.get(description="Spielzimmer einrichten")
    assert action.owner == actors.editor
    login(actors.editor).post(
        reverse("accommodation:action_edit", args=[action.pk]), {"status": "in_progress"}
    )
    action.refresh_from_db()
    assert action.status == FollowUpAction.Status.IN_PROGRESS


def test_report_pdf_contains_every_area_and_action(login: Any, actors: Any, completed: Inspection) -> None:
    response = login(actors.owner).get(reverse("accommodation:report", args=[completed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for area in completed.version.areas.all():
        assert area.name in text
    for action in completed.actions.all():
        assert action.description in text
    assert "critical finding" in text


def test_site_pages_for_the_district(
    login: Any, actors: Any, completed: Inspection, django_assert_max_num_queries: Any
) -> None:
    client = login(actors.owner)
    response = client.post(
        reverse("accommodation:site_create"),
        {
            "name": "GU Torgau",
            "kind": "shared",
            "operator": actors.organisation.pk,
            "district": actors.nordsachsen.pk,
            "city": "Torgau",
            "capacity": 40,
        },
    )
    assert response.status_code == 302
    assert Site.objects.filter(name="GU Torgau").exists()
    # A coordinator cannot place a site in another district.
    response = client.post(
        reverse("accommodation:site_create"),
        {
            "name": "GU Freiberg",
            "kind": "shared",
            "operator": actors.organisation.pk,
            "district": actors.mittelsachsen.pk,
            "city": "Freiberg",
            "capacity": 40,
        },
    )
    assert response.status_code == 200
    assert not Site.objects.filter(name="GU Freiberg").exists()
    for number in range(5):
        SiteFactory.create(
            name=f"Weitere {number}", district=actors.nordsachsen, operator=actors.organisation
        )
    with django_assert_max_num_queries(10):
        assert (
            client.get(reverse("accommodation:comparison"), {"region": actors.nordsachsen.key}).status_code
            == 200
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("accommodation:site_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("accommodation:site_detail", args=[completed.site_id])).status_code == 200


def test_catalogue_page_is_public(client: Any, version: Any) -> None:
    body = client.get(reverse("accommodation:catalogue")).content.decode()
    assert "Fire safety" in body and "critical at" in body


def test_pages_render_in_german(login: Any, actors: Any, completed: Inspection) -> None:
    client = login(actors.owner)
    with translation.override("de"):
        body = client.get(
            reverse("accommodation:site_detail", args=[completed.site_id]), HTTP_ACCEPT_LANGUAGE="de"
        ).content.decode()
        overview = client.get(reverse("accommodation:overview"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Ergebnisse im Zeitverlauf" in body
    assert "Folgemaßnahmen" in body
    assert "Übersicht nach Landkreisen" in overview
