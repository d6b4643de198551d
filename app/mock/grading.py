"""Grading one mock item: numeric answers by the engine, free text by the key-point rubric."""

from dataclasses import dataclass, field
from typing import Any

from app.engine import AnswerFormatError, check
from app.models import Question
from app.questions.grading import grade_question
from app.questions.schemas import GradeOut


@dataclass(frozen=True)
class Grade:
    """What an answer earned (0..1) and why."""

    score: float
    correct: bool | None = None
    points_hit: list[str] = field(default_factory=list)
    points_missed: list[str] = field(default_factory=list)
    note: str | None = None
    # The grade API's result (points with evidence, misconceptions), for the report.
    rubric: dict[str, Any] | None = None


def grade_text(question: Question, answer: str) -> Grade:
    """Score = the share of the question's key points the answer covers (see app.grading)."""
    rubric = grade_question(question, answer)
    shown = GradeOut.of(rubric).model_dump(mode="json")
    return Grade(rubric.score, None, rubric.covered, rubric.missed, rubric=shown)


def grade_numeric(template_id: str, seed: int, answer: str, *, lenient: bool) -> Grade:
    """Right or wrong by the engine.

    An answer that cannot be read raises :class:`AnswerFormatError` so the learner can fix
    it while there is time; once the time is up (``lenient``) it is simply wrong.
    """
    if not answer.strip():
        return Grade(0.0, False, note="no answer")
    try:
        result = check(template_id, seed, answer)
    except AnswerFormatError as exc:
        if not lenient:
            raise
        return Grade(0.0, False, note=str(exc))
    note = result.mistake.message if result.mistake else None  # the report names it
    return Grade(1.0 if result.correct else 0.0, result.correct, note=note)
