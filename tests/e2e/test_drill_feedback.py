"""Drill feedback in a browser: a named mistake, then Practice on a retry; axe-clean, light
and dark, and no sideways scroll on a phone."""

import pytest
from playwright.sync_api import Page, expect

from app.engine import format_answer, generate
from tests.e2e.test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_named_mistake_then_practice_on_the_retry(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 390, "height": 800})
    variant = generate("gd_step", 3)
    uphill = [
        w + variant.params["lr"] * g
        for w, g in zip(variant.params["w"], variant.params["grad"], strict=True)
    ]
    page.context.clear_cookies()  # the page fixture's guest: this test starts as a first visit
    page.goto("/welcome?next=/drill/gd_step%3Fseed%3D3")
    page.get_by_role("button", name="Start practising").click()  # a page view makes no guest
    page.wait_for_url("**/drill/gd_step?seed=3")
    page.locator("#answer").fill(format_answer(uphill))
    page.get_by_role("button", name="Check").click()
    status = page.locator("#drill-status")
    expect(status).to_contain_text("Not quite")
    expect(status.locator("[data-mistake=wrong_sign]")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#answer").fill(format_answer(variant.answer))
    page.get_by_role("button", name="Check").click()
    expect(status).to_contain_text("Practice")
    expect(status).not_to_contain_text("well done")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
