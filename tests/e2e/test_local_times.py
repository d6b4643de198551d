"""The browser's time zone is adopted on the first visit and every time is shown in it."""

import re

import pytest
from playwright.sync_api import Browser, expect

from app.dev.server import LiveServer

pytestmark = pytest.mark.e2e


def test_zone_from_the_browser_then_due_times_in_it(browser: Browser, live_server: LiveServer):
    context = browser.new_context(base_url=live_server.url, timezone_id="Europe/Paris")
    page = context.new_page()
    page.goto("/login")
    credentials = {"email": "amelie@example.com", "password": "correct horse battery"}
    assert page.request.post("/api/v1/auth/register", data=credentials).ok
    with page.expect_response(lambda r: r.url.endswith("/settings/browser-zone")) as sent:
        page.goto("/practice?kind=text")
    assert sent.value.status == 204
    page.goto("/settings")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Paris")
    page.get_by_label("New cards per day").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Settings saved")
    page.goto("/practice?kind=text")
    page.get_by_role("button", name="Show answer").click()
    page.locator(".rating-4").click()  # Easy: next due in days, so the day is done
    due = page.locator(".done time")
    expect(due).to_have_text(re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d CET$"))
    shown = due.inner_text()[11:16]
    local = page.evaluate(
        """(iso) => new Date(iso).toLocaleTimeString('en-GB',
            {hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris'})""",
        due.get_attribute("datetime"),
    )
    assert shown == local
    context.close()
