"""POST /api/v1/questions/{id}/grade: points with evidence, misconceptions, no state change."""

import pytest
from sqlalchemy import func, select

from app.models import Card, KeyPoint, Question, ReviewLog
from app.web.api import questions as questions_api
from app.web.throttle import RateLimited, SlidingWindow


def _with_misconception(session) -> Question:
    question = session.scalars(select(Question).order_by(Question.id)).first()
    point = question.key_points[0]
    point.misconceptions = [{"label": "Reversed claim", "phrases": ["zebra crossings"]}]
    session.commit()
    return question


def test_grade_reports_points_evidence_and_misconceptions(client, session):
    question = _with_misconception(session)
    first = question.key_points[0]
    client.post("/api/v1/auth/guest")
    answer = f"I would say that {first.label.lower()}, and also that zebra crossings matter here."
    response = client.post(f"/api/v1/questions/{question.id}/grade", json={"answer": answer})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [p["label"] for p in body["points"]] == [kp.label for kp in question.key_points]
    assert body["points"][0]["covered"] is False
    assert body["points"][0]["contradicted_by"] == "Reversed claim"
    assert body["misconceptions"] == [
        {"label": "Reversed claim", "evidence": "zebra crossings", "point": first.label}
    ]
    assert 0 <= body["score"] < 1 and body["makes_claims"] is True


def test_grade_changes_nothing_and_bounds_its_input(client, session):
    question = session.scalars(select(Question).order_by(Question.id)).first()
    client.post("/api/v1/auth/guest")
    counts = [session.scalar(select(func.count()).select_from(t)) for t in (Card, ReviewLog)]
    url = f"/api/v1/questions/{question.id}/grade"
    assert client.post(url, json={"answer": "Some answer of mine."}).status_code == 200
    assert [
        session.scalar(select(func.count()).select_from(t)) for t in (Card, ReviewLog)
    ] == counts
    too_long = client.post(url, json={"answer": "x" * 5001})
    assert too_long.status_code == 422 and "answer" in too_long.text
    assert client.post(url, json={}).status_code == 422
    missing = client.post("/api/v1/questions/no-such-question/grade", json={"answer": "a"})
    assert missing.status_code == 404


def test_grade_needs_a_session(client, session):
    question = session.scalars(select(Question)).first()
    response = client.post(f"/api/v1/questions/{question.id}/grade", json={"answer": "a"})
    assert response.status_code == 401


def test_grade_is_throttled_per_learner(client, session, monkeypatch):
    monkeypatch.setattr(questions_api, "GRADE_LIMIT", SlidingWindow(limit=2, window=60.0))
    question = session.scalars(select(Question)).first()
    client.post("/api/v1/auth/guest")
    url = f"/api/v1/questions/{question.id}/grade"
    statuses = [client.post(url, json={"answer": "an answer"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_sliding_window_forgets_old_calls():
    now = [0.0]
    window = SlidingWindow(limit=2, window=10.0, clock=lambda: now[0])
    window.hit("a")
    window.hit("a")
    window.hit("b")
    with pytest.raises(RateLimited) as caught:
        window.hit("a")
    assert caught.value.status == 429 and caught.value.retry_after == 10
    now[0] = 10.5
    window.hit("a")


def test_key_point_rows_keep_misconceptions(session):
    question = _with_misconception(session)
    session.expire_all()
    stored = session.get(KeyPoint, question.key_points[0].id)
    assert stored.misconceptions[0]["label"] == "Reversed claim"
