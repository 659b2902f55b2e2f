"""Who may do what in the news app.

- everyone reads published posts and sent issues;
- the coordinating office edits and sends everything;
- a regional coordinator edits posts of their regions and edits and sends the newsletters of their
  regions (and sees those newsletters' subscriptions and deliveries);
- subscribers, bounces and consent records are personal data: the office, and for subscriptions the
  coordinators of the newsletter's region.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.news.models import (
    Bounce,
    ConsentRecord,
    Delivery,
    Issue,
    IssueBlock,
    Newsletter,
    Post,
    PostImage,
    Subscriber,
    Subscription,
)


def _coordinates(user: Any, region: Any) -> bool:
    scopes = scopes_of(user)
    return scopes.is_office or scopes.coordinates(getattr(region, "path", None))


def may_edit_post(user: Any, post: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(post, Post):
        return bool(scopes.coordinated_paths)
    return post.region is not None and scopes.coordinates(post.region.path)


def may_view_post(user: Any, post: Any) -> bool:
    if isinstance(post, Post) and post.published_at is not None and post.published_at <= timezone.now():
        return True
    return may_edit_post(user, post)


def may_edit_newsletter(user: Any, newsletter: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(newsletter, Newsletter):
        return bool(scopes.coordinated_paths)
    return _coordinates(user, newsletter.region)


def may_edit_issue(user: Any, issue: Any) -> bool:
    return may_edit_newsletter(user, issue.newsletter if isinstance(issue, Issue) else None)


def may_view_issue(user: Any, issue: Any) -> bool:
    if isinstance(issue, Issue) and issue.status == Issue.Status.SENT:
        return True
    return may_edit_issue(user, issue)


def may_edit_block(user: Any, block: Any) -> bool:
    return may_edit_issue(user, block.issue if isinstance(block, IssueBlock) else None)


def may_view_subscription(user: Any, subscription: Any) -> bool:
    newsletter = subscription.newsletter if isinstance(subscription, Subscription) else None
    return may_edit_newsletter(user, newsletter)


def office_only(user: Any, obj: Any) -> bool:
    return scopes_of(user).is_office


policy.rule("view", Post)(may_view_post)
policy.rule("view", PostImage)(lambda user, image: may_view_post(user, getattr(image, "post", None)))
policy.rule("view", Newsletter)(lambda user, newsletter: True)
policy.rule("view", Issue)(may_view_issue)
policy.rule("view", IssueBlock)(lambda user, block: may_view_issue(user, getattr(block, "issue", None)))
policy.rule("send", Issue)(may_edit_issue)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Post)(may_edit_post)
    policy.rule(_action, PostImage)(lambda user, image: may_edit_post(user, getattr(image, "post", None)))
    policy.rule(_action, Issue)(may_edit_issue)
    policy.rule(_action, IssueBlock)(may_edit_block)
policy.rule("edit", Newsletter)(may_edit_newsletter)
policy.rule("create", Newsletter)(office_only)
policy.rule("delete", Newsletter)(office_only)
policy.rule("view", Subscription)(may_view_subscription)
policy.rule("view", Delivery)(lambda user, delivery: may_edit_issue(user, getattr(delivery, "issue", None)))
for _model in (Subscriber, Bounce, ConsentRecord):
    policy.rule("view", _model)(office_only)
policy.rule("edit", Subscriber)(office_only)
