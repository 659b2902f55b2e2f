"""Selectors: fixed query counts for specs and proposals; the district dashboard's figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from integrationsnetz.core.models import Language
from integrationsnetz.volunteering import selectors, services
from integrationsnetz.volunteering.models import Need, VolunteerOffer
from integrationsnetz.volunteering.services import LanguageRequirement
from integrationsnetz.volunteering.tests.factories import make_need, make_volunteer

pytestmark = pytest.mark.django_db


def test_offer_specs_and_proposals_have_fixed_queries(
    actors: Any, scene: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(6):
        offer = make_volunteer(actors.eilenburg, email=f"v{number}@example.org")
        services.qualification_record(
            offer=offer,
            kind="certificate_of_conduct",
            seen_on=timezone.localdate(),
            expires_on=timezone.localdate() + timedelta(days=900),
            actor=actors.owner,
        )
    with django_assert_max_num_queries(4):
        specs = selectors.offer_specs(VolunteerOffer.objects.all())
    assert len(specs) == 7 and all(spec.languages == (("ar", 4),) for spec in specs)
    with django_assert_max_num_queries(9):
        proposals = selectors.proposals_for(scene.need)
    assert len(proposals) == 5
    with django_assert_max_num_queries(3):
        assert len(selectors.need_specs(Need.objects.all())) == 1


def test_dashboard_counts_unmet_needs_unused_offers_and_shortages(actors: Any, scene: Any) -> None:
    persian = Language.objects.create(code="fa", name_de="Persisch", name_en="Persian", native_name="فارسی")
    make_need(
        actors.organisation,
        actors.eilenburg,
        title="Dari",
        languages=[LanguageRequirement(language=persian, level=3)],
    )
    make_volunteer(actors.eilenburg, email="unused@example.org")
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    dashboard = selectors.district_dashboard(actors.nordsachsen)
    assert [need.title for need in dashboard.unmet_needs] == ["Dari"]
    assert dashboard.active_offers == 2 and dashboard.unused_offers == 1
    assert dashboard.matched_needs == 1 and dashboard.median_days_to_match is not None
    assert [(s.code, s.needed, s.offered) for s in dashboard.shortages] == [("fa", 1, 0)]
    # Nothing of Nordsachsen shows in Mittelsachsen.
    other = selectors.district_dashboard(actors.mittelsachsen)
    assert other.open_needs == 0 and other.active_offers == 0


def test_district_of(actors: Any) -> None:
    assert selectors.district_of(actors.eilenburg) == actors.nordsachsen
    assert selectors.district_of(actors.nordsachsen) == actors.nordsachsen
