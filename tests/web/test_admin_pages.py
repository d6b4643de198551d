"""The admin pages: access, edit form with preview, conflict page, history, users, bank upload."""

import re

from fastapi.testclient import TestClient

from app.admin.forms import QuestionForm
from app.models import Question
from tests.admin.helpers import csrf, login_admin, login_learner
from tests.conftest import BANK_DIR, bank_size

QID = "cnn-layers"
HTML = {"accept": "text/html"}


def _form(session, question_id: str = QID, **changes: object) -> dict[str, object]:
    form = QuestionForm.of(session.get(Question, question_id))
    data: dict[str, object] = {
        "version": form.version,
        "topic": form.topic,
        "difficulty": form.difficulty,
        "prompt": form.prompt,
        "answer": form.answer,
        "correction": form.correction,
        "siblings": form.siblings,
        "template": form.templates,
        "kp_label": [label for label, _ in form.key_points],
        "kp_phrases": [phrases for _, phrases in form.key_points],
    }
    data.update(changes)
    return data


def _post(client: TestClient, url: str, data: dict[str, object], **kw):
    return client.post(url, data={**data, "csrf_token": csrf(client)}, follow_redirects=False, **kw)


def test_admin_pages_send_anonymous_visitors_to_login_then_back(client, session):
    response = client.get("/admin/questions?q=relu", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fadmin%2Fquestions%3Fq%3Drelu"
    login_page = client.get(response.headers["location"])
    assert 'name="next" value="/admin/questions?q=relu"' in login_page.text


def test_admin_pages_show_learners_a_403_page(client):
    login_learner(client)
    response = client.get("/admin", headers=HTML)
    assert response.status_code == 403 and "admins only" in response.text
    assert "<h1>Not allowed</h1>" in response.text


def test_admin_dashboard_and_question_list_with_filters(client, session):
    login_admin(client, session)
    dashboard = client.get("/admin")
    assert (
        f"{bank_size()[0]}</span> questions" in dashboard.text
        and '/admin/questions/new"' in dashboard.text
    )
    listing = client.get("/admin/questions?topic=cnn&difficulty=easy")
    assert '/admin/questions/cnn-layers"' in listing.text and "<form" in listing.text
    partial = client.get("/admin/questions?q=different layers", headers={"HX-Request": "true"})
    assert (
        partial.text.startswith('<section id="admin-question-results"')
        and "cnn-layers" in partial.text
    )
    one = client.get("/admin/questions?q=cnn-layers&retired=no", headers={"HX-Request": "true"})
    assert "2 questions<" in one.text  # cnn-layers and cnn-layers-2
    with_correction = client.get(
        "/admin/questions?correction=yes", headers={"HX-Request": "true"}
    ).text
    without = client.get("/admin/questions?correction=no", headers={"HX-Request": "true"}).text
    total = lambda text: int(re.search(r"(\d+) questions?<", text).group(1))  # noqa: E731
    assert total(with_correction) + total(without) == bank_size()[0] and total(with_correction) > 0


def test_admin_edit_form_saves_and_learners_see_it(client, session):
    login_admin(client, session)
    page = client.get(f"/admin/questions/{QID}")
    assert 'name="version" value="1"' in page.text and '/admin/preview" hx-include' in page.text
    data = _form(
        session,
        answer="Convolution, **pooling** and $x^2$ layers.\r\nSecond line.",
        message="tighter",
    )
    response = _post(client, f"/admin/questions/{QID}", data)
    assert response.status_code == 303 and response.headers["location"].endswith(
        f"/admin/questions/{QID}?saved=2"
    )
    assert "Saved as version 2." in client.get(response.headers["location"]).text
    session.expire_all()
    assert (
        session.get(Question, QID).answer
        == "Convolution, **pooling** and $x^2$ layers.\nSecond line."
    )
    learner = TestClient(client.app)
    shown = learner.get(f"/questions/{QID}").text
    assert "<strong>pooling</strong>" in shown and "Second line." in shown
    learner.close()
    history = client.get(f"/admin/questions/{QID}/history").text
    assert "tighter" in history and "admin@example.com" in history and 'class="diff-add"' in history


def test_admin_unchanged_form_save_changes_no_content(client, session):
    login_admin(client, session)
    before = QuestionForm.of(session.get(Question, QID))
    assert _post(client, f"/admin/questions/{QID}", _form(session)).status_code == 303
    session.expire_all()
    after = QuestionForm.of(session.get(Question, QID))
    assert (after.prompt, after.answer, after.key_points, after.siblings) == (
        before.prompt,
        before.answer,
        before.key_points,
        before.siblings,
    )


def test_admin_stale_form_save_shows_both_versions_and_keeps_the_typed_text(client, session):
    login_admin(client, session)
    theirs = _form(session, answer="Their answer, saved first.")
    mine = _form(session, answer="My answer <typed> by hand.", prompt="My prompt?")
    assert _post(client, f"/admin/questions/{QID}", theirs).status_code == 303
    conflict = _post(client, f"/admin/questions/{QID}", mine)
    assert conflict.status_code == 409
    text = conflict.text
    assert "My answer &lt;typed&gt; by hand." in text and "My prompt?" in text
    assert "Their answer, saved first." in text
    assert 'name="version" value="2"' in text  # saving again goes over version 2, knowingly
    assert '<span class="diff-del">-answer: Their answer, saved first.</span>' in text
    assert '<span class="diff-add">+answer: My answer &lt;typed&gt; by hand.</span>' in text
    again = _post(client, f"/admin/questions/{QID}", {**mine, "version": 2})
    assert again.status_code == 303
    session.expire_all()
    assert session.get(Question, QID).answer == "My answer <typed> by hand."


def test_admin_invalid_form_is_shown_again_with_the_message(client, session):
    login_admin(client, session)
    data = _form(session, answer="Kept text.", siblings="no-such-question")
    response = _post(client, f"/admin/questions/{QID}", data)
    assert response.status_code == 422
    assert "siblings: unknown question id &#39;no-such-question&#39;" in response.text
    assert "Kept text." in response.text and 'role="alert"' in response.text
    too_long = _post(client, f"/admin/questions/{QID}", _form(session, correction="x" * 2001))
    assert (
        too_long.status_code == 422
        and "correction: String should have at most 2000" in too_long.text
    )


def test_admin_new_question_form_creates_one(client, session):
    login_admin(client, session)
    assert 'name="id"' in client.get("/admin/questions/new").text
    data = _form(
        session,
        id="",
        prompt="Why do residual connections help?",
        answer="Gradients flow.",
        correction="",
        siblings="",
        template=[],
        version="",
        kp_label=["Identity path", "Deeper nets", "", "", ""],
        kp_phrases=["identity", "deep", "", "", ""],
    )
    response = _post(client, "/admin/questions/new", data)
    assert response.status_code == 303, response.text
    assert response.headers["location"].endswith(
        "/admin/questions/why-do-residual-connections-help?saved=1"
    )
    assert session.get(Question, "why-do-residual-connections-help").topic == "cnn"


def test_admin_preview_renders_markdown_and_math_safely(client, session):
    login_admin(client, session)
    data = {
        "prompt": "What is $\\sigma(x)$?",
        "answer": "**Bold** <script>alert(1)</script>",
        "correction": "",
        "kp_label": ["A *point*"],
        "kp_phrases": ["p"],
    }
    response = client.post(
        "/admin/preview", data=data, headers={"X-CSRF-Token": csrf(client), "HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in response.text and '<span class="math' in response.text
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text
    assert "<em>point</em>" in response.text


def test_admin_template_variants_preview_on_the_edit_page(client, session):
    login_admin(client, session)
    linked = next(q for q in session.query(Question).order_by(Question.id) if q.templates)
    page = client.get(f"/admin/questions/{linked.id}").text
    assert page.count('class="variant-answer"') == 5 * len(linked.templates)
    more = client.get(
        f"/admin/templates/{linked.templates[0]}/variants?seed=3", headers={"HX-Request": "true"}
    )
    assert more.text.startswith('<section class="admin-variants"') and "(seed 7)" in more.text


def test_admin_retire_restore_and_revert_through_forms(client, session):
    login_admin(client, session)
    retired = _post(client, f"/admin/questions/{QID}/retire", {"version": 1})
    assert retired.status_code == 303
    assert "Restore this question" in client.get(retired.headers["location"]).text
    stale = _post(client, f"/admin/questions/{QID}/restore", {"version": 1}, headers=HTML)
    assert stale.status_code == 409 and "version 1" in stale.text
    assert _post(client, f"/admin/questions/{QID}/restore", {"version": 2}).status_code == 303
    history = client.get(f"/admin/questions/{QID}/history?show=2").text
    assert "Revert to version 1" in history and "+retired: true" in history
    reverted = _post(client, f"/admin/questions/{QID}/revert", {"version": 3, "revision": 2})
    assert reverted.status_code == 303 and reverted.headers["location"].endswith("saved=4")
    session.expire_all()
    assert session.get(Question, QID).retired is False  # revert restores content, not retirement
    stale_revert = _post(client, f"/admin/questions/{QID}/revert", {"version": 3, "revision": 1})
    assert stale_revert.status_code == 409 and 'role="alert"' in stale_revert.text


def test_admin_users_page_promotes_and_refuses_to_drop_the_last_admin(client, session):
    admin = login_admin(client, session)
    other = TestClient(client.app)
    learner = login_learner(other)
    page = client.get("/admin/users").text
    assert "learner@example.com" in page and "Make admin" in page
    promoted = _post(client, f"/admin/users/{learner['id']}", {"action": "promote"})
    assert promoted.status_code == 200 and "learner@example.com: promoted." in promoted.text
    assert other.get("/admin").status_code == 200
    _post(client, f"/admin/users/{learner['id']}", {"action": "demote"})
    last = _post(client, f"/admin/users/{admin.id}", {"action": "disable"})
    assert last.status_code == 409 and "last admin" in last.text
    audit = client.get("/admin/audit?action=user.").text
    assert "user.promote" in audit and "user.demote" in audit
    other.close()


def test_admin_bank_upload_preview_then_apply(client, session):
    login_admin(client, session)
    token = csrf(client)
    text = (
        (BANK_DIR / "cnn.yaml")
        .read_text()
        .replace(
            "prompt: What are the different layers in a CNN?",
            "prompt: Which layers make up a CNN?",
            1,
        )
    )
    preview = client.post(
        "/admin/bank/preview",
        data={"csrf_token": token},
        files={"files": ("cnn.yaml", text.encode(), "application/x-yaml")},
    )
    assert preview.status_code == 200
    assert (
        f"1 changed, {bank_size()[0] - 1} unchanged" in preview.text
        and "Apply these changes" in preview.text
    )
    token_value = re.search(r'name="token" value="([0-9a-f]+)"', preview.text).group(1)
    applied = client.post(
        "/admin/bank/apply",
        data={
            "csrf_token": token,
            "token": token_value,
            "file_name": "cnn.yaml",
            "file_text": text.replace("\n", "\r\n"),
        },
    )
    assert applied.status_code == 200 and "Applied cnn.yaml" in applied.text
    session.expire_all()
    assert session.get(Question, QID).prompt == "Which layers make up a CNN?"
    bad = client.post(
        "/admin/bank/preview",
        data={"csrf_token": token},
        files={
            "files": (
                "cnn.yaml",
                text.replace("difficulty: easy", "difficulty: simple", 1).encode(),
            )
        },
    )
    assert bad.status_code == 422 and "cnn.yaml:8:" in bad.text
    download = client.get("/admin/bank/export")
    assert download.headers["content-type"] == "application/zip" and download.content[:2] == b"PK"
