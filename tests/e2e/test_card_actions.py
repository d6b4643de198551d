"""Per-card actions in the browser: suspend and bury on the question page, a personal note
shown with the answer, 'practise this question now', flags reaching the admins' queue, and
the practice page's actions after the answer (with htmx and without JavaScript)."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from app.dev.server import LiveServer
from tests.admin.helpers import ADMIN_EMAIL, PASSWORD, make_admin
from tests.e2e.test_accessibility import axe_violations

pytestmark = pytest.mark.e2e
PROMPT = "What are the softmax and ReLU functions?"


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


def test_bury_from_the_question_page_until_tomorrow(page: Page):
    first = page.request.get("/api/v1/review/next").json()["card"]
    page.goto(f"/questions/{first['question_id']}")
    page.get_by_role("button", name="Bury until tomorrow").click()
    expect(page.get_by_text("Buried until tomorrow: it comes back")).to_be_visible()
    assert page.request.get("/api/v1/review/next").json()["card"]["card_id"] != first["card_id"]
    page.get_by_role("button", name="Unbury: practise it today").click()
    expect(page.get_by_role("button", name="Bury until tomorrow")).to_be_visible()
    assert page.request.get("/api/v1/review/next").json()["card"]["card_id"] == first["card_id"]


def _reveal(page: Page) -> None:
    page.get_by_role("button", name="Show answer").click()
    expect(page.get_by_role("heading", name="Model answer")).to_be_visible()


def test_practise_now_and_a_note_shown_with_the_answer(page: Page):
    page.goto("/practice")  # the deck exists once practice is opened
    page.goto("/questions/softmax-and-relu")
    page.get_by_role("link", name="Practise this question now").click()
    expect(page.locator(".prompt-body")).to_have_text(PROMPT)
    _reveal(page)
    page.get_by_text("Write a note").click()
    page.get_by_label("Your note").fill("Softmax: subtract the max <first>.\nReLU: max(0, x).")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_role("status").filter(has_text="Note saved.")).to_be_visible()
    note = page.locator(".personal-note")
    expect(note).to_have_text("Softmax: subtract the max <first>.\nReLU: max(0, x).")
    page.get_by_text("Edit your note").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("^Good")).click()
    expect(page.get_by_role("status").filter(has_text="Recorded Good")).to_be_visible()
    expect(page.locator(".prompt-body")).not_to_have_text(PROMPT)  # the queue goes on
    page.goto("/questions/softmax-and-relu")
    expect(page.get_by_label("Your note")).to_have_value(
        "Softmax: subtract the max <first>.\nReLU: max(0, x)."
    )
    page.get_by_role("link", name="Practise this question now").click()
    expect(page.locator(".prompt-body")).to_have_text(PROMPT)
    _reveal(page)
    expect(page.get_by_role("heading", name="Your note")).to_be_visible()
    expect(page.locator(".personal-note")).to_contain_text("subtract the max <first>.")


def test_bury_on_the_practice_page_shows_the_next_card(page: Page):
    page.goto("/practice?kind=text")
    prompt = page.locator(".prompt-body").inner_text()
    _reveal(page)
    page.get_by_role("button", name="Bury until tomorrow").click()
    expect(page.get_by_role("status").filter(has_text="Buried until tomorrow")).to_be_visible()
    expect(page.locator(".prompt-body")).not_to_have_text(prompt)
    page.get_by_role("button", name="Unbury it").click()
    expect(page.get_by_role("status").filter(has_text="Unburied")).to_be_visible()
    expect(page.locator(".prompt-body")).to_have_text(prompt)


def test_a_flag_from_practice_reaches_the_admin_queue(
    page: Page, browser: Browser, live_server: LiveServer, session
):
    page.goto("/practice?kind=text")
    prompt = page.locator(".prompt-body").inner_text()
    _reveal(page)
    page.get_by_text("Report an error").click()
    page.get_by_label("What is wrong?").fill("The <b>second</b> key point contradicts the answer.")
    page.get_by_role("button", name="Send to the admins").click()
    expect(page.get_by_role("status").filter(has_text="sent to the admins")).to_be_visible()
    expect(page.get_by_role("heading", name="Model answer")).to_be_visible()  # still to rate
    make_admin(session)
    context = browser.new_context(base_url=live_server.url)
    admin = context.new_page()
    admin.goto("/login?next=/admin/flags")
    admin.get_by_label("Email").fill(ADMIN_EMAIL)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_role("heading", name="Flagged errors")).to_be_visible()
    expect(admin.get_by_role("link", name="Flags")).to_have_attribute("aria-current", "page")
    row = admin.get_by_role("row").filter(has_text="contradicts the answer")
    expect(row.get_by_text("The <b>second</b> key point contradicts the answer.")).to_be_visible()
    expect(row.get_by_role("link", name=prompt)).to_be_visible()
    expect(row.get_by_text("a guest")).to_be_visible()
    assert axe_violations(admin) == []
    row.get_by_role("button", name=re.compile("Mark resolved")).click()
    expect(admin.get_by_text("No open flags.")).to_be_visible()
    context.close()


def test_practice_actions_work_without_javascript(browser: Browser, live_server: LiveServer):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    assert context.request.post(f"{live_server.url}/api/v1/auth/guest").ok
    page = context.new_page()
    page.goto("/practice?kind=text")
    prompt = page.locator(".prompt-body").inner_text()
    page.get_by_role("button", name="Show answer").click()
    expect(page.get_by_role("heading", name="Model answer")).to_be_visible()
    page.get_by_text("Write a note").click()
    page.get_by_label("Your note").fill("no script needed")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_role("status").filter(has_text="Note saved.")).to_be_visible()
    expect(page.locator(".personal-note")).to_have_text("no script needed")
    page.get_by_role("button", name="Bury until tomorrow").click()
    expect(page.get_by_role("status").filter(has_text="Buried until tomorrow")).to_be_visible()
    expect(page.locator(".prompt-body")).not_to_have_text(prompt)
    context.close()
