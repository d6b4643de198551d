"""Grade a typed answer against a stored question's rubric (key points, misconceptions).

Used by the grade API, practice reveals and the mock report, so all three say the same."""

from sqlalchemy.orm import Session

from app.errors import ServiceError
from app.grading import Misconception, Point, RubricResult, grade_answer
from app.models import Question


class GradeError(ServiceError):
    pass


def rubric(question: Question) -> tuple[list[Point], list[Misconception]]:
    """The grader's view of a stored question."""
    points = [
        Point(
            kp.label,
            tuple(kp.phrases),
            tuple(Misconception(m["label"], tuple(m["phrases"])) for m in kp.misconceptions or []),
        )
        for kp in question.key_points
    ]
    wrong = [Misconception(m["label"], tuple(m["phrases"])) for m in question.misconceptions or []]
    return points, wrong


def grade_question(question: Question, answer: str) -> RubricResult:
    points, wrong = rubric(question)
    return grade_answer(answer, points, wrong)


def grade_by_id(session: Session, *, question_id: str, answer: str) -> RubricResult:
    """Grade ``answer`` for the question ``question_id``; changes nothing."""
    question = session.get(Question, question_id)
    if question is None:
        raise GradeError(404, f"question '{question_id}' not found")
    return grade_question(question, answer)
