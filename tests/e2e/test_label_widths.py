"""Labels that must be read whole: stats topic names and mastery notes, and the practice
filters' selects, at a desktop and a phone width (issue 15)."""

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e
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


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


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
