"""The "upcoming meetings" block against real meetings: future, public, the block's region or series, by
start."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from integrationsnetz.meetings.models import Meeting, MeetingSeries
from integrationsnetz.meetings.tests.factories import MeetingFactory, MeetingSeriesFactory, in_days
from integrationsnetz.news import composition, selectors
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter
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
    newsletter = Newsletter.objects.filter(slug="nordsachsen").first() or NewsletterFactory.create(
        slug="nordsachsen", region=actors.nordsachsen
    )
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


# --- a block that names one meeting series --------------------------------------------------------


def _series(meetings: Any, key: str) -> MeetingSeries:
    series: MeetingSeries = meetings[key].series
    return series


def test_a_series_keeps_only_its_own_public_future_meetings(actors: Any, meetings: Any) -> None:
    state_network = _series(meetings, "state")
    assert _titles(_issue(actors, meeting_series=state_network, limit=5)) == ["Landesnetzwerktreffen"]
    nordsachsen = _series(meetings, "soon")
    assert _titles(_issue(actors, meeting_series=nordsachsen, region=actors.nordsachsen, limit=5)) == [
        "Sommertreffen",
        "Herbsttreffen",
        "Wintertreffen",
    ]
    # The state network's series in a district's newsletter: its meetings concern the district too.
    assert _titles(_issue(actors, meeting_series=state_network, region=actors.eilenburg, limit=5)) == [
        "Landesnetzwerktreffen"
    ]
    assert _titles(_issue(actors, meeting_series=nordsachsen, limit=1)) == ["Sommertreffen"]


def test_every_rendering_says_which_series_the_block_lists(
    client: Client, login: Any, actors: Any, meetings: Any
) -> None:
    issue = _issue(actors, meeting_series=_series(meetings, "state"), limit=5)
    series_url = reverse("meetings:series", args=[_series(meetings, "state").slug])
    mail = composition.issue_mail_render(issue, language="en")
    for body in (mail.html, mail.text):
        assert "Meetings of the series “Landesnetzwerk” (Freistaat Sachsen)." in body
        assert series_url in body and "Landesnetzwerktreffen" in body and "Sommertreffen" not in body
    login(actors.owner)
    web = client.get(
        reverse("news:issue", args=[issue.newsletter.slug, issue.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Meetings of the series “Landesnetzwerk” (Freistaat Sachsen)." in web
    assert f'href="{settings.SITE_URL}{series_url}"' in web
    pdf = client.get(reverse("news:issue_pdf", args=[issue.newsletter.slug, issue.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Landesnetzwerk" in text and "Freistaat Sachsen" in text and "Landesnetzwerktreffen" in text


def test_a_block_without_a_series_says_nothing_about_one(actors: Any, meetings: Any) -> None:
    mail = composition.issue_mail_render(_issue(actors, region=actors.nordsachsen), language="en")
    assert "Meetings of the series" not in mail.html and "Meetings of the series" not in mail.text


def test_a_series_named_by_a_block_cannot_be_deleted(actors: Any, meetings: Any) -> None:
    series = _series(meetings, "state")
    issue = _issue(actors, meeting_series=series)
    Meeting.objects.filter(series=series).delete()
    with pytest.raises(ProtectedError):
        series.delete()
    assert issue.blocks.get().meeting_series == series


def test_the_issue_page_needs_no_query_more_for_a_series(client: Client, actors: Any, meetings: Any) -> None:
    def queries_of(**block: Any) -> int:
        issue = _issue(actors, **block)
        Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT, sent_at=timezone.now())
        url = reverse("news:issue", args=[issue.newsletter.slug, issue.pk])
        client.get(url)  # warm the caches that the first request of a test fills
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        issue.delete()
        return len(queries)

    assert queries_of(region=actors.nordsachsen) == queries_of(
        region=actors.nordsachsen, meeting_series=_series(meetings, "soon")
    )


def test_the_api_names_the_series_of_a_sent_issue_in_fixed_queries(
    client: Client, actors: Any, meetings: Any, django_assert_max_num_queries: Any
) -> None:
    newsletter = NewsletterFactory.create(slug="land", region=actors.state)
    for number in range(5):
        issue = IssueFactory.create(
            newsletter=newsletter,
            number=f"{number + 1}/26",
            status=Issue.Status.SENT,
            sent_at=timezone.now() - timedelta(days=number),
        )
        IssueBlockFactory.create(
            issue=issue, kind=IssueBlock.Kind.MEETINGS, meeting_series=_series(meetings, "state")
        )
        IssueBlockFactory.create(issue=issue, kind=IssueBlock.Kind.MEETINGS, region=actors.state)
        IssueBlockFactory.create(issue=issue, kind=IssueBlock.Kind.TEXT)
    with django_assert_max_num_queries(3):
        issues = client.get("/api/v1/news/newsletters/land/issues").json()
    assert len(issues) == 5
    state = _series(meetings, "state")
    assert {tuple(map(str, issue["meeting_series"][0].values())) for issue in issues} == {
        (state.slug, "Landesnetzwerk", f"{settings.SITE_URL}{state.get_absolute_url()}")
    }
    assert all(len(issue["meeting_series"]) == 1 for issue in issues)
