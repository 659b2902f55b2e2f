# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr"
"""/api/v1/meetings: public reads only, fixed query counts."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.meetings import services
from integrationsnetz.meetings.tests.factories import MeetingFactory, ProgrammeItemFactory, in_days

pytestmark = pytest.mark.django_db


def test_upcoming_archive_and_detail(client: Any, django_assert_max_num_queries: Any) -> None:
    meeting = MeetingFactory(title="Netzwerktreffen", motto="Vernetzung")
    past = MeetingFactory(starts_at=in_days(-30), ends_at=in_days(-30, 15), review="Gut.")
    ProgrammeItemFactory(meeting=past, title="Begrüßung", kind="welcome", speakers="Geert Mackenroth, SAB")
    MeetingFactory(is_public=False)
    for _ in range(10):
        MeetingFactory()
    with django_assert_max_num_queries(3):
        upcoming = client.get("/api/v1/meetings/upcoming?limit=50").json()
    assert upcoming[0]["uid"] == meeting.ical_uid and len(upcoming) == 11
    with django_assert_max_num_queries(3):
        archive = client.get("/api/v1/meetings/archive").json()
    assert [item["id"] for item in archive] == [past.pk]
    detail = client.get(f"/api/v1/meetings/{past.pk}").json()
    assert detail["programme"] == [
        {
            "position": 0,
            "time": None,
            "kind": "welcome",
            "title": "Begrüßung",
            "speakers": ["Geert Mackenroth, SAB"],
        }
    ] or detail["programme"][0]["speakers"] == ["Geert Mackenroth, SAB"]
    assert detail["review"] == "Gut."
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/meetings/series").json()) == 13


def test_hidden_and_missing_meetings_are_404(client: Any) -> None:
    hidden = MeetingFactory(is_public=False)
    assert client.get(f"/api/v1/meetings/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/meetings/999999").status_code == 404
    assert client.get("/api/v1/meetings/upcoming?limit=0").status_code == 422


def test_directory_speakers_show_their_name_only_with_consent(client: Any) -> None:
    from django.utils import timezone

    from integrationsnetz.directory.tests.factories import ContactPersonFactory

    meeting = MeetingFactory()
    item = ProgrammeItemFactory(meeting=meeting, speakers="Frau Muster, Verein")
    services.programme_item_update(
        item=item,
        actor=None,
        kind=item.kind,
        title=item.title,
        speakers=item.speakers,
        # Given in this order, not by organisation: the API lists them as they speak.
        speaker_contacts=[
            ContactPersonFactory(
                name="Petra Offen",
                function="Leitung",
                organisation__name="Verein B",
                consent_to_publish=True,
                consent_recorded_at=timezone.now(),
            ),
            ContactPersonFactory(name="Geheim", function="Beratung", organisation__name="Verein A"),
        ],
    )
    speakers = client.get(f"/api/v1/meetings/{meeting.pk}").json()["programme"][0]["speakers"]
    assert speakers == ["Petra Offen, Leitung, Verein B", "Beratung, Verein A", "Frau Muster, Verein"]
