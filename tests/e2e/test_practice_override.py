"""A learner who slipped typing a number counts it ("I mistyped — count it"); after "I don't
know" the override is not offered."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


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


def _axe(page: Page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe/axe.min.js")
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_practice_override_and_study_more_pass_axe_and_fit_a_phone(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/practice")
    page.evaluate(
        """async () => {
          const current = await (await fetch('/api/v1/me/settings')).json();
          await fetch('/api/v1/me/settings', {method: 'PUT',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({...current, new_per_day: 0})});
        }"""
    )
    problems = []
    for step in ("study more", "wrong number", "counted"):
        if step == "study more":
            page.goto("/practice")
            expect(page.get_by_role("heading", name="Study more")).to_be_visible()
        elif step == "wrong number":
            page.get_by_role("link", name=re.compile("new cards beyond today")).click()
            page.get_by_label("Kind").select_option("numeric")
            page.get_by_role("button", name="Apply").click()
            expect(page.get_by_text("All done for now")).to_be_visible()  # the filter ends "more"
            page.goto("/practice?kind=numeric&more=new")
            expect(page.locator("[data-more]")).to_contain_text("beyond today's limit")
            page.get_by_label("Your answer").fill("123456789")
            page.get_by_role("button", name="Check").click()
            expect(page.get_by_role("button", name="I mistyped — count it")).to_be_visible()
        else:
            page.get_by_role("button", name="I mistyped — count it").click()
            expect(page.locator("[data-overridden]")).to_be_visible()
        page.wait_for_load_state("networkidle")
        problems += [f"{step}: {v}" for v in _axe(page)]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            problems.append(f"{step}: {overflow}px wider than the screen")
    assert problems == []
