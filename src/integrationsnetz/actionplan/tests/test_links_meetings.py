"""Steps link to meetings, working groups and topic proposals of the meetings app (built in parallel;
resolved at run time, so this test skips if that app's models are not there)."""

from typing import Any

import pytest
from django.apps import apps

from integrationsnetz.actionplan.models import StepLink
from integrationsnetz.actionplan.selectors import step_detail, step_links


@pytest.fixture
def meeting_objects(plan_data: Any) -> dict[str, Any]:
    from integrationsnetz.meetings.tests import factories

    topic_model = apps.get_model("meetings", "TopicProposal")
    meeting = factories.MeetingFactory.create(title="NIMS-Treffen", series__region=plan_data.actors.state)
    group = factories.WorkingGroupFactory.create(
        name="AK Bildung und Arbeit", region=plan_data.actors.mittelsachsen
    )
    topic = topic_model.objects.create(meeting=meeting, title="Sprachkurse für alle")
    return {"meetings.meeting": meeting, "meetings.workinggroup": group, "meetings.topicproposal": topic}


def test_a_responsible_editor_links_meetings_groups_and_topics(client, login, plan_data, meeting_objects):
    login(plan_data.actors.editor)
    for kind, target in meeting_objects.items():
        response = client.post(
            f"/kursbuch/schritte/{plan_data.own.pk}/verknuepfungen/", {"kind": kind, "object_id": target.pk}
        )
        assert response.status_code == 302, kind
    assert StepLink.objects.count() == 3
    step = step_detail(step_id=plan_data.own.pk)
    assert step is not None
    rows = step_links(step)
    assert {row.target for row in rows} == set(meeting_objects.values())
    text = client.get(f"/kursbuch/schritte/{plan_data.own.pk}/").content.decode()
    assert "NIMS-Treffen" in text and "AK Bildung und Arbeit" in text and "Sprachkurse für alle" in text
    assert meeting_objects["meetings.meeting"].get_absolute_url() in text


def test_step_links_need_one_query_per_kind(plan_data, meeting_objects, django_assert_max_num_queries):
    from integrationsnetz.actionplan.services import step_link_add

    for target in meeting_objects.values():
        step_link_add(actor=None, step=plan_data.own, target=target)
    with django_assert_max_num_queries(9):
        step = step_detail(step_id=plan_data.own.pk)
        assert step is not None
        assert len(step_links(step)) == 3


def test_a_deleted_meeting_drops_out_of_the_links(plan_data, meeting_objects):
    from integrationsnetz.actionplan.services import step_link_add

    topic = meeting_objects["meetings.topicproposal"]
    step_link_add(actor=None, step=plan_data.own, target=topic)
    topic.delete()
    step = step_detail(step_id=plan_data.own.pk)
    assert step is not None
    assert step_links(step) == []
