"""A learner who slipped typing a number counts it ("I mistyped — count it"); after "I don't
know" the override is not offered."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_practice_i_mistyped_counts_a_wrong_number_as_correct(page: Page):
    page.goto("/practice?kind=numeric")
    page.get_by_label("Your answer").fill("123456789")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Not quite.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Continue"))).to_be_visible()
    page.get_by_role("button", name="I mistyped — count it").click()

    expect(page.locator("[data-overridden]")).to_contain_text("Counted as correct.")
    expect(page.get_by_role("button", name="I mistyped — count it")).to_have_count(0)
    buttons = page.locator(".rating-buttons button")
    expect(buttons).to_have_count(3)
    expect(buttons.nth(0)).to_contain_text("Hard")
    expect(buttons.nth(2)).to_contain_text("Easy")
    page.keyboard.press("3")
    expect(
        page.get_by_role("status").filter(has_text="Recorded Good (counted as correct")
    ).to_be_visible()

    # the next numbers: "I don't know" shows the solution, and nothing can be counted then
    page.get_by_role("button", name="I don't know — show the solution").click()
    expect(page.get_by_role("heading", name="Worked solution")).to_be_visible()
    expect(page.get_by_text("No answer given.")).to_be_visible()
    expect(page.get_by_role("button", name="I mistyped — count it")).to_have_count(0)
