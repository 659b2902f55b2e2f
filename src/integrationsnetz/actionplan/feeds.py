"""RSS feed of the newest approaches in the library."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integrationsnetz.actionplan.models import Approach
from integrationsnetz.actionplan.selectors import approach_list_recent

FEED_LENGTH = 20


class NewApproachesFeed(Feed):
    title = _("Integrationsnetz: new approaches that worked")
    description = _("Approaches from the library of good practice, newest first.")

    def link(self) -> str:
        return reverse("actionplan:approach_list")

    def items(self) -> list[Approach]:
        return approach_list_recent(limit=FEED_LENGTH)

    def item_title(self, item: Approach) -> str:
        return item.title

    def item_description(self, item: Approach) -> str:
        return item.problem

    def item_pubdate(self, item: Approach) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Approach) -> datetime.datetime:
        return item.updated_at
