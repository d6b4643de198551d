"""Grading mock items: the key-point rubric on real bank questions, numbers by the engine."""

import pytest

from app.engine import AnswerFormatError, format_answer, generate
from app.mock.grading import grade_numeric, grade_text
from app.models import Question
from tests.mock.helpers import GOOD_ANSWERS, OFF_TOPIC


@pytest.mark.parametrize("question_id", sorted(GOOD_ANSWERS))
def test_grade_text_good_answer_covers_most_key_points(session, question_id):
    question = session.get(Question, question_id)
    grade = grade_text(question, GOOD_ANSWERS[question_id])
    assert grade.score >= 0.75, grade.points_missed
    assert len(grade.points_hit) + len(grade.points_missed) == len(question.key_points)
    assert grade.correct is None


@pytest.mark.parametrize("question_id", sorted(GOOD_ANSWERS))
def test_grade_text_empty_or_off_topic_answer_covers_few(session, question_id):
    question = session.get(Question, question_id)
    assert grade_text(question, "").score == 0.0
    assert grade_text(question, "   \n").points_hit == []
    off_topic = grade_text(question, OFF_TOPIC)
    assert off_topic.score <= 0.25, off_topic.points_hit


def test_grade_text_another_questions_answer_scores_low(session):
    question = session.get(Question, "data-normalization")
    assert grade_text(question, GOOD_ANSWERS["vanishing-exploding-gradients"]).score <= 0.5


def test_grade_numeric_right_wrong_and_empty():
    expected = format_answer(generate("conv_output_size", 7).answer)
    assert grade_numeric("conv_output_size", 7, expected, lenient=False).score == 1.0
    wrong = grade_numeric("conv_output_size", 7, "123456", lenient=False)
    assert (wrong.score, wrong.correct) == (0.0, False)
    assert grade_numeric("conv_output_size", 7, " ", lenient=False).note == "no answer"


def test_grade_numeric_unreadable_raises_in_time_and_is_wrong_when_late():
    with pytest.raises(AnswerFormatError):
        grade_numeric("softmax", 3, "not a number", lenient=False)
    late = grade_numeric("softmax", 3, "not a number", lenient=True)
    assert late.score == 0.0 and late.correct is False and late.note


def test_grade_numeric_names_a_common_mistake_in_its_note():
    variant = generate("mse_loss", 2)
    total = sum(
        (a - b) ** 2 for a, b in zip(variant.params["y_hat"], variant.params["y"], strict=True)
    )
    grade = grade_numeric("mse_loss", 2, format_answer(total), lenient=False)
    assert grade.correct is False and grade.note and "reduction='sum'" in grade.note
