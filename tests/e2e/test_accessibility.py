"""axe-core on every page, light and dark, desktop and phone: no serious or critical violation,
and nothing wider than a phone screen."""

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


LEARNER_PAGES = [
    "/",
    "/questions",
    "/questions?topic=cnn&q=padding",
    "/questions/forward-and-backpropagation",
    "/practice",
    "/practice?kind=numeric",
    "/drill",
    "/drill/conv2d?seed=3",
    "/stats",
    "/login",
    "/register",
    "/settings",
]


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe/axe.min.js")
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def check(page: Page, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    problems = [f"{path}: {v}" for v in axe_violations(page)]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"{path}: {overflow}px wider than the screen")
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_learner_pages_pass_axe(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    problems = [problem for path in LEARNER_PAGES for problem in check(page, path)]
    # the revealed side of a card, too
    page.goto("/practice?kind=text")
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("heading", name="Model answer").wait_for()
    problems += [f"practice (revealed): {v}" for v in axe_violations(page)]
    # ... and with a typed answer graded beside the rubric (evidence, wrong claims, a list)
    page.goto("/practice?kind=text")
    page.locator("#answer").fill("Layers, weights, bias, ReLU. It learns features from the data.")
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("heading", name="Model answer").wait_for()
    page.get_by_text("You covered").wait_for()
    problems += [f"practice (graded): {v}" for v in axe_violations(page)]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"practice (graded): {overflow}px wider than the screen")
    assert problems == []


def test_learner_pages_fit_a_phone(page: Page):
    page.set_viewport_size({"width": 375, "height": 740})
    problems = [problem for path in LEARNER_PAGES for problem in check(page, path)]
    assert problems == []
