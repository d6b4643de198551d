"""Browser tests: a real server process and Debian's Chromium driven by Playwright.

Every request the page makes must stay on the server under test, and no JavaScript
error may occur; both are checked after each test.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from app.dev.browser import chromium_path, launch_chromium
from app.dev.server import LiveServer, start_server, stop_server


@pytest.fixture
def backend() -> str:
    """Browser tests run on SQLite. What they check — pages, keyboard, axe, layout, what the
    learner sees after each click — does not depend on the database; the web tests (every
    route through the app) and the serving tests (a real server) run on both databases."""
    return "sqlite"


@pytest.fixture(scope="session")
def shared_server(shared_db_url: str) -> Iterator[LiveServer]:
    """One server per test process for the modules marked ``guests_only``."""
    server = start_server(shared_db_url, BACKPROP_SRS_FUZZING="false")
    yield server
    stop_server(server)


@pytest.fixture
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """A server of this test's own on a fresh database — or, for a test marked
    ``guests_only`` (every visitor a new guest, nothing shared changed: no accounts with
    fixed emails, no admin, no direct database access), this process's shared server,
    which saves a server start (seconds on a busy machine) per test."""
    if request.node.get_closest_marker("guests_only"):
        private = {"db_url", "session", "sessions"} & set(request.fixturenames)
        assert not private, f"a guests_only test reads its own database ({private})"
        yield request.getfixturevalue("shared_server")
        return
    server = start_server(request.getfixturevalue("db_url"), BACKPROP_SRS_FUZZING="false")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if chromium_path() is None:
        pytest.fail(
            "Chromium is not installed: run `make chromium` (Debian: apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@dataclass
class PageProblems:
    offsite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _console(message, problems: PageProblems) -> None:  # type: ignore[no-untyped-def]
    # A 4xx the test provokes on purpose (422 for a bad answer) is logged by Chromium too.
    if message.type == "error" and "the server responded with a status of 4" not in message.text:
        problems.errors.append(message.text)


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context; fails the test on off-site requests or JavaScript errors."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    problems = PageProblems()

    def on_request(request) -> None:  # type: ignore[no-untyped-def]
        if not request.url.startswith((live_server.url, "data:", "blob:", "about:")):
            problems.offsite.append(request.url)

    context.on("request", on_request)
    page = context.new_page()
    page.on("pageerror", lambda error: problems.errors.append(str(error)))
    page.on("console", lambda msg: _console(msg, problems))
    page.set_default_timeout(10_000)
    # A visitor who pressed "Start practising": looking at pages creates no guest (issue 12).
    assert context.request.post(f"{live_server.url}/api/v1/auth/guest").ok
    yield page
    context.close()
    assert problems.offsite == [], f"requests left the machine: {problems.offsite}"
    assert problems.errors == [], f"JavaScript errors: {problems.errors}"


def wait_for_htmx(page: Page) -> None:
    """Until htmx has no request in flight and no swap or settle under way."""
    page.wait_for_function(
        "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )
