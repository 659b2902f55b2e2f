"""The public figures dashboard in a real browser: no serious accessibility or CSP violation."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.test_signed_in_pages import check

from integrationsnetz.core.demo.loader import core_demo_load
from integrationsnetz.monitoring.demo import load_demo

pytestmark = pytest.mark.browser


def test_dashboards(browser_page: Any) -> None:
    core_demo_load()
    load_demo()
    assert check(browser_page, ["/zahlen/14730/", "/zahlen/14/"]) == {}
