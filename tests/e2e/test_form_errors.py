"""Every form's error is shown by its field and in a focused role=alert summary, what was typed
is kept, and without JavaScript the same message comes back in the page."""

import pytest
from playwright.sync_api import Browser, Page, expect

from app.dev.server import LiveServer

pytestmark = pytest.mark.e2e
ADA = {"email": "ada@example.com", "password": "correct horse battery"}


def _expect_error(page: Page, field: str, text: str) -> None:
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(text, ignore_case=True)
    expect(summary).to_be_focused()
    box = page.locator(f"#{field}")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{field}-error")).to_contain_text(text)
    assert f"{field}-error" in (box.get_attribute("aria-describedby") or "")


def _register_through_api(page: Page) -> None:
    page.goto("/login")
    assert page.request.post("/api/v1/auth/register", data=ADA).ok


def test_login_and_register_errors_are_shown_focused_and_keep_the_email(page: Page):
    _register_through_api(page)
    page.context.clear_cookies()
    page.goto("/login")
    page.get_by_label("Email").fill(ADA["email"])
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    _expect_error(page, "password", "Wrong email or password")
    expect(page.get_by_label("Email")).to_have_value(ADA["email"])

    page.goto("/register")
    page.get_by_label("Email").fill(ADA["email"])
    page.get_by_label("Password").fill("another long password")
    page.get_by_role("button", name="Register").click()
    _expect_error(page, "email", "already exists")
    expect(page.get_by_label("Email")).to_have_value(ADA["email"])
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.get_by_label("Email")).to_be_focused()


def test_settings_errors_time_zone_and_current_password(page: Page):
    _register_through_api(page)
    page.goto("/settings")
    page.get_by_label("New cards per day").fill("7")
    # the list offers only IANA names; a hostile or stale form can still send another
    page.get_by_label("Time zone").evaluate(
        "s => s.add(new Option('Berlin', 'Berlin', true, true))"
    )
    page.get_by_role("button", name="Save").click()
    _expect_error(page, "timezone", "Unknown time zone 'Berlin'")
    expect(page.get_by_label("New cards per day")).to_have_value("7")
    expect(page.get_by_label("Time zone")).to_have_value("Berlin")

    page.get_by_label("Current password").fill("not the password")
    page.get_by_label("New password").fill("a brand new password")
    page.get_by_role("button", name="Change password").click()
    _expect_error(page, "current_password", "Does not match")
    expect(page.get_by_role("alert")).not_to_contain_text("current_password")


def test_without_javascript_the_message_comes_back_in_the_page(
    browser: Browser, live_server: LiveServer
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong email or password")
    expect(page.locator("#password-error")).to_contain_text("Wrong email or password")
    expect(page.get_by_label("Email")).to_have_value("nobody@example.com")
    context.close()


def test_numeric_box_ignores_empty_enter_and_keeps_a_misformatted_answer(page: Page):
    _register_through_api(page)
    page.goto("/practice?kind=numeric")
    box = page.get_by_label("Your answer")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Worked solution")).to_have_count(0)
    box.fill("1,2,,3")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Your answer")).to_have_value("1,2,,3")
    expect(page.get_by_label("Your answer")).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="I don't know — show the solution").click()
    expect(page.get_by_role("heading", name="Worked solution")).to_be_visible()
