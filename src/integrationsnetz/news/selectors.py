"""Every read of the news app that pages, feeds, the API and the sending share; each fixes its queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from integrationsnetz.accounts.models import User
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import ContactPerson, Location, Organisation
from integrationsnetz.meetings.models import MeetingSeries
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Post, Subscriber, Subscription


def posts_published() -> QuerySet[Post]:
    """Posts visible to the public: with a publication time that has come."""
    return (
        Post.objects.filter(published_at__isnull=False, published_at__lte=timezone.now())
        .select_related("region")
        .order_by("-published_at", "-id")
    )


def post_search(*, query: str = "", kind: str = "", region: Region | None = None) -> QuerySet[Post]:
    """The public archive: published posts, optionally by kind, region (and below) and words."""
    posts = posts_published()
    if kind:
        posts = posts.filter(kind=kind)
    if region is not None:
        posts = posts.filter(region__path__startswith=region.path)
    for word in query.split()[:8]:
        posts = posts.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word) | Q(number=word)
        )
    return posts


def post_detail(*, slug: str) -> Post | None:
    return (
        posts_published()
        .select_related("press_contact__organisation")
        .prefetch_related("images", "fields_of_action")
        .filter(slug=slug)
        .first()
    )


def newsletters_open() -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(active=True).select_related("region").order_by("name")


def newsletters_editable_by(user: Any) -> QuerySet[Newsletter]:
    scopes = scopes_of(user)
    newsletters = Newsletter.objects.select_related("region").order_by("name")
    if scopes.is_office:
        return newsletters
    if not scopes.coordinated_paths:
        return newsletters.none()
    condition = Q()
    for path in scopes.coordinated_paths:
        condition |= Q(region__path__startswith=path)
    return newsletters.filter(condition)


def issues_sent(
    *, newsletter: Newsletter | None = None, with_meeting_series: bool = False
) -> QuerySet[Issue]:
    """The web archive: issues that went out; ``with_meeting_series`` adds ``Issue.meeting_blocks``, the
    meetings blocks that name a series, with their series (one query more, for the API)."""
    issues = Issue.objects.filter(status=Issue.Status.SENT).select_related("newsletter")
    if newsletter is not None:
        issues = issues.filter(newsletter=newsletter)
    if with_meeting_series:
        meeting_blocks = IssueBlock.objects.filter(
            kind=IssueBlock.Kind.MEETINGS, meeting_series__isnull=False
        ).select_related("meeting_series")
        issues = issues.prefetch_related(
            Prefetch("blocks", queryset=meeting_blocks, to_attr="meeting_blocks")
        )
    return issues.order_by("-sent_at", "-id")


def issue_with_blocks(*, issue_id: int) -> Issue | None:
    """An issue with everything its blocks store (posts, organisation, meeting series with its
    region), in a fixed number of queries."""
    blocks = IssueBlock.objects.select_related("organisation", "region", "meeting_series__region")
    return (
        Issue.objects.select_related("newsletter", "newsletter__region", "segment_region")
        .prefetch_related(
            Prefetch(
                "blocks",
                queryset=blocks.prefetch_related(
                    Prefetch("posts", queryset=Post.objects.order_by("published_at", "id"))
                ),
            )
        )
        .filter(pk=issue_id)
        .first()
    )


def meeting_series_for_blocks() -> QuerySet[MeetingSeries]:
    """The meeting series a meetings block can name, with their region, by region and name."""
    return MeetingSeries.objects.select_related("region").order_by("region__path", "name", "pk")


@dataclass
class ContactsBlock:
    """What a contacts block shows, read live from the directory."""

    organisation: Organisation
    locations: list[Location] = field(default_factory=list)
    contacts: list[ContactPerson] = field(default_factory=list)


def contacts_block(*, organisation: Organisation) -> ContactsBlock:
    """The organisation's places with their phone numbers and its contact persons.

    A contact person who has not consented to publication is shown by function only (the template
    hides the name), as everywhere in the directory.
    """
    return ContactsBlock(
        organisation=organisation,
        locations=list(Location.objects.filter(organisation=organisation).exclude(phone="").order_by("name")),
        contacts=list(ContactPerson.objects.filter(organisation=organisation).order_by("position", "name")),
    )


def subscriptions_in_segment(*, issue: Issue) -> QuerySet[Subscription]:
    """The confirmed subscriptions an issue goes to: its newsletter, its segment, not on hold."""
    subscriptions = Subscription.objects.filter(
        newsletter_id=issue.newsletter_id, status=Subscription.Status.ACTIVE, subscriber__on_hold=False
    )
    if issue.segment_region_id is not None:
        region = issue.segment_region
        assert region is not None  # noqa: S101 - loaded with the id just checked
        subscriptions = subscriptions.filter(region__path__startswith=region.path)
    if issue.segment_role:
        subscriptions = subscriptions.filter(role=issue.segment_role)
    if issue.segment_working_group_id is not None:
        # Members are accounts; a subscription belongs to one when its address is the member's login
        # address (e-mail addresses are compared without regard to case, as everywhere here).
        member_addresses = (
            User.objects.filter(working_groups=issue.segment_working_group_id)
            .annotate(address=Lower("email"))
            .values("address")
        )
        subscriptions = subscriptions.alias(address=Lower("subscriber__email")).filter(
            address__in=member_addresses
        )
    if issue.segment_language:
        subscriptions = subscriptions.filter(language=issue.segment_language)
    return subscriptions.order_by("id")


def delivery_counts(*, issue: Issue) -> dict[str, int]:
    """``{status: count}`` of an issue's deliveries, in one query."""
    from django.db.models import Count

    rows = issue.deliveries.values("status").annotate(count=Count("id")).order_by()
    return {row["status"]: row["count"] for row in rows}


# --- editing pages --------------------------------------------------------------------------------


def _coordinated(user: Any, field: str) -> Q | None:
    """``Q`` for objects whose ``field`` region lies in the user's coordinated regions; None: the office."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return None
    condition = Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


def posts_editable_by(user: Any) -> QuerySet[Post]:
    """The posts an editor may change, drafts first, then the newest."""
    posts = Post.objects.select_related("region").order_by(F("published_at").desc(nulls_first=True), "-id")
    condition = _coordinated(user, "region")
    return posts if condition is None else posts.filter(condition)


def post_for_editing(*, pk: int) -> Post | None:
    """A post with everything its form and preview show, whether published or not."""
    return (
        Post.objects.select_related("region", "press_contact__organisation")
        .prefetch_related("images", "fields_of_action")
        .filter(pk=pk)
        .first()
    )


def regions_for_editor(user: Any) -> QuerySet[Region]:
    """Regions an editor may place posts and newsletters in: the office all, a coordinator their own."""
    regions = Region.objects.all()
    if scopes_of(user).is_office:
        return regions
    condition = Q(pk__in=[])
    for path in scopes_of(user).coordinated_paths:
        condition |= Q(path__startswith=path)
    return regions.filter(condition)


def posts_for_issue_block(user: Any) -> QuerySet[Post]:
    """Posts an editor can put into an issue: the published ones and their own drafts."""
    visible = Q(published_at__isnull=False)
    condition = _coordinated(user, "region")
    editable = Q() if condition is None else condition
    return (
        Post.objects.filter(visible | editable)
        .select_related("region")
        .order_by(F("published_at").desc(nulls_first=True), "-id")
    )


def subscribers_on_hold() -> QuerySet[Subscriber]:
    """Addresses a hard bounce put on hold, newest first, with their newsletters (two queries)."""
    return (
        Subscriber.objects.filter(on_hold=True)
        .prefetch_related(
            Prefetch(
                "subscriptions", queryset=Subscription.objects.select_related("newsletter").order_by("id")
            )
        )
        .order_by("-held_at", "email")
    )
