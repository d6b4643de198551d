"""axe-core on the admin pages, light and dark, and nothing wider than a phone screen."""

import pytest
from playwright.sync_api import Page, expect

from tests.admin.helpers import ADMIN_EMAIL, PASSWORD, make_admin
from tests.e2e.test_accessibility import axe_violations, check

pytestmark = pytest.mark.e2e

ADMIN_PAGES = [
    "/admin",
    "/admin/questions",
    "/admin/questions?topic=cnn&correction=yes",
    "/admin/questions/new",
    "/admin/questions/cnn-layers",
    "/admin/questions/conv-output-size",
    "/admin/questions/cnn-layers/history",
    "/admin/templates/conv2d/variants?seed=1",
    "/admin/users",
    "/admin/audit",
    "/admin/bank",
    "/admin/flags",
]


def _log_in_and_save_once(page: Page, session) -> None:
    from app.models import ErrorFlag
    from tests.factories import T0

    admin = make_admin(session)
    # one open flag, so the flag queue has a row
    session.add(
        ErrorFlag(user_id=admin.id, question_id="cnn-layers", note="A typo.", created_at=T0)
    )
    session.commit()
    page.goto("/login?next=/admin/questions/cnn-layers")
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Note for the history (optional)").fill("a note")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Saved as version 2.")


def _pages(session) -> list[str]:
    from app.models import Question

    templated = next(q.id for q in session.query(Question).order_by(Question.id) if q.templates)
    return [p.replace("conv-output-size", templated) for p in ADMIN_PAGES]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_admin_pages_pass_axe(page: Page, session, scheme: str):
    _log_in_and_save_once(page, session)
    page.emulate_media(color_scheme=scheme)
    problems = [problem for path in _pages(session) for problem in check(page, path)]
    # the conflict page: a save based on version 1 after version 2 was saved
    page.goto("/admin/questions/cnn-layers")
    page.evaluate("document.querySelector('#question-form input[name=version]').value = '1'")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.get_by_role("heading", name="Someone saved cnn-layers while you were editing")
    ).to_be_visible()
    problems += [f"conflict page: {v}" for v in axe_violations(page)]
    problems += [f"bank preview: {v}" for v in _bank_preview_problems(page)]
    assert problems == []


def _bank_preview_problems(page: Page) -> list[str]:
    """axe and overflow on the upload preview: changed, new, retired and removed questions."""
    from tests.web.test_admin_import_diff import edit_for_every_kind_of_change, topic_file

    page.goto("/admin/bank")
    text = topic_file(edit_for_every_kind_of_change)
    upload = {"name": "cnn.yaml", "mimeType": "application/x-yaml", "buffer": text.encode()}
    page.set_input_files("#files", files=[upload])
    page.get_by_role("button", name="Preview changes").click()
    expect(page.get_by_role("heading", name="What cnn.yaml would change")).to_be_visible()
    expect(page.locator(".diff-field").first).to_be_visible()
    problems = axe_violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return problems + ([f"{overflow}px wider than the screen"] if overflow > 1 else [])


def test_admin_pages_fit_a_phone(page: Page, session):
    _log_in_and_save_once(page, session)
    page.set_viewport_size({"width": 375, "height": 740})
    problems = [problem for path in _pages(session) for problem in check(page, path)]
    problems += [f"bank preview: {v}" for v in _bank_preview_problems(page)]
    assert problems == []
