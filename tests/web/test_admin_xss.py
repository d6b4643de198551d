"""Content from admins cannot run in anyone's browser, and every page sends the safety headers.

Script payloads go into every editable field (prompt, answer, correction, key point labels and
phrases, topic titles) through the admin API and a bank upload; then every learner page that
shows them (and the admin pages) is scanned for an executable form of any of them.
"""

from html.parser import HTMLParser

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.models import Card, Question, User
from tests.admin.helpers import csrf, login_admin, login_learner
from tests.conftest import BANK_DIR

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>j</a>",
    "![i](javascript:alert(1))",
    '<iframe src="javascript:alert(1)"></iframe>',
    "[y](JaVaScRiPt:alert(1))",
    "<style>@import 'x'</style><body onload=alert(1)>",
    "$x$<script>alert(2)</script>$$y$$",
]
PROBE = " ".join(PAYLOADS)
TOPIC = "applied"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset"}


class _Scanner(HTMLParser):
    """Collects anything in a page that a browser would execute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            text = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name in URL_ATTRIBUTES and text.startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if "/static/" not in src:
                self.problems.append(f"inline <script> {attrs}")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")

    handle_startendtag = handle_starttag


def assert_inert(html: str, where: str) -> None:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    assert scanner.problems == [], f"{where}: {scanner.problems}"


def assert_safety_headers(response, where: str) -> None:
    headers = response.headers
    directives = {
        part.strip().split()[0]: part.strip().split()[1:]
        for part in headers["content-security-policy"].split(";")
        if part.strip()
    }
    assert "'unsafe-inline'" not in directives["script-src"], where
    assert "'unsafe-eval'" not in directives["script-src"], where
    assert directives["frame-ancestors"] == ["'none'"], where
    assert directives["object-src"] == ["'none'"], where
    assert headers["x-content-type-options"] == "nosniff", where
    assert headers["referrer-policy"] in (
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    ), where


def _plant(client: TestClient) -> list[str]:
    """Payloads in every editable field of the topic's questions; returns their ids."""
    items = client.get(f"/api/v1/admin/questions?topic={TOPIC}").json()["items"]
    ids = [item["id"] for item in items]
    for index, question_id in enumerate(ids):
        data = client.get(f"/api/v1/admin/questions/{question_id}").json()
        data.update(
            prompt=f"Q{index} {PROBE}",
            answer=f"{PROBE}\n\n- {PAYLOADS[1]}\n\n> {PAYLOADS[3]}\n\n```\n{PAYLOADS[0]}\n```",
            correction=PROBE,
            key_points=[
                {"label": payload[:300], "phrases": [payload, "re:<script>"]}
                for payload in PAYLOADS[:5]
            ],
        )
        if index == 0:
            data["siblings"] = (
                [*data["siblings"], ids[1]] if ids[1] not in data["siblings"] else data["siblings"]
            )
        response = client.put(f"/api/v1/admin/questions/{question_id}", json=data)
        assert response.status_code == 200, response.text
    _plant_topic_title(client)
    return ids


def _plant_topic_title(client: TestClient) -> None:
    text = (BANK_DIR / f"{TOPIC}.yaml").read_text()
    first_line = text.splitlines()[1]
    assert first_line.startswith("title: ")
    title = '"<script>alert(3)</script><img src=x onerror=alert(3)>"'
    files = [{"name": f"{TOPIC}.yaml", "text": text.replace(first_line, f"title: {title}", 1)}]
    preview = client.post("/api/v1/admin/bank/preview", json={"files": files}).json()
    assert preview["topics_changed"] == 1, preview
    applied = client.post(
        "/api/v1/admin/bank/import", json={"files": files, "token": preview["token"]}
    )
    assert applied.status_code == 200, applied.text


def _learner_pages(learner: TestClient, session, ids: list[str]) -> dict[str, str]:
    pages: dict[str, str] = {}

    def visit(url: str, response=None) -> None:
        response = response if response is not None else learner.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert_safety_headers(response, url)
        pages[url] = response.text

    for url in [
        "/",
        "/questions",
        f"/questions?topic={TOPIC}",
        "/questions?q=alert",
        "/practice",
        "/practice?topic=" + TOPIC,
        "/stats",
        "/drill",
        "/login",
        "/register",
    ]:
        visit(url)
    for question_id in ids:
        visit(f"/questions/{question_id}")
    user_id = learner.get("/api/v1/me").json()["id"]
    token = learner.get("/practice").text.split('name="csrf-token" content="')[1].split('"')[0]
    for question_id in ids:
        card = session.scalars(
            select(Card).where(Card.user_id == user_id, Card.question_id == question_id)
        ).one()
        reveal = learner.post(
            "/practice/reveal", data={"card_id": card.id, "answer": PROBE, "csrf_token": token}
        )
        visit(f"/practice/reveal#{question_id}", reveal)
        partial = learner.post(
            "/practice/reveal",
            data={"card_id": card.id, "answer": PROBE},
            headers={"X-CSRF-Token": token, "HX-Request": "true"},
        )
        visit(f"/practice/reveal (htmx) #{question_id}", partial)
    _mock_pages(learner, visit)
    return pages


def _mock_pages(learner: TestClient, visit) -> None:
    """Mock interview pages, where that feature is installed."""
    started = learner.post("/api/v1/mock", json={"topics": [TOPIC], "count": 3, "numeric": False})
    if started.status_code == 404:
        return
    assert started.status_code == 201, started.text
    interview = started.json()["id"]
    visit("/mock")
    visit(f"/mock/{interview}")
    assert learner.post(f"/api/v1/mock/{interview}/finish").status_code == 200
    visit(f"/mock/{interview}/report")


def test_admin_xss_probes_render_inert_on_every_learner_page(client, session):
    login_admin(client, session)
    ids = _plant(client)
    learner = TestClient(client.app)
    login_learner(learner)
    pages = _learner_pages(learner, session, ids)
    assert any(url.startswith("/mock/") for url in pages) or "/mock" not in str(
        client.app.openapi()
    )
    for url, html in pages.items():
        assert_inert(html, url)
    detail = pages[f"/questions/{ids[0]}"]
    # The payloads are there, as text: escaped, not dropped silently.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail
    assert "Correction to the source" in detail
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in pages["/questions"]
    assert any(
        "&lt;script&gt;" in html
        for url, html in pages.items()
        if url.startswith("/practice/reveal")
    )
    learner.close()


def test_admin_xss_probes_render_inert_on_admin_pages(client, session):
    login_admin(client, session)
    ids = _plant(client)
    token = csrf(client)
    urls = [
        "/admin",
        "/admin/questions",
        f"/admin/questions?topic={TOPIC}",
        "/admin/audit",
        "/admin/bank",
        "/admin/users",
        f"/admin/questions/{ids[0]}",
        f"/admin/questions/{ids[0]}/history",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safety_headers(response, url)
        assert_inert(response.text, url)
    preview = client.post(
        "/admin/preview",
        data={
            "prompt": PROBE,
            "answer": PROBE,
            "correction": PROBE,
            "kp_label": PAYLOADS[:5],
            "kp_phrases": PAYLOADS[:5],
        },
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
    )
    assert_inert(preview.text, "/admin/preview")
    stale = client.post(
        f"/admin/questions/{ids[0]}",
        data={
            "csrf_token": token,
            "version": 1,
            "topic": TOPIC,
            "difficulty": "easy",
            "prompt": PROBE,
            "answer": PROBE,
            "correction": PROBE,
            "siblings": "",
            "kp_label": PAYLOADS[:5],
            "kp_phrases": PAYLOADS[:5],
        },
    )
    assert stale.status_code == 409
    assert_inert(stale.text, "conflict page")


def test_admin_and_learner_pages_send_the_safety_headers(client, session):
    login_admin(client, session)
    for url in [
        "/admin",
        "/admin/questions",
        "/admin/bank",
        "/",
        "/questions",
        "/practice",
        "/api/v1/admin/questions?limit=1",
        "/healthz",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safety_headers(response, url)
    assert session.scalars(select(User)).first() is not None
    assert session.get(Question, "cnn-layers") is not None


def test_admin_xss_scanner_catches_executable_markup():
    for bad in [
        "<img src=x onerror=alert(1)>",
        '<a href=" JavaScript:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<svg><g onload="x"></g></svg>',
        '<iframe src="/"></iframe>',
    ]:
        scanner = _Scanner()
        scanner.feed(bad)
        assert scanner.problems, bad
    fine = _Scanner()
    fine.feed(
        '<script defer src="/static/js/app.js"></script><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    )
    assert fine.problems == []
