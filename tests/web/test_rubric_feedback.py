"""Practice and mock show the grader's result: evidence, missed points, wrong claims."""

import re

from app.mock.grading import grade_text
from app.models import Card, Question
from tests.factories import start_practising


def _token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_practice_reveal_shows_evidence_missed_points_and_wrong_claims(client, session):
    start_practising(client)
    html = client.get("/practice?kind=text").text
    card_id = int(re.search(r'name="card_id" value="(\d+)"', html).group(1))
    question = session.get(Question, session.get(Card, card_id).question_id)
    first, second = question.key_points[0], question.key_points[1]
    second.misconceptions = [{"label": "The moon is cheese", "phrases": ["moon is cheese"]}]
    session.commit()
    answer = f"In short: {first.label}. Also the moon is cheese, as everyone knows."
    response = client.post(
        "/practice/reveal",
        data={"card_id": card_id, "answer": answer, "csrf_token": _token(html)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    text = response.text
    assert "You said “moon is cheese”: The moon is cheese." in text
    assert "In fact: " in text and "made 1 wrong claim" in text
    assert "Missed:</span> " in text and "— you said “" in text


def test_mock_text_grade_keeps_the_graders_result_for_the_report(session):
    question = session.get(Question, "dropout")
    question.key_points[0].misconceptions = [
        {"label": "Dropout is for test time", "phrases": ["dropout at test time"]}
    ]
    grade = grade_text(question, "We apply dropout at test time to average models, always.")
    assert grade.rubric is not None
    assert grade.rubric["misconceptions"][0]["label"] == "Dropout is for test time"
    assert grade.rubric["points"][0]["covered"] is False
    assert grade.rubric["points"][0]["contradicted_by"] == "Dropout is for test time"
