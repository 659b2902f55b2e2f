"""Segments select exactly the right subscribers; the shared reads keep a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.accounts.tests.factories import UserFactory
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.meetings.tests.factories import WorkingGroupFactory
from integrationsnetz.news import composition, selectors
from integrationsnetz.news.models import Issue, Subscription
from integrationsnetz.news.tests.factories import (
    IssueBlockFactory,
    IssueFactory,
    NewsletterFactory,
    PostFactory,
    SubscriberFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db


def _emails(issue: Issue) -> set[str]:
    return set(selectors.subscriptions_in_segment(issue=issue).values_list("subscriber__email", flat=True))


def test_segments_select_exactly_the_right_subscribers(actors: Any) -> None:
    newsletter = NewsletterFactory.create(region=actors.state)
    other = NewsletterFactory.create(region=actors.state)

    def subscribe(email: str, **values: Any) -> Subscription:
        subscriber = SubscriberFactory.create(email=email)
        return SubscriptionFactory.create(
            subscriber=subscriber, newsletter=values.pop("newsletter", newsletter), **values
        )

    subscribe("Eilenburg-Haupt@example.org", region=actors.eilenburg, role="full_time")
    subscribe("nordsachsen-ehren@example.org", region=actors.nordsachsen, role="volunteer", language="en")
    subscribe("mittelsachsen@example.org", region=actors.mittelsachsen, role="full_time")
    subscribe("ohne-region@example.org")
    subscribe(
        "offen@example.org", region=actors.eilenburg, status=Subscription.Status.PENDING, confirmed_at=None
    )
    subscribe("abgemeldet@example.org", region=actors.eilenburg, status=Subscription.Status.UNSUBSCRIBED)
    subscribe("anderer-newsletter@example.org", region=actors.eilenburg, newsletter=other)
    held = subscribe("gesperrt@example.org", region=actors.eilenburg)
    held.subscriber.on_hold = True
    held.subscriber.save()

    everyone = IssueFactory.create(newsletter=newsletter)
    assert _emails(everyone) == {
        "Eilenburg-Haupt@example.org",
        "nordsachsen-ehren@example.org",
        "mittelsachsen@example.org",
        "ohne-region@example.org",
    }
    assert _emails(IssueFactory.create(newsletter=newsletter, segment_region=actors.nordsachsen)) == {
        "Eilenburg-Haupt@example.org",
        "nordsachsen-ehren@example.org",
    }
    assert _emails(IssueFactory.create(newsletter=newsletter, segment_role="full_time")) == {
        "Eilenburg-Haupt@example.org",
        "mittelsachsen@example.org",
    }
    housing = WorkingGroupFactory.create(name="AK Wohnen", region=actors.state)
    # Members are accounts: matched by their login address, whatever its case.
    housing.members.add(
        UserFactory.create(email="eilenburg-haupt@example.org"),
        UserFactory.create(email="mittelsachsen@example.org"),
        UserFactory.create(email="nicht-abonniert@example.org"),
        UserFactory.create(email="gesperrt@example.org"),
        UserFactory.create(email="anderer-newsletter@example.org"),
    )
    other_group = WorkingGroupFactory.create(name="AK Sprache", region=actors.state)
    other_group.members.add(UserFactory.create(email="ohne-region@example.org"))
    assert _emails(IssueFactory.create(newsletter=newsletter, segment_working_group=housing)) == {
        "Eilenburg-Haupt@example.org",
        "mittelsachsen@example.org",
    }
    assert _emails(IssueFactory.create(newsletter=newsletter, segment_working_group=other_group)) == {
        "ohne-region@example.org"
    }
    empty_group = WorkingGroupFactory.create(name="AK Neu", region=actors.state)
    assert _emails(IssueFactory.create(newsletter=newsletter, segment_working_group=empty_group)) == set()
    group_in_region = IssueFactory.create(
        newsletter=newsletter, segment_working_group=housing, segment_region=actors.nordsachsen
    )
    assert _emails(group_in_region) == {"Eilenburg-Haupt@example.org"}
    assert _emails(IssueFactory.create(newsletter=newsletter, segment_language="en")) == {
        "nordsachsen-ehren@example.org"
    }
    combined = IssueFactory.create(
        newsletter=newsletter, segment_region=actors.nordsachsen, segment_role="full_time"
    )
    assert _emails(combined) == {"Eilenburg-Haupt@example.org"}


def test_post_search_query_count(django_assert_max_num_queries: Any) -> None:
    region: Any = RegionFactory(key="14730")
    PostFactory.create_batch(30, region=region)
    with django_assert_max_num_queries(1):
        posts = list(selectors.post_search(query="Meldung", region=region)[:20])
    assert len(posts) == 20
    with django_assert_max_num_queries(1):
        assert [str(post.region) for post in selectors.posts_published()[:20]]


def test_issue_with_blocks_and_resolving_have_fixed_queries(
    actors: Any, django_assert_max_num_queries: Any
) -> None:
    from integrationsnetz.directory.tests.factories import ContactPersonFactory, LocationFactory

    issue = IssueFactory.create()
    IssueBlockFactory.create(issue=issue)
    for _number in range(3):
        IssueBlockFactory.create(issue=issue, kind="posts").posts.set(PostFactory.create_batch(5))
    LocationFactory.create_batch(4, organisation=actors.organisation, phone="0151/1")
    ContactPersonFactory.create_batch(3, organisation=actors.organisation)
    IssueBlockFactory.create(issue=issue, kind="contacts", organisation=actors.organisation)
    with django_assert_max_num_queries(6):
        loaded = selectors.issue_with_blocks(issue_id=issue.pk)
        assert loaded is not None
        blocks = composition.issue_blocks_resolve(loaded)
    assert len(blocks) == 5
    with django_assert_max_num_queries(0):
        composition.issue_mail_render(loaded, language="de", blocks=blocks)


def test_issues_sent_and_newsletters_editable(actors: Any, django_assert_max_num_queries: Any) -> None:
    nordsachsen = NewsletterFactory.create(region=actors.nordsachsen)
    NewsletterFactory.create(region=actors.mittelsachsen)
    for _number in range(5):
        IssueFactory.create(newsletter=nordsachsen, status=Issue.Status.SENT)
    IssueFactory.create(newsletter=nordsachsen)
    with django_assert_max_num_queries(1):
        assert len([issue.newsletter.name for issue in selectors.issues_sent()]) == 5
    assert list(selectors.newsletters_editable_by(actors.owner)) == [nordsachsen]
    assert selectors.newsletters_editable_by(actors.office).count() == 2
    assert not selectors.newsletters_editable_by(actors.editor).exists()
