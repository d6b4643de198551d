"""Short answers and misconceptions survive every path: YAML, database, export, admin, API."""

import textwrap

import pytest
import yaml
from pydantic import ValidationError

from app.admin.forms import QuestionForm
from app.admin.present import represent
from app.admin.schemas import QuestionEdit
from app.bank import service
from app.bank.exporter import export_bank
from app.bank.schema import QuestionEntry
from app.models import Question
from tests.admin.helpers import login_admin

ENTRY = {
    "id": "format-bagging",
    "topic": "format-test",
    "difficulty": "medium",
    "prompt": "Bagging or boosting: which reduces what?",
    "answer": "Bagging reduces **variance**; boosting reduces bias.",
    "short_answer": "Bagging averages models to cut variance; boosting fits residuals to cut bias.",
    "key_points": [
        {
            "label": "bagging reduces variance",
            "phrases": ["bagging reduces variance", "re:averag\\w+ .{0,20}variance"],
            "misconceptions": [
                {"label": "bagging reduces bias", "phrases": ["bagging reduces bias"]}
            ],
        },
        {"label": "boosting reduces bias", "phrases": ["boosting reduces bias"]},
    ],
    "misconceptions": [
        {"label": "they are the same", "phrases": ["bagging is boosting", "same thing"]}
    ],
    "siblings": [],
}


def _bank(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    document = {"topic": "format-test", "title": "Format", "order": 99, "questions": [ENTRY]}
    (folder / "format-test.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return folder


def _canonical(text: str) -> dict:
    data = yaml.safe_load(text)
    return QuestionEntry.model_validate(data["questions"][0]).model_dump()


def test_load_export_load_keeps_short_answer_and_misconceptions(session, tmp_path):
    folder = _bank(tmp_path)
    service.load(session, folder)
    session.commit()
    question = session.get(Question, "format-bagging")
    assert question.short_answer == ENTRY["short_answer"]
    assert question.misconceptions == ENTRY["misconceptions"]
    assert question.key_points[0].misconceptions == ENTRY["key_points"][0]["misconceptions"]
    assert question.key_points[1].misconceptions == []
    exported = export_bank(session)["format-test.yaml"]
    assert _canonical(exported) == QuestionEntry.model_validate(ENTRY).model_dump()
    (folder / "format-test.yaml").write_text(exported)
    report = service.load(session, folder)
    assert report.unchanged == ["format-bagging"]


def test_admin_form_and_api_round_trip_the_new_fields(session, tmp_path):
    service.load(session, _bank(tmp_path))
    session.commit()
    question = session.get(Question, "format-bagging")
    form = QuestionForm.of(question)
    posted = {
        "kp_label": [label for label, _ in form.key_points],
        "kp_phrases": [phrases for _, phrases in form.key_points],
        "kp_misconceptions": [text.replace("\n", "\r\n") for text in form.kp_misconceptions],
        "short_answer": form.short_answer,
        "misconceptions": form.misconceptions,
        **{k: getattr(form, k) for k in ("topic", "difficulty", "prompt", "answer")},
    }
    fields = QuestionForm.parse(posted).fields()
    assert fields["short_answer"] == ENTRY["short_answer"]
    assert fields["misconceptions"] == ENTRY["misconceptions"]
    assert [kp["misconceptions"] for kp in fields["key_points"]] == [
        ENTRY["key_points"][0]["misconceptions"],
        [],
    ]
    edit = QuestionEdit.model_validate(represent(question))
    assert edit.short_answer == ENTRY["short_answer"]
    assert edit.key_points[0].misconceptions[0].label == "bagging reduces bias"


def test_question_api_shows_short_answer_and_misconceptions(client, session, tmp_path):
    service.load(session, _bank(tmp_path))
    session.commit()
    login_admin(client, session)
    body = client.get("/api/v1/questions/format-bagging").json()
    assert body["short_answer"] == ENTRY["short_answer"]
    assert body["misconceptions"] == ENTRY["misconceptions"]
    assert body["key_points"][0]["misconceptions"] == ENTRY["key_points"][0]["misconceptions"]
    admin_body = client.get("/api/v1/admin/questions/format-bagging").json()
    assert admin_body["misconceptions"] == ENTRY["misconceptions"]
    assert admin_body["short_answer"] == ENTRY["short_answer"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"short_answer": " ".join(["word"] * 61)}, "has 61 words; at most 60"),
        ({"short_answer": "   "}, "must not be blank"),
        (
            {"key_points": [{"label": "x", "phrases": ["re:(a)\\1"]}] * 2},
            "RE2 cannot run it in linear time",
        ),
        (
            {"misconceptions": [{"label": "x", "phrases": ["re:(?<=a)b"]}]},
            "RE2 cannot run it in linear time",
        ),
        ({"misconceptions": [{"label": "x", "phrases": []}]}, "at least 1 item"),
    ],
)
def test_schema_refuses_bad_short_answers_and_unsafe_patterns(change, message):
    with pytest.raises(ValidationError, match=textwrap.shorten(message, 80)):
        QuestionEntry.model_validate({**ENTRY, **change})
