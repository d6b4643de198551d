"""The learner suspends and resumes a card from its question page; the page stays axe-clean."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_suspend_and_resume_a_card(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto("/login")
    credentials = {"email": "sam@example.com", "password": "correct horse battery"}
    assert page.request.post("/api/v1/auth/register", data=credentials).ok
    card = page.request.get("/api/v1/review/next").json()["card"]
    assert page.request.post("/api/v1/review", data={"card_id": card["card_id"], "rating": 3}).ok
    page.goto(f"/questions/{card['question_id']}")
    expect(page.get_by_role("heading", name="Your card")).to_be_visible()
    expect(page.get_by_role("cell", name="Good")).to_be_visible()
    page.get_by_role("button", name="Suspend this card").click()
    expect(page.get_by_role("button", name="Resume this card")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Resume this card").click()
    expect(page.get_by_role("button", name="Suspend this card")).to_be_visible()
