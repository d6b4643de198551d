"""Timed mock interviews through the API: the server keeps the time and the answer key."""

from typing import Annotated, Any

from fastapi import APIRouter, Path

from app.mock import report as reports
from app.mock import service
from app.mock.schemas import (
    AnswerIn,
    AnswerOut,
    AssessmentIn,
    CurrentOut,
    HistoryEntry,
    HistoryOut,
    MockCreatedOut,
    MockIn,
    ReportOut,
)
from app.mock.views import iso
from app.web.auth import CurrentUser, NowDep
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1/mock", tags=["mock"])
InterviewId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"description": "No such interview (or another learner's)"}}
CONFLICT: Responses = {409: {"description": "Not possible in the interview's state"}}


@router.post("", status_code=201, responses={422: {"description": "Bad settings or no questions"}})
def create_interview(
    body: MockIn, db: SessionDep, user: CurrentUser, now: NowDep
) -> MockCreatedOut:
    """Draw the questions (weak topics favoured, no two siblings); no clock runs yet."""
    interview = service.create(
        db, user=user, topics=body.topics or [], count=body.count,
        seconds_per_question=body.seconds_per_question, include_numeric=body.numeric, now=now,
    )  # fmt: skip
    return MockCreatedOut(
        id=interview.id, count=interview.count, seconds_per_question=interview.seconds_per_question,
        topics=interview.topics, started_at=iso(interview.started_at) or "",
    )  # fmt: skip


@router.get("")
def list_interviews(db: SessionDep, user: CurrentUser) -> HistoryOut:
    """The learner's interviews, newest first, with their scores (0..1)."""
    return HistoryOut(items=[HistoryEntry.of(i) for i in service.get_all(db, user=user)])


@router.get("/{interview_id}/current", responses=NOT_FOUND)
def current_item(
    interview_id: InterviewId, db: SessionDep, user: CurrentUser, now: NowDep
) -> CurrentOut:
    """Where the interview stands, changing nothing: the item on screen with its deadline,
    or the next one with `started` false and no prompt (POST starts it). No answer key."""
    return CurrentOut(**service.peek(db, user=user, interview_id=interview_id, now=now).to_json())


@router.post("/{interview_id}/current", responses=NOT_FOUND)
def show_current_item(
    interview_id: InterviewId, db: SessionDep, user: CurrentUser, now: NowDep
) -> CurrentOut:
    """Show the item to answer now, starting its deadline the first time (an item whose time
    and grace ran out is recorded as timed out first; none left finishes the interview)."""
    return CurrentOut(
        **service.current(db, user=user, interview_id=interview_id, now=now).to_json()
    )


@router.post(
    "/{interview_id}/answer",
    responses={
        **NOT_FOUND,
        409: {"description": "Already answered"},
        422: {"description": "Unreadable number"},
    },
)
def answer_item(
    interview_id: InterviewId, body: AnswerIn, db: SessionDep, user: CurrentUser, now: NowDep
) -> AnswerOut:
    """Answer (or skip) item ``index``; after deadline + 2 s it is kept but timed out."""
    outcome = service.answer(
        db, user=user, interview_id=interview_id, index=body.index, text=body.answer,
        skip=body.skip, now=now,
    )  # fmt: skip
    return AnswerOut(**outcome.to_json())


@router.post("/{interview_id}/finish", responses=NOT_FOUND)
def finish_interview(
    interview_id: InterviewId, db: SessionDep, user: CurrentUser, now: NowDep
) -> ReportOut:
    """End the interview (items not reached count as skipped) and return the report."""
    report = reports.finish(db, user=user, interview_id=interview_id, now=now)
    return ReportOut(**report.to_json())


@router.get("/{interview_id}/report", responses={**NOT_FOUND, **CONFLICT})
def get_report(interview_id: InterviewId, db: SessionDep, user: CurrentUser) -> ReportOut:
    """Score, per-topic breakdown, time per item, answers beside the model answers."""
    return ReportOut(**reports.build(db, user=user, interview_id=interview_id).to_json())


@router.post("/{interview_id}/items/{index}/assessment", responses={**NOT_FOUND, **CONFLICT})
def assess_item(
    interview_id: InterviewId,
    index: Annotated[int, Path(ge=0, le=29)],
    body: AssessmentIn,
    db: SessionDep,
    user: CurrentUser,
    now: NowDep,
) -> ReportOut:
    """Your own verdict on a free-text answer: got (1), partly (0.5) or missed (0)."""
    report = reports.assess(
        db, user=user, interview_id=interview_id, index=index, verdict=body.verdict, now=now
    )
    return ReportOut(**report.to_json())
