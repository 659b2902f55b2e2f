"""RSS and Atom feeds of the published posts, per kind and region (``?kind=press_release&region=14730``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from integrationsnetz.core.models import Region
from integrationsnetz.news import selectors
from integrationsnetz.news.models import Post

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedScope:
    kind: str
    region: Region | None


class PostFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        kind = request.GET.get("kind", "")
        if kind not in Post.Kind.values:
            kind = ""
        region = Region.objects.filter(key=request.GET.get("region", "")).first()
        return FeedScope(kind=kind, region=region)

    def title(self, scope: FeedScope) -> str:
        parts = [_("News")]
        if scope.kind:
            parts = [str(Post.Kind(scope.kind).label).capitalize()]
        if scope.region is not None:
            parts.append(scope.region.name)
        return " – ".join([*parts, "Integrationsnetz"])

    def link(self, scope: FeedScope) -> str:
        return reverse("news:archive_posts")

    def description(self, scope: FeedScope) -> str:
        return _("News, press releases, good-practice reports and interviews of the integration networks.")

    def items(self, scope: FeedScope) -> list[Post]:
        return list(selectors.post_search(kind=scope.kind, region=scope.region)[:FEED_LENGTH])

    def item_title(self, item: Post) -> str:
        return str(item)

    def item_description(self, item: Post) -> str:
        return item.summary or (item.paragraphs() or [""])[0]

    def item_link(self, item: Post) -> str:
        return reverse("news:post", args=[item.slug])

    def item_pubdate(self, item: Post) -> datetime | None:
        return item.published_at

    def item_author_name(self, item: Post) -> str:
        return item.author

    def item_categories(self, item: Post) -> list[str]:
        return [str(item.get_kind_display())]


class PostAtomFeed(PostFeed):
    feed_type = Atom1Feed
    subtitle = PostFeed.description
