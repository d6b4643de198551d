"""The plan to the interview day, what-ifs, and fitting the learner's FSRS parameters.

Plain ``def`` routes: they read the deck and simulate it (CPU work), so they run in the
thread pool; the fit itself runs in a worker process (see ``app.srs.optimizer``).
"""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from app.srs import optimizer
from app.srs.deck import ensure_deck
from app.srs.plan import Plan, WhatIf, get_plan, what_if
from app.web.auth import CurrentUser, NowDep
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["plan"])


class TopicReadinessOut(BaseModel):
    topic: str
    title: str
    cards: int
    readiness: float
    forecast: float | None


class CurvePoint(BaseModel):
    date: date
    readiness: float
    if_you_stop: float | None = None


class PlanOut(BaseModel):
    interview_date: date | None
    days_left: int | None
    readiness: float
    topics: list[TopicReadinessOut]
    daily_minutes: int
    new_cards_done_by: date | None
    seconds_per_card: float
    forecast: float | None
    curve: list[CurvePoint]


class WhatIfOut(BaseModel):
    new_per_day: int
    minutes_per_day: float | None
    readiness: float
    new_cards_done_by: date | None
    curve: list[CurvePoint]


class OptimizeOut(BaseModel):
    adopted: bool
    reason: str
    reviews_used: int
    log_loss_default: float | None
    log_loss_fitted: float | None


def plan_out(plan: Plan) -> PlanOut:
    curve = [
        CurvePoint(date=day, readiness=round(value, 4), if_you_stop=round(stop, 4))
        for day, value, stop in zip(plan.points, plan.curve, plan.if_you_stop, strict=True)
    ]
    return PlanOut(
        interview_date=plan.interview_date,
        days_left=plan.days_left,
        readiness=round(plan.readiness, 4),
        topics=[
            TopicReadinessOut(
                topic=t.topic,
                title=t.title,
                cards=t.cards,
                readiness=round(t.readiness, 4),
                forecast=None if t.forecast is None else round(t.forecast, 4),
            )
            for t in plan.topics
        ],
        daily_minutes=plan.daily_minutes,
        new_cards_done_by=plan.new_cards_done_by,
        seconds_per_card=round(plan.seconds_per_card, 1),
        forecast=None if plan.forecast is None else round(plan.forecast, 4),
        curve=curve,
    )


def what_if_out(result: WhatIf) -> WhatIfOut:
    return WhatIfOut(
        new_per_day=result.new_per_day,
        minutes_per_day=result.minutes_per_day,
        readiness=round(result.readiness, 4),
        new_cards_done_by=result.new_cards_done_by,
        curve=[
            CurvePoint(date=day, readiness=round(value, 4))
            for day, value in zip(result.points, result.curve, strict=True)
        ],
    )


@router.get("/plan", responses={401: {"description": "No session"}})
def plan(request: Request, db: SessionDep, user: CurrentUser, now: NowDep) -> PlanOut:
    """Readiness for the interview day (share of cards recalled then, FSRS retrievability
    projected, unseen cards not recalled), per topic; the minutes a day the plan needs;
    when every new card will have been seen; the forecast of following the plan."""
    if ensure_deck(db, user=user, now=now):
        db.commit()
    optimizer.refit_weekly(db, request.app.state.sessions, user=user, now=now)
    return plan_out(get_plan(db, user=user, now=now))


@router.get(
    "/plan/simulate",
    responses={401: {"description": "No session"}, 409: {"description": "No interview date"}},
)
def simulate(
    db: SessionDep,
    user: CurrentUser,
    now: NowDep,
    new_per_day: Annotated[int, Query(ge=0, le=200)] = 20,
    minutes_per_day: Annotated[int | None, Query(ge=1, le=600)] = None,
) -> WhatIfOut:
    """Forecast readiness on the interview day with ``new_per_day`` new cards and
    ``minutes_per_day`` of study a day (omitted: as long as it takes)."""
    if ensure_deck(db, user=user, now=now):
        db.commit()
    result = what_if(
        db, user=user, now=now, new_per_day=new_per_day, minutes_per_day=minutes_per_day
    )
    return what_if_out(result)


@router.post(
    "/me/optimize", responses={401: {"description": "No session"}, 429: {"description": "Too soon"}}
)
def optimize(db: SessionDep, user: CurrentUser, now: NowDep) -> OptimizeOut:
    """Fit FSRS parameters to your review history; adopted only if they predict your most
    recent reviews (held out) better than the defaults."""
    outcome = optimizer.optimize_on_request(db, user=user, now=now)
    return OptimizeOut(**outcome.__dict__)
