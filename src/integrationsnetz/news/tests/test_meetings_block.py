"""The "upcoming meetings" block against real meetings: future, public, the block's region, by start."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integrationsnetz.meetings.tests.factories import MeetingFactory, MeetingSeriesFactory, in_days
from integrationsnetz.news import composition, selectors
from integrationsnetz.news.models import Issue, IssueBlock
from integrationsnetz.news.tests.factories import IssueBlockFactory, IssueFactory, NewsletterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(actors: Any) -> dict[str, Any]:
    nordsachsen = MeetingSeriesFactory.create(name="Netzwerk Nordsachsen", region=actors.nordsachsen)
    state = MeetingSeriesFactory.create(name="Landesnetzwerk", region=actors.state)
    mittelsachsen = MeetingSeriesFactory.create(name="Netzwerk Mittelsachsen", region=actors.mittelsachsen)
    return {
        "later": MeetingFactory.create(
            series=nordsachsen, title="Herbsttreffen", starts_at=in_days(40), ends_at=in_days(40, 15)
        ),
        "soon": MeetingFactory.create(
            series=nordsachsen, title="Sommertreffen", starts_at=in_days(5), ends_at=in_days(5, 15)
        ),
        "state": MeetingFactory.create(
            series=state, title="Landesnetzwerktreffen", starts_at=in_days(20), ends_at=in_days(20, 15)
        ),
        "last": MeetingFactory.create(
            series=nordsachsen, title="Wintertreffen", starts_at=in_days(90), ends_at=in_days(90, 15)
        ),
        "past": MeetingFactory.create(
            series=nordsachsen, title="Frühjahrstreffen", starts_at=in_days(-3), ends_at=in_days(-3, 15)
        ),
        "internal": MeetingFactory.create(
            series=nordsachsen,
            title="Interne Runde",
            is_public=False,
            starts_at=in_days(3),
            ends_at=in_days(3, 15),
        ),
        "elsewhere": MeetingFactory.create(
            series=mittelsachsen, title="Freiberger Treffen", starts_at=in_days(2), ends_at=in_days(2, 15)
        ),
    }


def _issue(actors: Any, **block: Any) -> Issue:
    newsletter = NewsletterFactory.create(slug="nordsachsen", region=actors.nordsachsen)
    issue = IssueFactory.create(newsletter=newsletter)
    IssueBlockFactory.create(issue=issue, kind=IssueBlock.Kind.MEETINGS, heading="Termine", **block)
    loaded = selectors.issue_with_blocks(issue_id=issue.pk)
    assert loaded is not None
    return loaded


def _titles(issue: Issue) -> list[str]:
    (resolved,) = composition.issue_blocks_resolve(issue)
    return [meeting.title for meeting in resolved.meetings]


def test_only_future_public_meetings_of_the_region_and_above_by_start(actors: Any, meetings: Any) -> None:
    issue = _issue(actors, region=actors.nordsachsen, limit=5)
    assert _titles(issue) == ["Sommertreffen", "Landesnetzwerktreffen", "Herbsttreffen", "Wintertreffen"]


def test_the_block_shows_at_most_its_limit(actors: Any, meetings: Any) -> None:
    assert _titles(_issue(actors, region=actors.nordsachsen, limit=2)) == [
        "Sommertreffen",
        "Landesnetzwerktreffen",
    ]


def test_without_a_region_every_public_meeting_counts(actors: Any, meetings: Any) -> None:
    assert _titles(_issue(actors, region=None, limit=3)) == [
        "Freiberger Treffen",
        "Sommertreffen",
        "Landesnetzwerktreffen",
    ]


def test_web_page_and_e_mail_show_the_meetings(
    client: Client, login: Any, actors: Any, meetings: Any
) -> None:
    issue = _issue(actors, region=actors.nordsachsen, limit=2)
    mail = composition.issue_mail_render(issue, language="de")
    soon = meetings["soon"]
    for body in (mail.html, mail.text):
        assert "Sommertreffen" in body and "Landesnetzwerktreffen" in body
        assert "Herbsttreffen" not in body and "Interne Runde" not in body and "Freiberger" not in body
    assert reverse("meetings:meeting", args=[soon.pk]) in mail.html
    login(actors.owner)
    for name in ("issue", "issue_email"):
        html = client.get(reverse(f"news:{name}", args=[issue.newsletter.slug, issue.pk])).content.decode()
        assert "Sommertreffen" in html and "Landesnetzwerktreffen" in html and "Interne Runde" not in html
        assert timezone.localtime(soon.starts_at).strftime("%Y") in html
