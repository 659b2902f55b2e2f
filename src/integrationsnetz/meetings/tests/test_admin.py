# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr"
"""The admin saves meetings through the services: a new time raises SEQUENCE and is audit-logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_admin_change_goes_through_the_service(login: Any, actors: Any) -> None:
    actors.office.is_staff = True
    actors.office.save()
    meeting = MeetingFactory(series__region=actors.nordsachsen)
    client = login(actors.office)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = {
        "title": meeting.title,
        "motto": meeting.motto,
        "starts_at_0": "2030-05-04",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2030-05-04",
        "ends_at_1": "15:00:00",
        "venue_name": meeting.venue_name,
        "venue_address": meeting.venue_address,
        "format": "in_person",
        "capacity": "80",
        "status": meeting.status,
        "is_public": "on",
    }
    for prefix in ("programme", "workshops"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 1
    assert AuditLogEntry.objects.filter(object_type="meetings.meeting", changes__has_key="starts_at").exists()
    assert login(actors.outsider).post(url, data).status_code in (302, 403)
