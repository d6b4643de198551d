"""axe-core and a phone-width check on Settings › Tokens and your data and on Downloads,
filled in (a token just created, one revoked, weak cards to download), light and dark."""

import pytest
from playwright.sync_api import Page

from tests.e2e.test_accessibility import axe_violations, check

pytestmark = pytest.mark.e2e
PAGES = ["/settings/account", "/downloads"]


def _filled_in(page: Page) -> None:
    """A registered learner with a revoked token, a live one, and one card reviewed."""
    page.goto("/register")
    credentials = {"email": "ada@example.com", "password": "correct horse battery"}
    assert page.request.post("/api/v1/auth/register", data=credentials).ok
    for name in ("old script", "laptop script"):
        page.goto("/settings/account")
        page.get_by_label("Name").fill(name)
        page.get_by_role("button", name="Create token").click()
        page.get_by_label("Your new token").wait_for()
    page.get_by_role("button", name="Revoke old script").click()
    page.get_by_text("revoked: it no longer works").wait_for()
    card = page.request.get("/api/v1/review/next").json()["card"]
    assert page.request.post("/api/v1/review", data={"card_id": card["card_id"], "rating": 1}).ok


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_access_pages_pass_axe(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    _filled_in(page)
    page.get_by_label("Name").fill("third")
    page.get_by_role("button", name="Create token").click()
    page.get_by_label("Your new token").wait_for()
    problems = [f"new token shown: {v}" for v in axe_violations(page)]
    problems += [problem for path in PAGES for problem in check(page, path)]
    assert problems == []


def test_access_pages_fit_a_phone(page: Page):
    page.set_viewport_size({"width": 375, "height": 740})
    _filled_in(page)
    assert [problem for path in PAGES for problem in check(page, path)] == []
