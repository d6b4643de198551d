"""Labels that must be read whole: stats topic names and mastery notes, and the practice
filters' selects, at a desktop and a phone width (issue 15)."""

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]
WIDTHS = [1280, 390]

# An option's text is whole when the select is at least as wide as a copy holding just that
# option and left to size itself (width: auto, no max-width): Chromium makes the copy fit it.
OPTIONS_CUT = """(select) => [...select.options].flatMap((option) => {
    const copy = document.createElement('select');
    copy.className = select.className;
    copy.append(option.cloneNode(true));
    copy.style.cssText = 'width:auto;max-width:none;min-width:0;position:absolute;visibility:hidden';
    select.parentElement.append(copy);
    const natural = copy.getBoundingClientRect().width;
    copy.remove();
    const shown = select.getBoundingClientRect().width;
    return shown + 1 < natural ? [`${option.text}: ${shown}px of ${natural}px`] : [];
})"""
# The topic select holds titles up to 64 characters: at 390 px only the chosen one must fit.
SELECTED_CUT = OPTIONS_CUT.replace("[...select.options]", "[...select.selectedOptions]")


@pytest.mark.parametrize("width", WIDTHS)
def test_practice_kind_select_shows_every_option_whole(page: Page, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    cut = []
    for path in ("/practice", "/practice?kind=numeric", "/practice?topic=cnn&kind=text"):
        page.goto(path)
        cut += [f"{path}: {c}" for c in page.locator("#practice-kind").evaluate(OPTIONS_CUT)]
        topic = page.locator("#practice-topic")
        cut += [f"{path}: topic {c}" for c in topic.evaluate(SELECTED_CUT)]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert cut == [] and overflow <= 1


# Every label on the stats page that names a topic or a skill or says how far it is:
# none may be cut (text wider than its box) or drawn as SVG text, which cannot wrap.
STATS_LABELS = ".topic-mastery-name, .topic-mastery-note, .skill-list .plan-topic-name, td, th"
CUT_LABELS = """(selector) => [...document.querySelectorAll(selector)].flatMap((label) => {
    const style = getComputedStyle(label);
    const cut = label.scrollWidth > label.clientWidth + 1 || style.textOverflow === 'ellipsis';
    return cut ? [`${label.textContent.trim()}: ${label.scrollWidth}px in ${label.clientWidth}px`]
               : [];
})"""


def _answer_a_numeric_card(page: Page) -> None:
    card = page.request.get("/api/v1/review/next?kind=numeric").json()["card"]
    answer = {"card_id": card["card_id"], "answer": "1", "seed": card.get("seed")}
    assert page.request.post("/api/v1/review", data=answer).ok


@pytest.mark.parametrize("width", WIDTHS)
def test_no_stats_label_is_cut(page: Page, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    _answer_a_numeric_card(page)  # so the skill list has a row
    page.goto("/stats")
    names = page.locator(".topic-mastery-name")
    long_title = "Computer vision: detection, segmentation, efficient convolutions"
    assert names.count() > 10 and long_title in names.all_inner_texts()
    assert page.locator(".skill-list li").count() >= 1
    assert page.locator("svg.chart text", has_text="…").count() == 0
    cut = page.evaluate(CUT_LABELS, STATS_LABELS)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert cut == [] and overflow <= 1
    # the mastery list uses the width it has: no half-empty page at desktop width
    used = page.evaluate(
        "() => document.querySelector('.topic-mastery').getBoundingClientRect().width"
        " / document.querySelector('main').getBoundingClientRect().width"
    )
    assert used > 0.9
