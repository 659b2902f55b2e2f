"""Who may manage matters, languages and translators: the office; coordinators only read the matters."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from integrationsnetz.core import policy
from integrationsnetz.guide.models import GuideLanguage, Matter, Translator
from integrationsnetz.guide.tests.conftest import Guide

pytestmark = pytest.mark.django_db


def test_the_office_manages_matters_languages_and_translators(guide: Guide, actors: Any) -> None:
    for action in ("list", "create"):
        assert policy.can(actors.office, action, Matter)
    for action in ("edit", "delete"):
        assert policy.can(actors.office, action, guide.permit)
    for model in (GuideLanguage, Translator):
        for action in ("view", "create", "edit", "delete"):
            assert policy.can(actors.office, action, model)


@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_coordinators_only_read_the_list_of_matters(guide: Guide, actors: Any, who: str) -> None:
    coordinator = getattr(actors, who)
    assert policy.can(coordinator, "list", Matter)
    assert not policy.can(coordinator, "create", Matter)
    assert not policy.can(coordinator, "edit", guide.permit)
    assert not policy.can(coordinator, "delete", guide.permit)
    for model in (GuideLanguage, Translator):
        for action in ("view", "create", "edit", "delete"):
            assert not policy.can(coordinator, action, model)


@pytest.mark.parametrize("who", ["editor", "anonymous"])
def test_others_see_none_of_it(guide: Guide, actors: Any, who: str) -> None:
    user = AnonymousUser() if who == "anonymous" else getattr(actors, who)
    assert not policy.can(user, "list", Matter)
    assert not policy.can(user, "edit", guide.permit)
    assert not policy.can(user, "view", GuideLanguage)
    assert not policy.can(user, "view", Translator)
