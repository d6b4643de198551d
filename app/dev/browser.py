"""Debian's Chromium, headless, with the flags that keep it off the network."""

import shutil

from playwright.sync_api import Browser, Playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Chromium: the system one where installed, else Playwright's own download."""
    executable = chromium_path()
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
