"""Practice through the API: the next card, reviews, undo, settings."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy.orm import Session

from app.srs import queue, settings_service
from app.srs.practice import practice_view
from app.srs.reviews import ReviewInput, submit_review, undo_last
from app.srs.schemas import Kind, NextOut, PracticeSettings, ReviewIn, ReviewOut, UndoOut
from app.web.auth import CurrentUser, NowDep, require_user
from app.web.deps import SessionDep, run_in_session

router = APIRouter(prefix="/api/v1", tags=["review"])


# Every practice step calls these two: each runs as one thread hand-off (app/web/deps.py)
# and sends the JSON its schema (response_model) validates.


@router.get("/review/next", response_model=NextOut, responses={401: {"description": "No session"}})
async def next_card(
    request: Request,
    now: NowDep,
    topic: Annotated[str | None, Query(max_length=40)] = None,
    kind: Kind | None = None,
) -> Response:
    """The card to study now (or null when today's work is done) and the queue counts."""

    def work(db: Session) -> bytes:
        user = require_user(request, db)
        view = practice_view(db, user=user, now=now, filters=queue.Filters(topic=topic, kind=kind))
        return (
            NextOut(
                card=view.card_json(),
                counts=view.counts.as_dict(),  # type: ignore[arg-type]
                next_due=view.next_due.isoformat() if view.next_due else None,
            )
            .model_dump_json()
            .encode()
        )

    return _json(await run_in_session(request, work))


@router.post(
    "/review",
    response_model=ReviewOut,
    responses={
        401: {"description": "No session"},
        404: {"description": "No such card"},
        422: {"description": "Bad answer"},
    },
)
async def review(body: ReviewIn, request: Request, now: NowDep) -> Response:
    """Record a review: a rating, or a numeric answer the engine grades (wrong → Again)."""
    fuzzing = request.app.state.settings.srs_fuzzing

    def work(db: Session) -> bytes:
        user = require_user(request, db)
        data = ReviewInput(**body.model_dump())
        result = submit_review(db, user=user, data=data, now=now, fuzzing=fuzzing)
        return ReviewOut(**result).model_dump_json().encode()

    return _json(await run_in_session(request, work))


def _json(body: bytes) -> Response:
    return Response(content=body, media_type="application/json")


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
