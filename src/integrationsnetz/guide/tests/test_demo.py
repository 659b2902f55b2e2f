"""The demo: matrices for Mittelsachsen and Nordsachsen from the seeds' actors; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.core.models import Region
from integrationsnetz.directory.demo import directory_demo_load
from integrationsnetz.guide import selectors
from integrationsnetz.guide.demo import load_demo
from integrationsnetz.guide.models import Edition, InfoPage, Matter, Responsibility, Translation


@pytest.fixture
def demo(db: Any, settings: Any, tmp_path: Any) -> str:
    settings.MEDIA_ROOT = tmp_path
    core_demo_load()
    directory_demo_load(with_users=False)
    return load_demo()


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Matter, Responsibility, Translation, InfoPage, Edition))


def test_demo_builds_both_matrices_and_is_idempotent(
    demo: str, django_capture_on_commit_callbacks: Any
) -> None:
    assert demo.startswith("Guide: 20 matters")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 new responsibilities" in load_demo()
    assert counts() == before
    for key in ("14522", "14730"):
        region = Region.objects.get(key=key)
        matrix = selectors.region_matrix(region=region, on=Edition.objects.get(region=region).stand)
        assert len(matrix.actors) >= 8
    eilenburg = Region.objects.get(key="14730110")
    found = selectors.responsibilities_effective(region=eilenburg, on=Edition.objects.first().stand)  # type: ignore[union-attr]
    assert {entry.region.key for cell in found.values() for entry in cell} >= {"14", "14730", "14730110"}


def test_demo_shows_every_translation_status(demo: str) -> None:
    statuses = {row.status for row in selectors.translation_overview("tr")}
    assert statuses == {Translation.Status.MISSING, Translation.Status.OUTDATED, Translation.Status.CURRENT}
