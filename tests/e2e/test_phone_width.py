"""At 390 px no question page and no drill page scrolls sideways: display math and tables
scroll inside their own box. A few browser pages visit them all, each its share (so the
parallel suite spreads the work over its workers)."""

import pytest
from playwright.sync_api import Browser, Page, expect

from app.dev.server import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]
PHONE = {"width": 390, "height": 844}
# After the math fonts are in, which changes the width of every formula.
WIDTH = "document.fonts.ready.then(() => document.scrollingElement.scrollWidth)"


def _too_wide(page: Page, paths: list[str]) -> list[str]:
    wide = []
    for path in paths:
        assert page.goto(path).ok, path
        width = page.evaluate(WIDTH)
        if width > PHONE["width"]:
            wide.append(f"{path}: {width}px")
    return wide


SHARDS = 3


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_question_and_drill_page_fits_a_phone(page: Page, shard: int):
    page.set_viewport_size(PHONE)
    page.goto("/login")
    credentials = {"email": f"phone{shard}@example.com", "password": "correct horse battery"}
    assert page.request.post("/api/v1/auth/register", data=credentials).ok
    items = page.request.get("/api/v1/questions?limit=500").json()["items"]
    templates = page.request.get("/api/v1/templates").json()
    assert len(items) > 100 and len(templates) > 10
    paths = [f"/questions/{item['id']}" for item in items]
    paths += [f"/drill/{template['id']}?seed=1" for template in templates]
    wide = _too_wide(page, paths[shard::SHARDS])
    assert wide == [], "\n".join(wide)


FONT_SIZES = """() => [...document.querySelectorAll('svg.chart text')].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


def test_a_touch_phone_has_a_short_rating_bar_no_key_hints_and_readable_charts(
    browser: Browser, live_server: LiveServer
):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto("/login")
    credentials = {"email": "touch@example.com", "password": "correct horse battery"}
    assert page.request.post("/api/v1/auth/register", data=credentials).ok
    page.goto("/practice?kind=text")
    expect(page.locator("kbd").first).to_be_hidden()
    page.get_by_role("button", name="Show answer").click()
    bar = page.locator(".rating-form")
    expect(bar).to_be_visible()
    assert bar.bounding_box()["height"] <= 0.2 * PHONE["height"]
    assert page.locator("kbd:visible").count() == 0
    page.get_by_text("Write a note").click()  # the card's actions after the answer
    page.get_by_text("Report an error").click()
    assert page.evaluate(WIDTH) <= PHONE["width"]
    page.locator(".rating-3").click()
    expect(page.get_by_role("status").filter(has_text="Recorded Good")).to_be_visible()
    page.goto("/stats")
    sizes = page.evaluate(FONT_SIZES)
    assert sizes and min(sizes) >= 11.99, sizes
    assert page.evaluate(WIDTH) <= PHONE["width"]
    context.close()
