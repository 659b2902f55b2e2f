"""/api/v1/volunteering: needs public and anonymised, own offer and matches, contact after consent only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from integrationsnetz.api.services import api_token_create
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import Match, Need
from integrationsnetz.volunteering.tests.factories import make_need, make_volunteer

pytestmark = pytest.mark.django_db


def bearer(user: Any) -> dict[str, str]:
    _, plain = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_needs_are_public_and_anonymised(client: Any, scene: Any, django_assert_max_num_queries: Any) -> None:
    for number in range(4):
        make_need(scene.need.organisation, scene.need.region, title=f"Bedarf {number}")
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/volunteering/needs")
    body = response.json()
    assert response.status_code == 200 and body["total"] == 5
    item = body["items"][0]
    assert item["town"] == "Eilenburg" and item["languages"] == [{"language": "ar", "min_level": 2}]
    assert "organisation" not in item and "postal_code" not in item
    assert item["latitude"] == round(scene.need.latitude, 2)
    assert "Willkommen" not in response.content.decode()


def test_needs_show_their_last_day_and_leave_when_it_passed(client: Any, scene: Any) -> None:
    today = timezone.localdate()
    last = make_need(scene.need.organisation, scene.need.region, title="Bis heute", expires_on=today)
    gone = make_need(scene.need.organisation, scene.need.region, title="Vorbei")
    Need.objects.filter(pk=gone.pk).update(expires_on=today - timedelta(days=1))
    items = {item["id"]: item for item in client.get("/api/v1/volunteering/needs").json()["items"]}
    assert set(items) == {scene.need.pk, last.pk}
    assert items[last.pk]["expires_on"] == today.isoformat() and items[scene.need.pk]["expires_on"] is None


def test_own_offer_needs_a_token(client: Any, scene: Any) -> None:
    assert client.get("/api/v1/volunteering/offer").status_code == 401
    response = client.get("/api/v1/volunteering/offer", **bearer(scene.offer.user))
    assert response.status_code == 200 and response.json()["activities"] == ["homework_help"]


def test_contact_in_api_only_after_consent(client: Any, actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    editor, volunteer = bearer(actors.editor), bearer(scene.offer.user)
    listed = client.get("/api/v1/volunteering/matches", **editor).json()
    assert listed[0]["volunteer"] is None and "vol@example.org" not in str(listed)
    response = client.post(
        f"/api/v1/volunteering/matches/{match.pk}/step",
        {"action": "accept"},
        content_type="application/json",
        **volunteer,
    )
    assert response.status_code == 200 and response.json()["organisation"] is None
    response = client.post(
        f"/api/v1/volunteering/matches/{match.pk}/step",
        {"action": "confirm"},
        content_type="application/json",
        **editor,
    )
    assert response.json()["volunteer"]["email"] == "vol@example.org"
    assert (
        client.get("/api/v1/volunteering/matches", **volunteer).json()[0]["organisation"]
        == actors.organisation.name
    )


def test_outsider_cannot_step_a_match(client: Any, actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    for action in ("accept", "confirm"):
        response = client.post(
            f"/api/v1/volunteering/matches/{match.pk}/step",
            {"action": action},
            content_type="application/json",
            **bearer(actors.outsider),
        )
        assert response.status_code == 404
    assert Match.objects.get().status == Match.Status.PROPOSED
    assert client.get("/api/v1/volunteering/matches", **bearer(actors.outsider)).json() == []


def test_wrong_side_cannot_take_a_step(client: Any, actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    response = client.post(
        f"/api/v1/volunteering/matches/{match.pk}/step",
        {"action": "accept"},
        content_type="application/json",
        **bearer(actors.editor),
    )
    assert response.status_code == 404 and Match.objects.get().status == Match.Status.PROPOSED


def test_matches_list_query_count(
    client: Any, actors: Any, scene: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(4):
        need = make_need(actors.organisation, actors.eilenburg, title=f"Bedarf {number}")
        offer = make_volunteer(actors.eilenburg, email=f"v{number}@example.org")
        services.match_propose(need=need, offer=offer, actor=actors.editor)
    headers = bearer(actors.editor)
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/volunteering/matches", **headers).json()) == 4
