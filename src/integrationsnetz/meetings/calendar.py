"""iCalendar files of meetings: invitation attachments and the feeds (per series and personal).

Every meeting keeps one UID for life; SEQUENCE is the meeting's ``ics_sequence``, raised by
``meeting_update`` whenever time or venue change, so calendars replace the entry instead of adding one.
Times carry TZID=Europe/Berlin with its VTIMEZONE, so clients show them right in any time zone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from integrationsnetz.meetings.models import Meeting

BERLIN = ZoneInfo("Europe/Berlin")


def _location(meeting: Meeting) -> str:
    parts = [meeting.venue_name, meeting.venue_address]
    if meeting.format != Meeting.Format.IN_PERSON and meeting.online_url:
        parts.append(meeting.online_url)
    return ", ".join(part for part in parts if part)


def meeting_event(meeting: Meeting, *, cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(BERLIN))
    event.add("dtend", meeting.ends_at.astimezone(BERLIN))
    event.add("summary", meeting.title)
    description = "\n\n".join(part for part in (meeting.motto, meeting.description) if part)
    if description:
        event.add("description", description)
    location = _location(meeting)
    if location:
        event.add("location", vText(location))
    event.add("url", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(meeting.series.organiser_name or meeting.series.name)
    event.add("organizer", organizer)
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, name: str, method: str | None = None) -> bytes:
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", "-//Integrationsnetz//meetings//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if method:
        calendar.add("method", method)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    if meetings:
        # Only the transitions around the meetings: the full 1970-2038 table is ~2,500 lines and
        # made an invitation's .ics cost more than the rest of the mail.
        first = min(meeting.starts_at for meeting in meetings).date() - datetime.timedelta(days=366)
        last = max(meeting.ends_at for meeting in meetings).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


# Invitations to one meeting share one attachment: built once per revision of the meeting (the key
# holds updated_at, so any change builds a new one), not 2,000 times for 2,000 recipients.
_INVITATION_CACHE: dict[tuple[int, int, str], bytes] = {}
_INVITATION_CACHE_SIZE = 64


def meeting_invitation_ics(meeting: Meeting) -> bytes:
    """The attachment of invitations and updates (METHOD:PUBLISH: we do not collect RSVPs by iTIP)."""
    key = (meeting.pk, meeting.ics_sequence, meeting.updated_at.isoformat() if meeting.updated_at else "")
    content = _INVITATION_CACHE.get(key)
    if content is None:
        if len(_INVITATION_CACHE) >= _INVITATION_CACHE_SIZE:
            _INVITATION_CACHE.clear()
        content = _INVITATION_CACHE[key] = calendar_bytes([meeting], name=meeting.title, method="PUBLISH")
    return content
