"""A learner sits a timed mock interview in Chromium: one answer sent, one left to the clock."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


def _set_up(page: Page, *, count: str, seconds: str) -> None:
    page.goto("/mock")
    page.get_by_label("Questions", exact=True).fill(count)
    page.get_by_label("Seconds per question").fill(seconds)
    page.get_by_label(re.compile("Include numeric questions")).uncheck()
    page.get_by_role("button", name="Start interview").click()


def _seconds(timer_text: str) -> int:
    minutes, seconds = timer_text.strip().split(":")
    return int(minutes) * 60 + int(seconds)


def test_mock_two_questions_with_a_short_timer_one_runs_out(page: Page):
    _set_up(page, count="2", seconds="5")
    expect(page.get_by_role("heading", name="Question 1 of 2")).to_be_visible()
    timer = page.get_by_role("timer", name="Time left")
    expect(timer).to_have_text(re.compile(r"0:0[1-5]"))
    page.get_by_label("Your answer").fill(
        "Weights are updated by gradient descent with backpropagation."
    )
    page.get_by_role("button", name="Submit answer").click()

    expect(page.get_by_role("heading", name="Question 2 of 2")).to_be_visible()
    page.get_by_label("Your answer").fill("half an answer")
    before = _seconds(timer.locator("[data-countdown-text]").inner_text())
    page.reload()  # the same question, the time really left, and the draft kept
    expect(page.get_by_role("heading", name="Question 2 of 2")).to_be_visible()
    expect(page.get_by_label("Your answer")).to_have_value("half an answer")
    assert _seconds(page.locator("[data-countdown-text]").inner_text()) <= before
    # no click: when the countdown reaches zero the page sends what was typed
    expect(page.get_by_role("heading", name="Interview report")).to_be_visible(timeout=15_000)

    results = page.locator(".mock-result")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("Weights are updated by gradient descent")
    expect(results.nth(1)).to_contain_text("half an answer")
    expect(results.nth(1)).to_contain_text(re.compile("sent when time ran out|Timed out"))
    expect(results.nth(0).get_by_role("heading", name=re.compile("Question 1"))).to_be_visible()
    expect(page.locator("#mock-summary")).to_contain_text("score")

    # the learner's own verdict replaces the automatic score, in place
    results.nth(0).get_by_role("button", name="Got it").click()
    expect(results.nth(0).get_by_role("button", name="Got it")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("#mock-summary [data-score]")).to_have_text(
        re.compile(r"^(5\d|[6-9]\d|100) %$")
    )

    page.get_by_role("link", name="Mock interviews").click()
    expect(page.get_by_role("heading", name="Past interviews")).to_be_visible()
    expect(page.locator(".mock-history tbody tr")).to_have_count(1)
    expect(page.locator("svg.chart")).to_be_visible()


def test_mock_got_it_is_one_verdict_and_practise_now_starts_with_the_misses(page: Page):
    _set_up(page, count="2", seconds="120")
    page.get_by_label("Your answer").fill("I enjoy hiking in the mountains on sunny weekends.")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("heading", name="Question 2 of 2")).to_be_visible()
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_role("heading", name="Interview report")).to_be_visible()

    results = page.locator(".mock-result")
    first, second = results.nth(0), results.nth(1)
    expect(first.locator("[data-verdict]")).to_have_text(re.compile(r"^\d of \d key points$"))
    expect(first.locator("[data-deck]")).to_have_text("In your reviews")
    expect(first.get_by_role("heading", name="Next time, say")).to_be_visible()
    expect(page.locator("[data-in-reviews]")).to_contain_text("2 questions you missed")

    first.get_by_role("button", name="Got it").click()
    expect(first.locator("[data-verdict]")).to_have_text("Your verdict: Got it")
    expect(first.locator("[data-deck]")).to_have_count(0)
    expect(first.get_by_role("heading", name="Next time, say")).to_have_count(0)
    expect(first.locator(".mock-meta strong")).to_have_text("100 %")
    expect(page.locator("#mock-summary [data-score]")).to_have_text("50 %")
    expect(page.locator("[data-in-reviews]")).to_contain_text("1 question you missed is")
    expect(second.locator("[data-deck]")).to_have_text("In your reviews")

    # the skipped question comes first, not the one judged covered nor a new card
    prompt = second.locator(".prose").first.inner_text().strip()
    page.get_by_role("link", name="Practise now").click()
    expect(page.get_by_role("heading", name="Practice", exact=True)).to_be_visible()
    expect(page.locator("[data-focus]")).to_have_text("Your interview's misses first: 1 left.")
    expect(page.locator("[data-card] .prompt-body")).to_contain_text(prompt[:40])
    page.get_by_role("button", name=re.compile("Show answer")).click()
    page.get_by_role("button", name=re.compile("^Good")).click()
    expect(page.locator("[data-focus]")).to_contain_text("misses are done for now")


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
def test_mock_pages_pass_axe_and_fit_a_phone(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 375, "height": 740})
    problems = []
    for step in ("setup", "next", "sit", "report"):
        if step == "next":  # an interview created through the API: its clock has not started
            created = page.evaluate(
                """() => fetch('/api/v1/mock', {method: 'POST',
                    headers: {'content-type': 'application/json'}, body: '{"count": 2}'})
                  .then((r) => r.json())"""
            )
            page.goto(f"/mock/{created['id']}")
            expect(page.get_by_role("button", name="Start question 1")).to_be_visible()
        elif step == "sit":
            _set_up(page, count="2", seconds="900")
            expect(page.get_by_role("timer")).to_be_visible()
        elif step == "report":
            page.get_by_label("Your answer").fill("An answer to look at in the report.")
            page.get_by_role("button", name="Submit answer").click()
            page.get_by_role("button", name="End the interview now").click()
            expect(page.get_by_role("heading", name="Interview report")).to_be_visible()
        else:
            page.goto("/mock")
        page.wait_for_load_state("networkidle")
        problems += [f"{step}: {v}" for v in _axe(page)]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            problems.append(f"{step}: {overflow}px wider than the screen")
    assert problems == []
