"""The interview plan on the home page (a picture and figures) and the what-if form."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from app.models import User
from app.srs import optimizer
from app.srs.deck import ensure_deck
from app.srs.plan import COMPARED_NEW_PER_DAY, Plan, PlanError, get_plan, what_ifs
from app.stats.plan_charts import readiness_chart, sparkline
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)
MIN_COMPARED_MINUTES = 10


def _percent(value: float) -> str:
    return f"{round(100 * value)} %"


def _topic_sparks(plan: Plan) -> dict[str, Markup]:
    # The chart module escapes every label itself, so its SVG is safe to insert as is.
    return {
        t.topic: Markup(
            sparkline(
                t.curve,
                title=f"{t.title}: readiness until the interview",
                desc=f"From {_percent(t.curve[0])} today to {_percent(t.curve[-1])} on the day.",
            )
        )
        for t in plan.topics
        if t.curve
    }


def plan_section(request: Request, db: Session, *, user: User, now: Any) -> dict[str, Any]:
    """What the plan partial (``partials/_plan.html``) needs; starts the weekly refit of
    the learner's FSRS parameters in the background when it is due. The what-if table is
    loaded by the page afterwards (``plan_what_if``)."""
    optimizer.refit_weekly(db, request.app.state.sessions, user=user, now=now)
    plan = get_plan(db, user=user, now=now)
    context: dict[str, Any] = {"plan": plan, "plan_minutes": plan.daily_minutes}
    if plan.forecast is None:
        return context
    return context | {
        "plan_chart": Markup(readiness_chart(plan.points, plan.curve, plan.if_you_stop)),
        "plan_sparks": _topic_sparks(plan),
        "plan_minutes": max(plan.daily_minutes, MIN_COMPARED_MINUTES),
        "compared": COMPARED_NEW_PER_DAY,
    }


@router.get("/plan/what-if", response_class=HTMLResponse, name="plan_what_if")
def plan_what_if(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    new_per_day: Annotated[int, Query(ge=0, le=200)] = 20,
    minutes_per_day: Annotated[int, Query(ge=1, le=600)] = 20,
) -> HTMLResponse:
    """Readiness on the day for the numbers typed in, beside 10 and 20 new cards a day."""
    if ensure_deck(db, user=user, now=now):
        db.commit()
    options = sorted({*COMPARED_NEW_PER_DAY, new_per_day})
    try:
        results = what_ifs(db, user=user, now=now, options=options, minutes_per_day=minutes_per_day)
    except PlanError as exc:
        context = {"user": user, "whatifs": [], "plan_error": exc.detail}
        return render(
            request,
            "plan/what_if.html",
            context,
            partial="partials/_plan_what_if.html",
            status_code=exc.status,
        )
    context = {
        "user": user,
        "whatifs": results,
        "chosen": new_per_day,
        "plan_minutes": minutes_per_day,
    }
    return render(request, "plan/what_if.html", context, partial="partials/_plan_what_if.html")
