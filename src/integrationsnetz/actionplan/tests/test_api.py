"""/api/v1/actionplan: open reads with fixed query counts, token-authenticated progress updates."""

import json

import pytest

from integrationsnetz.actionplan.models import ActionPlan, ProgressNote, StepStatus
from integrationsnetz.actionplan.tests.factories import ApproachFactory, MeasureFactory, StepFactory
from integrationsnetz.api.services import api_token_create


@pytest.fixture
def token_for():
    def make(user):
        _, plain = api_token_create(user=user, name="test")
        return f"Bearer {plain}"

    return make


def test_plan_list_and_detail_with_progress(client, plan_data, django_assert_max_num_queries):
    StepFactory.create(measure=plan_data.measure, status=StepStatus.DONE)
    with django_assert_max_num_queries(2):
        plans = client.get("/api/v1/actionplan/plans").json()
    assert plans[0]["slug"] == "kursbuch"
    assert plans[0]["progress"] == {
        "total": 3,
        "done": 1,
        "in_progress": 0,
        "planned": 2,
        "dropped": 0,
        "percent": 33,
    }
    for _ in range(3):
        measure = MeasureFactory.create(plan_field=plan_data.plan_field)
        for _ in range(5):
            StepFactory.create(measure=measure, responsible=[plan_data.actors.organisation])
    with django_assert_max_num_queries(7):
        detail = client.get("/api/v1/actionplan/plans/kursbuch").json()
    assert len(detail["fields"][0]["measures"]) == 4
    assert detail["progress"]["total"] == 18
    step = detail["fields"][0]["measures"][0]["steps"][0]
    assert step["responsible_organisations"][0]["name"] == "Willkommen in Eilenburg e. V."


def test_measures_and_steps_of_a_plan(client, plan_data, django_assert_max_num_queries):
    assert [m["title"] for m in client.get("/api/v1/actionplan/plans/kursbuch/measures").json()] == [
        "Sprachkurse"
    ]
    with django_assert_max_num_queries(5):
        steps = client.get("/api/v1/actionplan/plans/kursbuch/steps?status=planned").json()
    assert [step["title"] for step in steps] == ["Kurse planen", "Kurse zählen"]
    assert client.get(f"/api/v1/actionplan/steps/{plan_data.own.pk}").json()["title"] == "Kurse planen"
    assert client.get("/api/v1/actionplan/steps/99999999999999999999").status_code in (404, 422)


def test_drafts_are_not_in_the_api(client, plan_data):
    ActionPlan.objects.filter(pk=plan_data.plan.pk).update(status=ActionPlan.Status.DRAFT)
    assert client.get("/api/v1/actionplan/plans").json() == []
    assert client.get("/api/v1/actionplan/plans/kursbuch").status_code == 404
    assert client.get(f"/api/v1/actionplan/steps/{plan_data.own.pk}").status_code == 404


def _patch(client, url, body, token=None):
    headers = {"authorization": token} if token else {}
    return client.patch(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_responsible_editor_updates_its_step(client, plan_data, token_for):
    response = _patch(
        client,
        f"/api/v1/actionplan/steps/{plan_data.own.pk}",
        {"status": "in_progress", "note": "Begonnen"},
        token_for(plan_data.actors.editor),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert ProgressNote.objects.get().author == plan_data.actors.editor


@pytest.mark.parametrize(("who", "step"), [("editor", "other"), ("outsider", "own"), ("owner", "own")])
def test_others_cannot_update_a_step_by_api(client, plan_data, token_for, who, step):
    target = getattr(plan_data, step)
    response = _patch(
        client,
        f"/api/v1/actionplan/steps/{target.pk}",
        {"status": "done"},
        token_for(getattr(plan_data.actors, who)),
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.status == StepStatus.PLANNED
    assert not ProgressNote.objects.exists()


def test_without_token_or_with_bad_status_nothing_changes(client, plan_data, token_for):
    assert (
        _patch(client, f"/api/v1/actionplan/steps/{plan_data.own.pk}", {"status": "done"}).status_code == 401
    )
    response = _patch(
        client,
        f"/api/v1/actionplan/steps/{plan_data.own.pk}",
        {"status": "finished"},
        token_for(plan_data.actors.office),
    )
    assert response.status_code == 422
    plan_data.own.refresh_from_db()
    assert plan_data.own.status == StepStatus.PLANNED


def test_approaches_list_search_and_detail(client, plan_data, django_assert_max_num_queries):
    for index in range(15):
        ApproachFactory.create(title=f"Ansatz {index}", region=plan_data.actors.state)
    ApproachFactory.create(
        slug="versteckt", title="Versteckt", published=False, region=plan_data.actors.state
    )
    with django_assert_max_num_queries(9):
        page = client.get("/api/v1/actionplan/approaches?page_size=10").json()
    assert (page["total"], page["pages"], len(page["items"])) == (15, 2, 10)
    assert client.get("/api/v1/actionplan/approaches?q=ansatz%201").json()["total"] == 6  # 1, 10-14
    assert client.get("/api/v1/actionplan/approaches/versteckt").status_code == 404
    slug = page["items"][0]["slug"]
    assert client.get(f"/api/v1/actionplan/approaches/{slug}").json()["region"] == "14"
