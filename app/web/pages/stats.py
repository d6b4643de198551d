"""The stats page: pictures of the learner's progress."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from app.srs.activity import get_activity
from app.srs.deck import ensure_deck
from app.srs.stats import get_stats
from app.stats.charts import CHART_CSS, bar_chart, calendar_heatmap
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.pages.skills import memory_model_context, skills_context
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, db: SessionDep, user: PageUser, now: NowDep) -> HTMLResponse:
    if ensure_deck(db, user=user, now=now):
        db.commit()
    stats = get_stats(db, user=user, now=now)
    forecast = [
        ("Today" if i == 0 else f"+{i}", float(n)) for i, (_day, n) in enumerate(stats.due_forecast)
    ]
    charts = {
        # The chart module escapes every label itself, so its SVG is safe to insert as is.
        "heatmap": Markup(calendar_heatmap(stats.reviews_per_day, end=stats.today)),
        "forecast": Markup(
            bar_chart(
                forecast, title="Cards due in the next 30 days", unit="cards", highlight_first=True
            )
        ),
    }
    context = {"user": user, "stats": stats, "charts": charts, "active": "stats"}
    context["activity"] = get_activity(db, user=user, now=now)
    context |= skills_context(db, user=user, now=now) | memory_model_context(user)
    return render(request, "stats.html", context)


@router.get("/charts.css")
def chart_css() -> Response:
    """The charts' stylesheet (light and dark), kept next to the code that draws them."""
    return Response(
        CHART_CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )
