"""Playwright on Debian's Chromium against pytest-django's live server.

Never downloads a browser: without /usr/bin/chromium the tests skip locally and fail in CI.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from conftest import chromium_path, require_service

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# A transparent 1x1 PNG served instead of map tiles: the tests never touch the network.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
CSP_INIT_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@dataclass
class BrowserPage:
    """A page plus what the browser reported while it was used."""

    page: Any
    base_url: str
    console: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base_url + path)

    def csp_violations(self) -> list[str]:
        reported = self.page.evaluate("window.__cspViolations || []")
        logged = [message for message in self.console if "Content Security Policy" in message]
        return [*reported, *logged]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    executable = chromium_path()
    require_service(executable is not None, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _open(chromium: Any, live_server: Any, width: int, height: int) -> Iterator[BrowserPage]:
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="de-DE")
    context.route(
        "**/*.tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
    )
    context.add_init_script(CSP_INIT_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    wrapped = BrowserPage(page=page, base_url=live_server.url)
    page.on("console", lambda message: wrapped.console.append(f"{message.type}: {message.text}"))
    try:
        yield wrapped
    finally:
        context.close()


@pytest.fixture
def browser_page(chromium: Any, live_server: Any, transactional_db: Any) -> Iterator[BrowserPage]:
    yield from _open(chromium, live_server, 1280, 900)


@pytest.fixture
def phone_page(chromium: Any, live_server: Any, transactional_db: Any) -> Iterator[BrowserPage]:
    yield from _open(chromium, live_server, 390, 844)
