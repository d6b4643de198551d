"""A first visit: the welcome page (axe-clean, light and dark, phone width) and its POST."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_visit_starts_practice_with_a_button(page: Page, scheme: str):
    page.context.clear_cookies()  # a visitor with no session at all
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/practice")
    expect(page.get_by_role("button", name="Start practising")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.get_by_role("button", name="Start practising").click()
    expect(page).to_have_url(page.url.split("/welcome")[0] + "/practice")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
