"""The meetings part of /api/v1 (a django-ninja router that api/v1.py mounts at /meetings).

Open reads of public meetings with their programme, and of meeting series. Registration and the
rest of the cycle happen on the pages (the personal links work without an account).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from integrationsnetz.api.auth import PUBLIC, READ_ERRORS
from integrationsnetz.core import policy
from integrationsnetz.meetings import selectors
from integrationsnetz.meetings.models import Meeting

router = Router(tags=["meetings"])


class ProgrammeItemOut(Schema):
    position: int
    time: str | None = Field(None, description="Local time (Europe/Berlin), HH:MM.")
    kind: str
    title: str
    speakers: list[str] = Field(
        description="People from the directory as “name, function, organisation” (the name only with "
        "their consent to publication), then other speakers as “name, organisation”."
    )


class MeetingOut(Schema):
    id: int
    uid: str = Field(description="The iCalendar UID; stable for the meeting's life.")
    series: str = Field(description="Slug of the series.")
    title: str
    motto: str
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    format: str
    status: str
    url: str


class MeetingDetailOut(MeetingOut):
    venue_address: str
    accessibility_notes: str
    review: str
    programme: list[ProgrammeItemOut]


class UpcomingQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    from_date: date | None = Field(
        None, description="Meetings that end on or after this day (default: today)."
    )


class SeriesOut(Schema):
    slug: str
    name: str
    kind: str
    region: str = Field(description="Official key of the organising region.")


def _meeting_out(meeting: Meeting) -> dict[str, object]:
    return {
        "id": meeting.pk,
        "uid": meeting.ical_uid,
        "series": meeting.series.slug,
        "title": meeting.title,
        "motto": meeting.motto,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "venue_name": meeting.venue_name,
        "format": meeting.format,
        "status": meeting.status,
        "url": meeting.get_absolute_url(),
    }


@router.get("/upcoming", response={200: list[MeetingOut], **READ_ERRORS}, summary="Upcoming public meetings")
def upcoming(request: HttpRequest, query: Query[UpcomingQuery]) -> list[dict[str, object]]:
    since = (
        timezone.make_aware(datetime.combine(query.from_date, time.min))
        if query.from_date
        else timezone.now()
    )
    meetings = selectors.meeting_list_upcoming(since=since, limit=query.limit)
    return [_meeting_out(meeting) for meeting in meetings]


@router.get("/archive", response={200: list[MeetingOut], **READ_ERRORS}, summary="Past public meetings")
def archive(request: HttpRequest) -> list[dict[str, object]]:
    return [_meeting_out(meeting) for meeting in selectors.meeting_archive(now=timezone.now())]


@router.get("/series", response={200: list[SeriesOut], **READ_ERRORS}, summary="Meeting series")
def series(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"slug": item.slug, "name": item.name, "kind": item.kind, "region": item.region.key}
        for item in selectors.series_list()
    ]


@router.get("/{meeting_id}", response={200: MeetingDetailOut, **READ_ERRORS}, summary="One public meeting")
def meeting(request: HttpRequest, meeting_id: int) -> dict[str, object]:
    try:
        found = selectors.meeting_detail(pk=meeting_id)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    if not found.is_public or not policy.can(PUBLIC, "view", found):
        raise Http404
    return {
        **_meeting_out(found),
        "venue_address": found.venue_address,
        "accessibility_notes": found.accessibility_notes,
        "review": found.review,
        "programme": [
            {
                "position": item.position,
                "time": item.starts_at.strftime("%H:%M") if item.starts_at else None,
                "kind": item.kind,
                "title": item.title,
                "speakers": item.speaker_list,
            }
            for item in found.programme.all()
        ],
    }
