"""A learner practises three cards with the keyboard only."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


def test_practice_three_cards_with_keyboard_only(page: Page):
    page.goto("/practice?kind=text")
    expect(page.locator(".counts .count-new strong")).to_have_text("20")
    for expected_new in ("19", "18", "17"):
        page.locator("body").click(position={"x": 5, "y": 5})  # focus outside any text box
        page.keyboard.press("Space")
        expect(page.get_by_role("heading", name="Model answer")).to_be_visible()
        expect(page.locator(".rating-3 .interval")).to_have_text("10m")
        page.keyboard.press("3")
        expect(page.get_by_role("status").filter(has_text="Recorded Good")).to_be_visible()
        expect(page.locator(".counts .count-new strong")).to_have_text(expected_new)
    page.keyboard.press("u")
    expect(
        page.get_by_role("status").filter(has_text=re.compile("Undid your Good"))
    ).to_be_visible()
    expect(page.locator(".counts .count-new strong")).to_have_text("18")  # the card is new again


def test_practice_numeric_card_is_checked_with_worked_steps(page: Page):
    page.goto("/practice?kind=numeric")
    page.get_by_label("Your answer").fill("not a number")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("Expected")
    page.get_by_label("Your answer").fill("123456789")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Not quite.")).to_be_visible()
    expect(page.get_by_role("heading", name="Worked solution")).to_be_visible()
    page.keyboard.press("1")
    expect(page.get_by_role("status").filter(has_text="Recorded Again")).to_be_visible()
