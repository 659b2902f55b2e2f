"""Who may do what: the office everything, coordinators their regions, everyone published things."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from integrationsnetz.core import policy
from integrationsnetz.news.models import Issue, Post, Subscriber
from integrationsnetz.news.tests.factories import (
    IssueFactory,
    NewsletterFactory,
    PostFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db


def test_posts(actors: Any) -> None:
    post = PostFactory.create(region=actors.eilenburg, published_at=timezone.now() + timedelta(days=1))
    assert not policy.can(AnonymousUser(), "view", post)
    assert policy.can(actors.owner, "edit", post) and policy.can(actors.owner, "view", post)
    assert not policy.can(actors.outsider, "edit", post) and not policy.can(actors.outsider, "view", post)
    assert policy.can(actors.office, "delete", post)
    assert policy.can(actors.owner, "create", Post) and not policy.can(actors.editor, "create", Post)
    post.published_at = timezone.now()
    assert policy.can(AnonymousUser(), "view", post)


def test_issues_and_newsletters(actors: Any) -> None:
    newsletter = NewsletterFactory.create(region=actors.nordsachsen)
    issue = IssueFactory.create(newsletter=newsletter)
    assert policy.can(actors.owner, "send", issue) and policy.can(actors.office, "send", issue)
    for user in (actors.outsider, actors.editor, AnonymousUser()):
        assert not policy.can(user, "send", issue) and not policy.can(user, "view", issue)
    issue.status = Issue.Status.SENT
    assert policy.can(AnonymousUser(), "view", issue)
    assert policy.can(actors.owner, "edit", newsletter) and not policy.can(
        actors.owner, "create", type(newsletter)
    )


def test_personal_data_is_for_the_office(actors: Any) -> None:
    subscription = SubscriptionFactory.create(newsletter=NewsletterFactory.create(region=actors.nordsachsen))
    assert policy.can(actors.office, "view", subscription.subscriber)
    assert not policy.can(actors.owner, "view", subscription.subscriber)
    assert policy.can(actors.owner, "view", subscription) and not policy.can(
        actors.outsider, "view", subscription
    )
    assert not policy.can(actors.owner, "edit", Subscriber)
