"""Browser journeys in Debian's chromium, driven by Playwright (never a downloaded browser).

Screenshots at phone and desktop widths go to ``artifacts/screenshots`` (kept by CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("COOPDEC_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("COOPDEC_ARTIFACTS", "artifacts")) / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous and safe. Set only while browser tests run.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="fr-FR")
    outside = []

    def refuse_outside(route):
        # Nothing may be fetched from another host: record it and refuse it.
        if not route.request.url.startswith(live_server.url):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", refuse_outside)
    page = context.new_page()
    # What the Content-Security-Policy made the browser refuse on our HTML pages (the
    # browser's own viewer of JSON and XML files styles them inline: not ours).
    refused, html = [], {}
    page.on(
        "response",
        lambda response: html.__setitem__(
            response.url, "text/html" in response.headers.get("content-type", "")
        ),
    )
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text and html.get(page.url, True)
            else None
        ),
    )
    page.base_url = live_server.url
    page.viewport_name = request.param
    yield page
    context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert refused == [], f"the page broke its own security policy: {refused}"


@pytest.fixture
def shoot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.viewport_name}.png"), full_page=True)

    return take


@pytest.fixture
def reference(django_db_blocker):
    # transactional tests empty the tables afterwards: load the reference data for each.
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)


@pytest.fixture
def demo(reference):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
