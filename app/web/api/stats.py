"""A learner's progress as JSON."""

from typing import Any

from fastapi import APIRouter

from app.srs.deck import ensure_deck
from app.srs.stats import get_stats
from app.web.auth import CurrentUser, NowDep
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["stats"])


@router.get("/stats", responses={401: {"description": "No session"}})
def stats(db: SessionDep, user: CurrentUser, now: NowDep) -> dict[str, Any]:
    """Reviews today and per day, true retention (30 days), 30-day due forecast, mastery per topic."""
    if ensure_deck(db, user=user, now=now):
        db.commit()
    result = get_stats(db, user=user, now=now)
    return {
        "reviews_today": result.reviews_today,
        "reviews_per_day": {
            day.isoformat(): n for day, n in sorted(result.reviews_per_day.items())
        },
        "retention": {"last_30_days": result.retention, "reviews": result.retention_reviews},
        "due_forecast": [{"date": day.isoformat(), "count": n} for day, n in result.due_forecast],
        "topics": [
            {
                "topic": t.topic,
                "title": t.title,
                "cards": t.total,
                "studied": t.studied,
                "mature": t.mature,
                "mastery": round(t.mastery, 4),
            }
            for t in result.topics
        ],
    }
