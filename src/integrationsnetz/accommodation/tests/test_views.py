"""Pages: the public summary for everyone, full results only in scope, every write refused to outsiders."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from integrationsnetz.accommodation import services
from integrationsnetz.accommodation.models import (
    Area,
    CatalogueVersion,
    Criterion,
    FollowUpAction,
    Inspection,
    Site,
)
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
    assert "Score this criterion or mark it not applicable to complete the inspection." in body
    assert "Missing: Sanitary" in body
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


def test_the_public_sees_the_version_in_force_not_a_draft_for_later(
    client: Any, version: CatalogueVersion
) -> None:
    draft = services.catalogue_version_copy(
        catalogue=version.catalogue, actor=None, valid_from=date(2999, 1, 1)
    )
    services.area_add(version=draft, actor=None, name_de="Entwurfsbereich", name_en="Draft area")
    body = client.get(reverse("accommodation:catalogue")).content.decode()
    assert "version 1," in body and "Draft area" not in body
    assert client.get("/api/v1/accommodation/catalogue").json()["version"] == 1


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


def test_catalogue_pages_render_in_german(login: Any, actors: Any, version: CatalogueVersion) -> None:
    client = login(actors.office)
    with translation.override("de"):
        listing = client.get(reverse("accommodation:catalogue_manage"), HTTP_ACCEPT_LANGUAGE="de")
        page = client.get(
            reverse("accommodation:catalogue_version_edit", args=[version.pk]), HTTP_ACCEPT_LANGUAGE="de"
        )
    assert "Kriterienkatalog pflegen" in listing.content.decode()
    assert "Entwurf – bearbeitbar" in listing.content.decode()
    assert "Gültigkeit und Schwellenwerte" in page.content.decode()


def test_a_criterion_is_marked_not_applicable_with_a_reason(
    login: Any, actors: Any, draft: Inspection, django_assert_max_num_queries: Any
) -> None:
    client = login(actors.owner)
    url = reverse("accommodation:inspection", args=[draft.pk])
    fire_safety = draft.scores.get(criterion__name_de="Brandschutz").criterion_id
    rooms = draft.scores.get(criterion__name_de="Zimmer").criterion_id
    # Without a reason, and a reason without "not applicable": messages at the reason fields, nothing saved.
    response = client.post(url, _form_data(draft, [3, 3, "na"], **{f"reason_{rooms}": "Keine Zimmer"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give a short reason why this criterion does not apply." in body
    assert "Choose “not applicable” as the score, or clear the reason." in body
    assert f'aria-describedby="id_reason_{fire_safety}_error' in body
    draft.refresh_from_db()
    assert draft.revision == 0
    response = client.post(
        url,
        _form_data(draft, [3, 3, "na"], action="complete", **{f"reason_{fire_safety}": "Keine Etagen"}),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Inspection.Status.COMPLETED
    assert draft.area_results["areas"][1]["light"] == "not_applicable"
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "not applicable: Keine Etagen" in page
    assert 'class="light light-not_applicable"' in page
    comparison = client.get(reverse("accommodation:comparison")).content.decode()
    assert "light-not_applicable" in comparison
    report = client.get(reverse("accommodation:report", args=[draft.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.content)).pages)
    assert "not applicable: Keine Etagen" in " ".join(text.split())


def test_a_draft_shows_a_chosen_not_applicable_again(login: Any, actors: Any, draft: Inspection) -> None:
    client = login(actors.owner)
    url = reverse("accommodation:inspection", args=[draft.pk])
    fire_safety = draft.scores.get(criterion__name_de="Brandschutz").criterion_id
    client.post(url, _form_data(draft, [None, None, "na"], **{f"reason_{fire_safety}": "Keine Etagen"}))
    body = client.get(url).content.decode()
    assert '<option value="na" selected>' in body
    assert 'value="Keine Etagen"' in body


# Keeping the catalogue -------------------------------------------------------------------------------


def _version_data(version: CatalogueVersion, **overrides: Any) -> dict[str, Any]:
    """The editing page's form as the browser would send it back unchanged, then ``overrides``."""
    data: dict[str, Any] = {
        "version-valid_from": version.valid_from.isoformat(),
        "version-green_from": str(version.green_from),
        "version-yellow_from": str(version.yellow_from),
        "version-note": version.note,
    }
    for area in version.areas.all():
        data.update(
            {
                f"area-{area.pk}-name_de": area.name_de,
                f"area-{area.pk}-name_en": area.name_en,
                f"area-{area.pk}-position": area.position,
            }
        )
    for criterion in Criterion.objects.filter(area__version=version):
        prefix = f"criterion-{criterion.pk}"
        data.update(
            {
                f"{prefix}-name_de": criterion.name_de,
                f"{prefix}-name_en": criterion.name_en,
                f"{prefix}-guidance": criterion.guidance,
                f"{prefix}-max_score": criterion.max_score,
                f"{prefix}-weight": criterion.weight,
                f"{prefix}-critical_scores": ", ".join(str(value) for value in criterion.critical_scores),
                f"{prefix}-position": criterion.position,
            }
        )
    data.update(overrides)
    return data


def _catalogue_state() -> list[Any]:
    return [
        list(CatalogueVersion.objects.values()),
        list(Area.objects.values()),
        list(Criterion.objects.values()),
    ]


@pytest.mark.parametrize("name", ["owner", "editor", "outsider"])
def test_only_the_office_keeps_the_catalogue_pages(
    login: Any, actors: Any, version: CatalogueVersion, name: str
) -> None:
    client = login(getattr(actors, name))
    before = _catalogue_state()
    assert client.get(reverse("accommodation:catalogue_manage")).status_code == 404
    edit = reverse("accommodation:catalogue_version_edit", args=[version.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, _version_data(version, **{"version-green_from": "90"})).status_code == 404
    copy = reverse("accommodation:catalogue_version_copy", args=[version.catalogue_id])
    assert client.post(copy, {f"copy-{version.catalogue_id}-valid_from": "2030-01-01"}).status_code == 404
    assert _catalogue_state() == before
    assert (
        "Keep the criteria catalogue" not in client.get(reverse("accommodation:catalogue")).content.decode()
    )


def test_anonymous_visitors_are_sent_to_the_login_for_the_catalogue_pages(
    client: Any, version: CatalogueVersion
) -> None:
    before = _catalogue_state()
    for url in (
        reverse("accommodation:catalogue_manage"),
        reverse("accommodation:catalogue_version_edit", args=[version.pk]),
    ):
        response = client.post(url, _version_data(version, **{"version-green_from": "90"}))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert _catalogue_state() == before


def test_the_office_copies_the_newest_version_and_edits_the_copy(
    login: Any, actors: Any, site: Site, version: CatalogueVersion, django_assert_max_num_queries: Any
) -> None:
    completed_inspection(site=site, version=version, values=[3, 3, 4])
    client = login(actors.office)
    assert "Keep the criteria catalogue" in client.get(reverse("accommodation:catalogue")).content.decode()
    copy = reverse("accommodation:catalogue_version_copy", args=[version.catalogue_id])
    response = client.post(copy, {f"copy-{version.catalogue_id}-valid_from": "2019-12-31"})
    assert response.status_code == 200
    assert "The new version must become valid after version 1" in response.content.decode()
    assert CatalogueVersion.objects.count() == 1
    response = client.post(copy, {f"copy-{version.catalogue_id}-valid_from": "2030-01-01"})
    newer = CatalogueVersion.objects.get(number=2)
    assert response["Location"] == reverse("accommodation:catalogue_version_edit", args=[newer.pk])
    services.catalogue_version_copy(catalogue=version.catalogue, actor=None, valid_from=date(2031, 1, 1))
    with django_assert_max_num_queries(8):
        listing = client.get(reverse("accommodation:catalogue_manage")).content.decode()
    assert "used – read-only" in listing and listing.count("draft – editable") == 2
    assert "New version as a copy of version 3" in listing

    edit = reverse("accommodation:catalogue_version_edit", args=[newer.pk])
    with django_assert_max_num_queries(10):
        page = client.get(edit).content.decode()
    assert "Save the version" in page
    fire_safety = Criterion.objects.get(area__version=newer, name_de="Brandschutz")
    living = Area.objects.get(version=newer, name_de="Wohnen")
    response = client.post(
        edit,
        _version_data(
            newer,
            **{
                "version-green_from": "80",
                "version-valid_from": "2030-06-01",
                f"area-{living.pk}-name_en": "Housing",
                f"criterion-{fire_safety.pk}-name_de": "Brandschutz und Fluchtwege",
                f"criterion-{fire_safety.pk}-critical_scores": "1, 0",
                f"criterion-{fire_safety.pk}-weight": "3",
                f"criterion-{fire_safety.pk}-position": "0",
            },
        ),
    )
    assert response.status_code == 302
    newer.refresh_from_db()
    fire_safety.refresh_from_db()
    living.refresh_from_db()
    assert (newer.green_from, newer.valid_from, living.name_en) == (
        Decimal("80"),
        date(2030, 6, 1),
        "Housing",
    )
    assert (fire_safety.name_de, fire_safety.critical_scores, fire_safety.weight) == (
        "Brandschutz und Fluchtwege",
        [0, 1],
        3,
    )
    # The version an inspection used did not move.
    assert Criterion.objects.get(area__version=version, name_de="Brandschutz").weight == 1


def test_bad_catalogue_input_gets_messages_at_the_fields_and_writes_nothing(
    login: Any, actors: Any, version: CatalogueVersion
) -> None:
    client = login(actors.office)
    sanitary = Criterion.objects.get(area__version=version, name_de="Sanitär")
    rooms = Criterion.objects.get(area__version=version, name_de="Zimmer")
    before = _catalogue_state()
    response = client.post(
        reverse("accommodation:catalogue_version_edit", args=[version.pk]),
        _version_data(
            version,
            **{
                "version-yellow_from": "90",
                f"criterion-{sanitary.pk}-critical_scores": "0, viel",
                f"criterion-{rooms.pk}-max_score": "2",
                f"criterion-{rooms.pk}-critical_scores": "3",
                f"criterion-{rooms.pk}-name_de": "",
            },
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The yellow threshold must not lie above the green one." in body
    assert "Enter whole numbers separated by commas" in body
    assert "Critical scores must be whole numbers on the criterion&#x27;s scale." in body
    assert "This field is required." in body
    assert f'href="#id_criterion-{rooms.pk}-name_de"' in body  # the summary links to the field
    assert f'aria-describedby="id_criterion-{sanitary.pk}-critical_scores_error' in body
    assert _catalogue_state() == before


def test_a_used_version_is_read_only_on_its_page(
    login: Any, actors: Any, site: Site, version: CatalogueVersion
) -> None:
    completed_inspection(site=site, version=version, values=[3, 3, 4])
    client = login(actors.office)
    url = reverse("accommodation:catalogue_version_edit", args=[version.pk])
    page = client.get(url).content.decode()
    assert "This version was used in 1 inspection and is read-only" in page
    assert "Save the version" not in page and "Fire safety" in page
    before = _catalogue_state()
    response = client.post(url, _version_data(version, **{"version-green_from": "90"}))
    assert response.status_code == 200
    assert "is read-only" in response.content.decode()
    assert _catalogue_state() == before


def test_the_office_adds_and_removes_criteria_of_a_draft(
    login: Any, actors: Any, version: CatalogueVersion, django_assert_max_num_queries: Any
) -> None:
    client = login(actors.office)
    living = version.areas.get(name_de="Wohnen")
    add_criterion = reverse("accommodation:catalogue_criterion_add", args=[version.pk])
    response = client.post(add_criterion, {"new-criterion-area": living.pk, "new-criterion-max_score": "3"})
    assert response.status_code == 200
    assert 'href="#id_new-criterion-name_de"' in response.content.decode()
    assert Criterion.objects.filter(area__version=version).count() == 3
    response = client.post(
        add_criterion,
        {
            "new-criterion-area": living.pk,
            "new-criterion-name_de": "Gemeinschaftsküche",
            "new-criterion-name_en": "Shared kitchen",
            "new-criterion-max_score": "3",
            "new-criterion-weight": "2",
        },
    )
    assert response.status_code == 302
    kitchen = living.criteria.get(name_de="Gemeinschaftsküche")
    assert (kitchen.position, kitchen.weight) == (3, 2)
    add_area = reverse("accommodation:catalogue_area_add", args=[version.pk])
    assert client.post(add_area, {"new-area-name_de": "Kinder"}).status_code == 302
    with django_assert_max_num_queries(10):
        page = client.get(reverse("accommodation:catalogue_version_edit", args=[version.pk])).content.decode()
    assert "Gemeinschaftsküche" in page and "Kinder" in page
    rooms = living.criteria.get(name_de="Zimmer")
    children = version.areas.get(name_de="Kinder")
    response = client.post(
        reverse("accommodation:catalogue_version_edit", args=[version.pk]),
        _version_data(version, **{f"criterion-{rooms.pk}-remove": "on", f"area-{children.pk}-remove": "on"}),
    )
    assert response.status_code == 302
    assert list(Criterion.objects.filter(area__version=version).values_list("name_de", flat=True)) == [
        "Sanitär",
        "Gemeinschaftsküche",
        "Brandschutz",
    ]
    assert not version.areas.filter(name_de="Kinder").exists()


@pytest.mark.parametrize("name", ["owner", "outsider"])
def test_only_the_office_adds_to_a_draft(
    login: Any, actors: Any, version: CatalogueVersion, name: str
) -> None:
    client = login(getattr(actors, name))
    before = _catalogue_state()
    area = version.areas.first()
    assert area is not None
    assert (
        client.post(
            reverse("accommodation:catalogue_criterion_add", args=[version.pk]),
            {
                "new-criterion-area": area.pk,
                "new-criterion-name_de": "X",
                "new-criterion-max_score": "3",
                "new-criterion-weight": "1",
            },
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("accommodation:catalogue_area_add", args=[version.pk]), {"new-area-name_de": "X"}
        ).status_code
        == 404
    )
    assert _catalogue_state() == before


def test_nothing_is_added_to_a_used_version_by_page(
    login: Any, actors: Any, site: Site, version: CatalogueVersion
) -> None:
    completed_inspection(site=site, version=version, values=[3, 3, 4])
    client = login(actors.office)
    before = _catalogue_state()
    response = client.post(
        reverse("accommodation:catalogue_area_add", args=[version.pk]), {"new-area-name_de": "Kinder"}
    )
    assert response.status_code == 200 and "is read-only" in response.content.decode()
    assert _catalogue_state() == before
