"""Browser tests: a real server process and Debian's Chromium driven by Playwright.

Every request the page makes must stay on the server under test, and no JavaScript
error may occur; both are checked after each test.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]


def start_server(database_url: str, **env: str) -> LiveServer:
    """`uvicorn app.web.main:app` on a free port, against ``database_url``."""
    port = _free_port()
    environment = {**os.environ, "BACKPROP_DATABASE_URL": database_url, "BACKPROP_SRS_FUZZING": "false", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.web.main:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=environment,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return LiveServer(url, database_url, process)
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the test server did not start")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture
def live_server(db_url: str) -> Iterator[LiveServer]:
    server = start_server(db_url)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make chromium` (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
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
    yield page
    context.close()
    assert problems.offsite == [], f"requests left the machine: {problems.offsite}"
    assert problems.errors == [], f"JavaScript errors: {problems.errors}"
