"""The interview plan in the browser: set a date, read the plan, ask what-if; accessible
in light and dark, and no wider than a 390 px phone."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import axe_violations, check

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


def _plan_for(page: Page, days: int) -> str:
    interview = (date.today() + timedelta(days=days)).isoformat()
    assert page.request.post("/api/v1/auth/guest").ok  # the browser's session from here on
    page.goto("/settings")
    page.get_by_label("Interview date").fill(interview)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    return interview


def test_plan_page_shows_the_plan_and_answers_what_if(page: Page):
    interview = _plan_for(page, 12)
    page.goto("/")
    plan = page.get_by_role("region", name="Your interview plan")
    chart = plan.get_by_role("img", name="Readiness until the interview Following the plan")
    expect(chart).to_be_visible()
    expect(plan.get_by_text(f"to {interview}")).to_be_visible()
    table = plan.get_by_role("table", name="Readiness on the interview day with")
    expect(table.get_by_role("rowheader", name="10", exact=True)).to_be_visible()
    page.get_by_label("New cards a day").fill("7")
    page.get_by_label("Minutes a day").fill("15")
    page.get_by_role("button", name="Forecast").click()
    expect(table.get_by_role("rowheader", name="7", exact=True)).to_be_visible()
    expect(table).to_contain_text("with 15 minutes a day")


def test_plan_page_passes_axe_light_and_dark_and_fits_a_phone(page: Page):
    _plan_for(page, 20)
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto("/")
        page.get_by_role("table", name="Readiness on the interview day with").wait_for()
        problems += [f"{scheme}: {v}" for v in axe_violations(page)]
        problems += check(page, "/plan/what-if?new_per_day=5&minutes_per_day=15")
    page.set_viewport_size({"width": 390, "height": 800})
    problems += check(page, "/") + check(page, "/plan/what-if?new_per_day=5&minutes_per_day=15")
    assert problems == []
