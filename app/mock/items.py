"""One interview item's state: pending or done, its score, and the writes that close it.

Every write is a conditional UPDATE on a still-pending item, so two requests (or two
server processes) racing on one item record exactly one outcome.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.mock.grading import Grade, grade_numeric, grade_text
from app.mock.rules import GRACE, MISS_BELOW
from app.models import MockItem, Question


def item_score(item: MockItem) -> float:
    """The learner's own verdict when given, else the automatic score (0 when none)."""
    if item.self_score is not None:
        return item.self_score
    return item.auto_score or 0.0


def is_pending(item: MockItem) -> bool:
    return item.answered_at is None and not item.timed_out and not item.skipped


def is_miss(item: MockItem) -> bool:
    """Shown and then timed out, skipped or scored below the bar."""
    if item.shown_at is None:
        return False
    return item.timed_out or item.skipped or item_score(item) < MISS_BELOW


def expired(item: MockItem, now: datetime) -> bool:
    """Past the deadline and its grace: nothing sent from now on earns anything."""
    return item.deadline is not None and now > item.deadline + GRACE


def claim(session: Session, item: MockItem, **values: Any) -> bool:
    """Write ``values`` only if the item is still pending; False when someone was first."""
    result = session.execute(
        update(MockItem)
        .where(
            MockItem.id == item.id,
            MockItem.answered_at.is_(None),
            MockItem.timed_out.is_(False),
            MockItem.skipped.is_(False),
        )
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def timed_out_values(item: MockItem) -> dict[str, Any]:
    return {"timed_out": True, "auto_score": 0.0, "correct": False if item.template_id else None}


def skipped_values(item: MockItem, now: datetime | None) -> dict[str, Any]:
    return {"skipped": True, "answered_at": now, "auto_score": 0.0,
            "correct": False if item.template_id else None}  # fmt: skip


def _grade(session: Session, item: MockItem, text: str, *, late: bool) -> Grade:
    if item.template_id is not None and item.seed is not None:
        return grade_numeric(item.template_id, item.seed, text, lenient=late)
    question = session.get(Question, item.question_id) if item.question_id else None
    return grade_text(question, text) if question else Grade(0.0)


def answer_values(
    session: Session, item: MockItem, text: str, *, skip: bool, now: datetime
) -> dict[str, Any]:
    """What answering ``text`` (or skipping) at ``now`` records.

    After deadline + grace, or with nothing typed once the deadline passed, the item is
    timed out (the text is kept, nothing is graded). Raises
    :class:`~app.engine.AnswerFormatError` for an unreadable number sent in time.
    """
    assert item.deadline is not None
    late = now > item.deadline
    if expired(item, now) or (late and not text.strip()):
        return {"answer": text or None, "answered_at": now, **timed_out_values(item)}
    if skip:
        return skipped_values(item, now)
    grade = _grade(session, item, text, late=late)
    extra = {**item.extra, "note": grade.note} if grade.note else dict(item.extra)
    if grade.rubric is not None:
        extra["rubric"] = grade.rubric
    return {
        "answer": text, "answered_at": now, "auto_score": grade.score, "correct": grade.correct,
        "points_hit": grade.points_hit, "points_missed": grade.points_missed, "extra": extra,
    }  # fmt: skip
