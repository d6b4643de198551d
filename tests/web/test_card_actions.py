"""The learner's card on the question page: history, suspend and resume, leech advice."""

import re

from app.models.review import Card
from app.srs import card_actions
from tests.factories import start_practising


def _token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_suspend_and_resume_from_the_question_page(client):
    start_practising(client)
    client.get("/practice")  # the deck exists once practice is opened
    page = client.get("/questions/softmax-and-relu").text
    assert "Your card" in page and "Suspend this card" in page
    card_id = re.search(r'action="/cards/(\d+)/suspend"', page).group(1)
    form = {"csrf_token": _token(page), "suspended": "true"}
    done = client.post(f"/cards/{card_id}/suspend", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/questions/")
    assert "Resume this card" in client.get("/questions/softmax-and-relu").text
    assert client.post("/cards/999999/suspend", data=form).status_code == 404
    assert client.post(f"/cards/{card_id}/suspend", data={"suspended": "x"}).status_code in (
        403,
        422,
    )


def test_history_newest_first_and_leech_at_eight_lapses(client, session):
    start_practising(client)
    html = client.get("/practice?kind=text").text
    card_id = int(re.search(r'name="card_id" value="(\d+)"', html).group(1))
    form = {"csrf_token": _token(html), "card_id": str(card_id), "rating": "1", "kind": "text"}
    client.post("/practice/review", data={**form, "idempotency_key": "a"})
    card = session.get(Card, card_id)
    assert card is not None
    card.lapses = card_actions.LEECH_LAPSES
    session.commit()
    page = client.get(f"/questions/{card.question_id}").text
    assert "Leech" in page and "forgotten this card 8 times" in page
    assert "Review history" in page and "<td>Again</td>" in page


def _card_of(page: str, action: str) -> str:
    return re.search(rf'action="/cards/(\d+)/{action}"', page).group(1)


def _practising(client):
    """A guest on the practice page: the CSRF token and the id of the text card shown."""
    start_practising(client)
    html = client.get("/practice?kind=text").text
    card_id = re.search(r'name="card_id" value="(\d+)"', html).group(1)
    return _token(html), card_id


def test_bury_from_the_question_page_takes_the_card_out_of_practice(client, session):
    token, card_id = _practising(client)
    qid = session.get(Card, int(card_id)).question_id
    form = {"csrf_token": token, "buried": "true"}
    done = client.post(f"/cards/{card_id}/bury", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/questions/{qid}#your-card"
    page = client.get(f"/questions/{qid}").text
    assert "Buried until tomorrow" in page and "Unbury" in page
    practice = client.get("/practice?kind=text").text
    assert f'name="card_id" value="{card_id}"' not in practice
    client.post(f"/cards/{card_id}/bury", data={**form, "buried": "false"})
    assert f'name="card_id" value="{card_id}"' in client.get("/practice?kind=text").text
    assert client.post("/cards/999999/bury", data=form).status_code == 404


def test_personal_note_is_bounded_escaped_and_shown_on_reveal(client, session):
    token, card_id = _practising(client)
    qid = session.get(Card, int(card_id)).question_id
    too_long = client.post(f"/cards/{card_id}/note", data={"csrf_token": token, "note": "x" * 2001})
    assert too_long.status_code == 422 and "note" in too_long.text
    note = "<script>alert(1)</script> remember the max trick"
    client.post(f"/cards/{card_id}/note", data={"csrf_token": token, "note": note})
    page = client.get(f"/questions/{qid}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; remember the max trick</textarea>" in page
    assert "<script>alert(1)" not in page
    shown = client.post("/practice/reveal", data={"csrf_token": token, "card_id": card_id}).text
    assert "Your note" in shown and "&lt;script&gt;alert(1)&lt;/script&gt; remember" in shown


def test_card_actions_on_someone_elses_card_are_404(client):
    from fastapi.testclient import TestClient

    _, card_id = _practising(client)
    other = TestClient(client.app)
    other_token, _ = _practising(other)
    for path, field in (("note", "note"), ("flag", "note"), ("bury", "buried")):
        value = "true" if field == "buried" else "mine now"
        sent = other.post(
            f"/cards/{card_id}/{path}", data={"csrf_token": other_token, field: value}
        )
        assert sent.status_code == 404, path
    for path, field in (
        ("note", "note"),
        ("flag", "note"),
        ("bury", "buried"),
        ("suspend", "suspended"),
    ):
        value = "true" if field in ("buried", "suspended") else "mine now"
        data = {"csrf_token": other_token, "card_id": card_id, field: value}
        assert other.post(f"/practice/{path}", data=data).status_code == 404, path
    other.close()


def test_flag_reaches_the_admin_queue_and_is_resolved(client, session):
    from fastapi.testclient import TestClient

    from tests.admin.helpers import csrf, login_admin

    token, card_id = _practising(client)
    qid = session.get(Card, int(card_id)).question_id
    blank = client.post(f"/cards/{card_id}/flag", data={"csrf_token": token, "note": "  "})
    assert blank.status_code == 422 and "note" in blank.text
    too_long = client.post(f"/cards/{card_id}/flag", data={"csrf_token": token, "note": "y" * 4001})
    assert too_long.status_code == 422 and "note" in too_long.text
    note = "The <img src=x onerror=alert(1)> gradient sign is wrong"
    client.post(f"/cards/{card_id}/flag", data={"csrf_token": token, "note": note})
    assert "You reported an error" in client.get(f"/questions/{qid}").text
    assert client.get("/admin/flags", follow_redirects=False).status_code == 303  # a guest
    admin = TestClient(client.app)
    login_admin(admin, session)
    queue_page = admin.get("/admin/flags").text
    assert f'href="/admin/questions/{qid}"' in queue_page
    assert "The &lt;img src=x onerror=alert(1)&gt; gradient sign is wrong" in queue_page
    assert "a guest" in queue_page and 'href="/admin/flags" aria-current="page"' in queue_page
    flag_id = re.search(r'action="/admin/flags/(\d+)/resolve"', queue_page).group(1)
    refused = admin.post(f"/admin/flags/{flag_id}/resolve", data={"resolved": "true"})
    assert refused.status_code == 403  # no CSRF token
    data = {"csrf_token": csrf(admin), "resolved": "true"}
    assert admin.post(f"/admin/flags/{flag_id}/resolve", data=data).status_code == 200
    assert "No open flags." in admin.get("/admin/flags").text
    assert "You reported an error" not in client.get(f"/questions/{qid}").text
    admin.close()


def test_learners_cannot_see_the_flag_queue(client):
    from tests.admin.helpers import login_learner

    login_learner(client)
    assert client.get("/admin/flags").status_code == 403


def test_practise_now_shows_that_question_first(client, session):
    start_practising(client)
    usual = client.get("/practice").text
    usual_id = re.search(r'name="card_id" value="(\d+)"', usual).group(1)
    page = client.get("/questions/softmax-and-relu").text
    assert 'href="/practice?question=softmax-and-relu"' in page
    chosen = client.get("/practice?question=softmax-and-relu").text
    card_id = re.search(r'name="card_id" value="(\d+)"', chosen).group(1)
    assert session.get(Card, int(card_id)).question_id == "softmax-and-relu"
    assert card_id != usual_id
    assert client.get("/practice?question=" + "z" * 81).status_code == 422


def test_practice_page_actions_after_reveal(client):
    token, card_id = _practising(client)
    base = {"csrf_token": token, "card_id": card_id, "kind": "text"}
    shown = client.post("/practice/reveal", data=base).text
    for action in ("/practice/note", "/practice/flag", "/practice/bury", "/practice/suspend"):
        assert f'action="{action}"' in shown
    noted = client.post("/practice/note", data={**base, "note": "softmax: subtract the max"})
    assert noted.status_code == 200 and "Note saved." in noted.text
    assert "softmax: subtract the max</p>" in noted.text  # still on the answer, note shown
    assert 'name="rating"' in noted.text
    bad = client.post("/practice/note", data={**base, "note": "x" * 2001})
    assert bad.status_code == 422 and "note: at most 2000 characters" in bad.text
    assert 'name="rating"' in bad.text  # the answer is still there to rate
    flagged = client.post("/practice/flag", data={**base, "note": "typo in the answer"})
    assert "sent to the admins" in flagged.text and 'name="rating"' in flagged.text
    buried = client.post("/practice/bury", data={**base, "buried": "true"}).text
    assert "Buried until tomorrow" in buried and "Unbury it" in buried
    assert f'name="card_id" value="{card_id}"' in buried  # only in the unbury form
    assert buried.count(f'name="card_id" value="{card_id}"') == 1
    back = client.post("/practice/bury", data={**base, "buried": "false"}).text
    assert re.search(r'name="card_id" value="(\d+)"', back).group(1) == card_id


def test_my_data_holds_the_notes_and_flags(client):
    token, card_id = _practising(client)
    client.post(f"/cards/{card_id}/note", data={"csrf_token": token, "note": "my own words"})
    client.post(f"/cards/{card_id}/flag", data={"csrf_token": token, "note": "a typo"})
    data = client.get("/api/v1/me/data").json()
    assert [c["note"] for c in data["cards"] if c["id"] == int(card_id)] == ["my own words"]
    assert [f["note"] for f in data["error_flags"]] == ["a typo"]


def test_a_drill_flag_links_to_its_variants_page(client, session):
    from fastapi.testclient import TestClient

    from tests.admin.helpers import login_admin

    start_practising(client)
    html = client.get("/practice?kind=numeric").text
    card_id = re.search(r'name="card_id" value="(\d+)"', html).group(1)
    template_id = session.get(Card, int(card_id)).template_id
    data = {"csrf_token": _token(html), "card_id": card_id, "kind": "numeric", "give_up": "1"}
    shown = client.post("/practice/reveal", data=data).text
    assert 'action="/practice/suspend"' not in shown  # a drill has no page to resume it from
    sent = client.post("/practice/flag", data={**data, "note": "the units are off"})
    assert sent.status_code == 200 and "sent to the admins" in sent.text
    admin = TestClient(client.app)
    login_admin(admin, session)
    page = admin.get("/admin/flags").text
    assert f'href="/admin/templates/{template_id}/variants"' in page and "the units are off" in page
    admin.close()
