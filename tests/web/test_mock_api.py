"""The mock-interview API: server time, no answer key before answering, 409s, 404s, report."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.engine import format_answer, generate
from app.models import MockItem, Question
from tests.factories import T0
from tests.mock.helpers import GOOD_ANSWERS, Clock

# Names that would give the answer away before an item is answered or timed out.
KEY_FIELDS = {
    "answer", "model_answer", "key_points", "expected", "explanation", "seed",
    "points_hit", "points_missed", "correct", "auto_score", "question_id",
}  # fmt: skip


@pytest.fixture
def clock(client):
    clock = Clock()
    client.app.state.clock = clock
    client.post("/api/v1/auth/guest")
    return clock


def _create(client, **body):
    response = client.post("/api/v1/mock", json={"seconds_per_question": 60, **body})
    assert response.status_code == 201, response.text
    return response.json()


def _keys(value):
    """Every key anywhere in a JSON document."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _items(sessions, interview_id):
    with sessions() as s:
        return {
            row.position: row
            for row in s.scalars(select(MockItem).where(MockItem.interview_id == interview_id))
        }


def _key_texts(sessions, item):
    """Pieces of the answer key of ``item`` that must not appear in a response."""
    if item.template_id:
        return [generate(item.template_id, item.seed).explanation]
    with sessions() as s:
        question = s.get(Question, item.question_id)
        return [question.answer[:60], *(kp.label for kp in question.key_points)]


def test_mock_api_needs_a_session(client):
    assert client.post("/api/v1/mock", json={}).status_code == 401
    assert client.get("/api/v1/mock").status_code == 401
    assert client.get("/api/v1/mock/1/current").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"count": 0}, {"count": 31}, {"seconds_per_question": 4}, {"seconds_per_question": 901},
        {"topics": ["no-such-topic"]}, {"numeric": "sometimes"}, {"colour": "red"},
    ],
)  # fmt: skip
def test_mock_create_refuses_bad_settings(client, clock, body):
    response = client.post("/api/v1/mock", json=body)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_mock_create_returns_201_with_id_count_and_start(client, clock):
    body = _create(client, topics=["rnn", "cnn"], count=5, numeric=False)
    assert body["count"] == 5 and body["topics"] == ["cnn", "rnn"]
    assert datetime.fromisoformat(body["started_at"]) == T0
    defaults = client.post("/api/v1/mock", json={}).json()
    assert defaults["count"] == 10 and defaults["seconds_per_question"] == 120


def test_mock_no_answer_key_before_answering(client, clock, sessions):
    """Walk every response up to each answer: no key names, no key texts."""
    created = client.post(
        "/api/v1/mock", json={"topics": ["cnn"], "count": 30, "seconds_per_question": 60}
    )
    interview = created.json()
    items = _items(sessions, interview["id"])
    assert {bool(i.template_id) for i in items.values()} == {True, False}  # both kinds asked
    responses = [created, client.get("/api/v1/mock")]
    for index in range(interview["count"]):
        current = client.post(f"/api/v1/mock/{interview['id']}/current")
        again = client.get(f"/api/v1/mock/{interview['id']}/current")  # a reload
        page = client.get(f"/mock/{interview['id']}")
        for response in (*responses, current, again):
            assert not KEY_FIELDS & set(_keys(response.json())), response.json()
        for text in _key_texts(sessions, items[index]):
            for response in (*responses, current, again, page):
                assert text not in response.text, (index, text)
        body = current.json()
        assert body["index"] == index and body["prompt"]
        if items[index].template_id:
            assert body["template"] == items[index].template_id and body["variant"]["params"]
        clock.advance(seconds=5)
        item = items[index]
        text = (
            format_answer(generate(item.template_id, item.seed).answer) if item.template_id else "1"
        )
        responses = [
            client.post(
                f"/api/v1/mock/{interview['id']}/answer", json={"index": index, "answer": text}
            )
        ]
        assert responses[0].status_code == 200 and not KEY_FIELDS & set(_keys(responses[0].json()))
    assert client.get("/api/v1/mock").json()["items"][0]["score"] is not None  # finished
    report = client.get(f"/api/v1/mock/{interview['id']}/report").json()
    assert all(item["model_answer"] for item in report["items"])  # now it may be seen


def test_mock_current_deadline_is_server_time_and_survives_a_reload(client, clock):
    interview = _create(client, count=2)
    clock.advance(minutes=3)  # the clock starts when the item is shown, not at creation
    first = client.post(f"/api/v1/mock/{interview['id']}/current").json()
    shown = T0 + timedelta(minutes=3)
    assert datetime.fromisoformat(first["deadline"]) == shown + timedelta(seconds=60)
    assert first["seconds_left"] == 60
    clock.advance(seconds=42)
    again = client.get(f"/api/v1/mock/{interview['id']}/current").json()  # a reload
    assert (again["index"], again["deadline"], again["prompt"]) == (
        0,
        first["deadline"],
        first["prompt"],
    )
    assert again["seconds_left"] == 18
    assert datetime.fromisoformat(again["server_now"]) == clock.now


@pytest.mark.parametrize(
    ("after", "timed_out"),
    [(30, False), (61.5, False), (62, False), (62.01, True), (600, True)],
)
def test_mock_answer_in_time_inside_grace_and_after(client, clock, after, timed_out):
    interview = _create(client, topics=["regularisation"], count=2, numeric=False)
    client.post(f"/api/v1/mock/{interview['id']}/current")
    clock.advance(seconds=after)
    response = client.post(
        f"/api/v1/mock/{interview['id']}/answer", json={"index": 0, "answer": "my answer"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "index": 0,
        "accepted": not timed_out,
        "timed_out": timed_out,
        "finished": False,
    }


def test_mock_second_answer_is_409(client, clock):
    interview = _create(client, count=2, numeric=False)
    client.post(f"/api/v1/mock/{interview['id']}/current")
    url = f"/api/v1/mock/{interview['id']}/answer"
    assert client.post(url, json={"index": 0, "answer": "one"}).status_code == 200
    second = client.post(url, json={"index": 0, "answer": "two"})
    assert second.status_code == 409 and "already answered" in second.json()["detail"]
    assert client.post(url, json={"index": 1, "answer": "not shown"}).status_code == 409
    assert client.post(url, json={"index": 5, "answer": "none"}).status_code == 404


def test_mock_another_learner_gets_404(client, clock):
    interview = _create(client, count=2)
    client.post(f"/api/v1/mock/{interview['id']}/current")
    mine = client.cookies.get("bp_session")
    client.cookies.clear()
    client.post("/api/v1/auth/guest")
    base = f"/api/v1/mock/{interview['id']}"
    for method, path, body in [
        ("get", "/current", None), ("post", "/current", None), ("post", "/answer", {"index": 0, "answer": "x"}), ("post", "/finish", None),
        ("get", "/report", None), ("post", "/items/0/assessment", {"verdict": "got"}),
    ]:  # fmt: skip
        response = client.request(method.upper(), base + path, json=body)
        assert response.status_code == 404, path
    assert client.get("/api/v1/mock").json() == {"items": []}
    assert client.get(f"/mock/{interview['id']}").status_code == 404
    client.cookies.set("bp_session", mine)
    assert client.get(f"{base}/current").json()["index"] == 0


def test_mock_finish_report_and_assessment(client, clock, sessions):
    interview = _create(client, topics=["regularisation"], count=3, numeric=False)
    base = f"/api/v1/mock/{interview['id']}"
    assert client.get(f"{base}/report").status_code == 409  # still running
    first = client.post(f"{base}/current").json()
    question_id = _items(sessions, interview["id"])[0].question_id
    clock.advance(seconds=25)
    text = GOOD_ANSWERS.get(question_id, "I rescale, regularise and normalise.")
    client.post(f"{base}/answer", json={"index": first["index"], "answer": text})
    client.post(f"{base}/current")
    clock.advance(seconds=10)
    report = client.post(f"{base}/finish").json()
    assert client.post(f"{base}/finish").json() == report  # finishing twice changes nothing
    assert client.get(f"{base}/report").json() == report
    items = report["items"]
    assert [i["time_used_ms"] for i in items] == [25_000, 10_000, None]
    assert items[1]["skipped"] and items[2]["skipped"] and not items[2]["shown"]
    assert (
        items[0]["answer"] == text
        and items[0]["model_answer"]
        and items[0]["question_id"] == question_id
    )
    assert report["score"] == pytest.approx(items[0]["auto_score"] / 3, abs=1e-4)
    assert report["topics"] == [
        {
            "topic": "regularisation",
            "title": "Regularisation and normalisation",
            "count": 3,
            "score": report["score"],
        }
    ]
    assessed = client.post(f"{base}/items/0/assessment", json={"verdict": "partly"})
    assert assessed.status_code == 200 and assessed.json()["items"][0]["verdict"] == "partly"
    assert assessed.json()["score"] == pytest.approx(0.5 / 3, abs=1e-4)
    partly, skipped = assessed.json()["items"][:2]  # one verdict: "partly" is no miss
    assert partly["missed"] is False and partly["deck"] is None and partly["points_to_make"] == []
    assert skipped["missed"] and skipped["deck"] == "scheduled" and skipped["points_to_make"]
    assert (
        client.post(f"{base}/items/1/assessment", json={"verdict": "got"}).status_code == 409
    )  # skipped
    assert client.post(f"{base}/items/0/assessment", json={"verdict": "perfect"}).status_code == 422
    history = client.get("/api/v1/mock").json()["items"]
    assert [h["id"] for h in history] == [interview["id"]] and history[0][
        "score"
    ] == assessed.json()["score"]


def test_mock_misses_come_back_in_practice_today(client, clock, sessions):
    interview = _create(client, topics=["cnn"], count=2, numeric=True)
    base = f"/api/v1/mock/{interview['id']}"
    items = _items(sessions, interview["id"])
    client.post(f"{base}/current")
    if items[0].template_id:
        right = format_answer(generate(items[0].template_id, items[0].seed).answer)
    else:
        right = GOOD_ANSWERS.get(items[0].question_id, "")
    client.post(f"{base}/answer", json={"index": 0, "answer": right})
    client.post(f"{base}/current")
    clock.advance(seconds=90)  # item 1 runs out
    assert client.post(f"{base}/current").json() == {
        "id": interview["id"], "index": None, "finished": True, "count": 2, "started": False,
        **dict.fromkeys(["topic", "kind", "prompt", "template", "variant", "seconds_per_question",
                         "shown_at", "deadline", "server_now", "seconds_left"]),
    }  # fmt: skip
    report = client.get(f"{base}/report").json()
    assert report["items"][1]["timed_out"] and report["items"][1]["scheduled"]
    scheduled = {
        (items[i["index"]].question_id, items[i["index"]].template_id)
        for i in report["items"]
        if i["scheduled"]
    }
    following = client.get("/api/v1/review/next").json()
    card = following["card"]
    assert (card["question_id"], card["template"]) in scheduled
    assert card["state"] == 1 and following["counts"]["learning"] == len(scheduled)
    # Keys are scoped: a client sending the lapse's internal key gets a review of its own
    # (recorded once), and the interview's lapse is untouched.
    key = {"card_id": card["card_id"], "rating": 3, "idempotency_key": f"mock-{interview['id']}-1"}
    replay = client.post("/api/v1/review", json=key)
    assert replay.status_code == 200 and replay.json()["rating"] == 3
    assert client.post("/api/v1/review", json=key).json() == replay.json()
    assert client.get(f"{base}/report").json() == report
