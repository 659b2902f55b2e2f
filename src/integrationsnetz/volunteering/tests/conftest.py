"""Fixtures of the volunteering tests: the shared actors plus a need, a verified organisation and a volunteer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import Need, VolunteerOffer
from integrationsnetz.volunteering.tests.factories import make_need, make_volunteer


@dataclass
class Scene:
    need: Need
    offer: VolunteerOffer


@pytest.fixture
def scene(actors: Any) -> Scene:
    services.organisation_verify(organisation=actors.organisation, actor=actors.owner)
    need = make_need(actors.organisation, actors.eilenburg)
    offer = make_volunteer(actors.eilenburg)
    return Scene(need=need, offer=offer)
