"""The demo: needs and fictitious volunteers in Dresden, Leipzig and Nordsachsen; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.directory.demo import directory_demo_load
from integrationsnetz.volunteering.demo import load_demo
from integrationsnetz.volunteering.models import Need, VolunteerOffer
from integrationsnetz.volunteering.selectors import proposals_for

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_marked(django_assert_max_num_queries: Any) -> None:
    core_demo_load()
    directory_demo_load(with_users=True)
    first = load_demo()
    assert "6 needs" in first and "7 fictitious volunteers" in first
    counts = (Need.objects.count(), VolunteerOffer.objects.count())
    second = load_demo()
    assert "0 needs and 0 fictitious volunteers" in second
    assert (Need.objects.count(), VolunteerOffer.objects.count()) == counts
    assert all("(Demo)" in need.title for need in Need.objects.all())
    assert all("(Demo)" in offer.user.full_name for offer in VolunteerOffer.objects.select_related("user"))
    towns = set(Need.objects.values_list("town", flat=True))
    assert {"Dresden", "Leipzig", "Eilenburg"} <= towns
    # The demo shows proposals: Amira fits the accompanying need in Dresden.
    need = Need.objects.get(title__startswith="Begleitung")
    assert [offer.user.full_name for _, offer in proposals_for(need)] == ["Amira K. (Demo)"]
