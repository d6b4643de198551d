"""Practice through the API: the next card, reviews, undo, settings."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from app.srs import queue, settings_service
from app.srs.practice import practice_view
from app.srs.reviews import ReviewInput, submit_review, undo_last
from app.srs.schemas import Kind, NextOut, PracticeSettings, ReviewIn, ReviewOut, UndoOut
from app.web.auth import CurrentUser, NowDep
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["review"])


@router.get("/review/next", responses={401: {"description": "No session"}})
def next_card(
    db: SessionDep,
    user: CurrentUser,
    now: NowDep,
    topic: Annotated[str | None, Query(max_length=40)] = None,
    kind: Kind | None = None,
) -> NextOut:
    """The card to study now (or null when today's work is done) and the queue counts."""
    view = practice_view(db, user=user, now=now, filters=queue.Filters(topic=topic, kind=kind))
    return NextOut(
        card=view.card_json(),
        counts=view.counts.as_dict(),  # type: ignore[arg-type]
        next_due=view.next_due.isoformat() if view.next_due else None,
    )


@router.post(
    "/review", responses={404: {"description": "No such card"}, 422: {"description": "Bad answer"}}
)
def review(
    body: ReviewIn, request: Request, db: SessionDep, user: CurrentUser, now: NowDep
) -> ReviewOut:
    """Record a review: a rating, or a numeric answer the engine grades (wrong → Again)."""
    result = submit_review(
        db,
        user=user,
        data=ReviewInput(**body.model_dump()),
        now=now,
        fuzzing=request.app.state.settings.srs_fuzzing,
    )
    return ReviewOut(**result)


@router.post("/review/undo", responses={404: {"description": "Nothing to undo"}})
def undo(db: SessionDep, user: CurrentUser) -> UndoOut:
    """Undo the last review; that card comes back next, exactly as it was."""
    return UndoOut(**undo_last(db, user=user))


@router.get("/me/settings")
def get_settings(user: CurrentUser) -> PracticeSettings:
    """Practice settings: retention, daily limits, time zone (the day starts at 04:00)."""
    return settings_service.get(user)


@router.put("/me/settings", responses={422: {"description": "Invalid setting"}})
def put_settings(
    body: PracticeSettings, db: SessionDep, user: CurrentUser, now: NowDep
) -> PracticeSettings:
    """Change practice settings (an interview date plans reviews up to it)."""
    try:
        return settings_service.update(db, user=user, values=body, now=now)
    except ValueError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
