"""`make screenshots`: the main pages in light and dark mode, as PNGs in docs/screenshots/."""

import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from app.config import PROJECT_ROOT, Settings
from app.dev.browser import launch_chromium
from app.dev.server import start_server, stop_server
from app.startup import prepare_database

OUT = PROJECT_ROOT / "docs" / "screenshots"
PAGES = [
    ("home", "/"),
    ("questions", "/questions?topic=cnn"),
    ("question", "/questions/why-cnn-for-images"),
    ("drill", "/drill/conv2d?seed=7"),
    ("stats", "/stats"),
]


def _practise(page: Page, cards: int) -> None:
    page.goto("/practice?kind=text")
    for _ in range(cards):
        page.keyboard.press("Space")
        page.get_by_role("heading", name="Model answer").wait_for()
        page.keyboard.press("3")
        page.get_by_role("status").filter(has_text="Recorded").wait_for()


def capture(out: Path = OUT) -> list[Path]:
    """Serve a fresh database, practise a little, and photograph each page in both themes."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'shots.db'}"
        prepare_database(Settings(database_url=url))
        server = start_server(url)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for scheme in ("light", "dark"):
                    context = browser.new_context(
                        base_url=server.url,
                        viewport={"width": 1200, "height": 860},
                        color_scheme=scheme,
                    )
                    page = context.new_page()
                    # "Start practising": a GET of a page creates no guest (issue 12).
                    context.request.post(f"{server.url}/api/v1/auth/guest")
                    _practise(page, 3)
                    page.goto("/practice?kind=text")
                    page.keyboard.press("Space")
                    page.get_by_role("heading", name="Model answer").wait_for()
                    written.append(_shot(page, out / f"practice-{scheme}.png"))
                    for name, path in PAGES:
                        page.goto(path)
                        page.wait_for_load_state("networkidle")
                        written.append(_shot(page, out / f"{name}-{scheme}.png"))
                    context.close()
                browser.close()
        finally:
            stop_server(server)
    return written


def _shot(page: Page, path: Path) -> Path:
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(150)  # let KaTeX finish laying out
    page.screenshot(path=str(path), full_page=False)
    return path


if __name__ == "__main__":
    for written_path in capture():
        print(written_path.relative_to(PROJECT_ROOT))
