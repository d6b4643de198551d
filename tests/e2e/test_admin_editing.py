"""An admin edits an answer in the browser (with live preview); a learner then sees the change."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.admin.helpers import ADMIN_EMAIL, PASSWORD, make_admin
from tests.e2e.conftest import wait_for_htmx

pytestmark = pytest.mark.e2e
NEW_ANSWER = "Convolution, pooling and **dense** layers; each filter has $k^2 C_{in}$ weights."


def test_admin_edits_an_answer_and_a_learner_sees_it(
    page: Page, browser: Browser, live_server, session
):
    make_admin(session)
    page.goto("/admin/questions")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Questions", exact=True)).to_be_visible()

    # The search swaps the results in with htmx: wait for that answer and for the swap to
    # settle, or the click may land on a row that is being replaced.
    with page.expect_response(lambda response: "q=cnn-layers" in response.url):
        page.get_by_label("Search").fill("cnn-layers")
    wait_for_htmx(page)
    page.get_by_role("link", name="cnn-layers", exact=True).click()
    expect(page.get_by_role("heading", name="Edit cnn-layers")).to_be_visible()

    page.get_by_label("Model answer").fill(NEW_ANSWER)
    preview = page.locator("#preview")
    expect(preview.locator("strong", has_text="dense")).to_be_visible()
    expect(preview.locator(".katex").first).to_be_visible()  # math rendered as learners see it
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Saved as version 2.")
    expect(page.get_by_label("Model answer")).to_have_value(NEW_ANSWER)

    learner = browser.new_context(base_url=live_server.url)
    learner_page = learner.new_page()
    errors: list[str] = []
    learner_page.on("pageerror", lambda error: errors.append(str(error)))
    learner_page.goto("/questions/cnn-layers")
    answer = learner_page.get_by_role("region", name="Model answer")
    expect(answer.locator("strong", has_text="dense")).to_be_visible()
    expect(answer.locator(".katex").first).to_be_visible()
    learner.close()
    assert errors == []


def test_admin_stale_save_in_two_tabs_shows_the_conflict_page(page: Page, live_server, session):
    make_admin(session)
    page.goto("/login?next=/admin/questions/cnn-layers")
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Edit cnn-layers")).to_be_visible()
    second = page.context.new_page()
    second.goto("/admin/questions/cnn-layers")
    second.get_by_label("Model answer").fill("Saved first, in the other tab.")
    second.get_by_role("button", name="Save", exact=True).click()
    expect(second.get_by_role("status")).to_have_text("Saved as version 2.")
    second.close()

    page.get_by_label("Model answer").fill("Typed here, not to be lost.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Someone saved"))).to_be_visible()
    expect(page.get_by_label("Model answer")).to_have_value("Typed here, not to be lost.")
    expect(page.get_by_text("Saved first, in the other tab.").first).to_be_visible()
    page.get_by_role("button", name=re.compile("Save my version")).click()
    expect(page.get_by_role("status")).to_have_text("Saved as version 3.")
