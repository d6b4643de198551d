"""Browse the bank: questions and topics."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from app.questions import service
from app.questions.schemas import QuestionDetail, QuestionList, QuestionSummary, TopicOut
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["questions"])


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


@router.get("/topics")
def list_topics(session: SessionDep) -> list[TopicOut]:
    """Every topic with its title and number of questions."""
    return [
        TopicOut(topic=t.topic, title=t.title, count=t.count) for t in service.get_topics(session)
    ]
