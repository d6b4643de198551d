"""Browse the bank: questions and topics."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from app.questions import service
from app.questions.grading import grade_by_id
from app.questions.schemas import (
    GradeIn,
    GradeOut,
    QuestionDetail,
    QuestionList,
    QuestionSummary,
    TopicOut,
)
from app.web.auth import CurrentUser
from app.web.deps import SessionDep
from app.web.throttle import SlidingWindow

router = APIRouter(prefix="/api/v1", tags=["questions"])
GRADE_LIMIT = SlidingWindow(limit=30, window=60.0)


@router.get("/questions")
def list_questions(
    session: SessionDep,
    topic: Annotated[str | None, Query(max_length=40)] = None,
    source: Annotated[int | None, Query(ge=1, le=9999)] = None,
    q: Annotated[str | None, Query(max_length=200, description="words to search for")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> QuestionList:
    """Questions in bank order, filtered by topic, seed number and search words."""
    items, total = service.get_all(
        session, topic=topic, source=source, query=q, limit=limit, offset=offset
    )
    return QuestionList(items=[QuestionSummary.of(item) for item in items], total=total)


@router.get("/questions/{question_id}", responses={404: {"description": "No such question"}})
def get_question(session: SessionDep, question_id: str) -> QuestionDetail:
    """One question with its answer, key points, siblings and correction."""
    question = service.get(session, question_id=question_id)
    if question is None:
        raise HTTPException(404, detail=f"question '{question_id}' not found")
    return QuestionDetail.of(question)


@router.post(
    "/questions/{question_id}/grade",
    responses={
        401: {"description": "No session"},
        404: {"description": "No such question"},
        429: {"description": "Too many answers graded in the last minute"},
    },
)
def grade_answer(
    session: SessionDep,
    user: CurrentUser,
    question_id: Annotated[str, Path(max_length=80)],
    body: GradeIn,
) -> GradeOut:
    """Grade a typed answer against the question's key points and misconceptions: which points
    it covers (with the words that showed them), which misconceptions it asserts, and a score.
    Records nothing; at most 30 answers a minute per learner."""
    GRADE_LIMIT.hit(f"user:{user.id}")
    return GradeOut.of(grade_by_id(session, question_id=question_id, answer=body.answer))


@router.get("/topics")
def list_topics(session: SessionDep) -> list[TopicOut]:
    """Every topic with its title and number of questions."""
    return [
        TopicOut(topic=t.topic, title=t.title, count=t.count) for t in service.get_topics(session)
    ]
