"""The learner's guide passes axe, light and dark, and fits a phone."""

import pytest
from playwright.sync_api import Page

from tests.e2e.test_accessibility import check

pytestmark = [pytest.mark.e2e, pytest.mark.guests_only]


def test_about_page_passes_axe_and_fits_a_phone(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        problems += check(page, "/about")
    assert problems == []
