"""A learner's progress as JSON."""

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from app.srs import optimizer
from app.srs.deck import ensure_deck
from app.srs.skills import skill_mastery
from app.srs.stats import get_stats
from app.web.auth import CurrentUser, NowDep
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["stats"])


@router.get("/stats", responses={401: {"description": "No session"}})
def stats(db: SessionDep, user: CurrentUser, now: NowDep) -> dict[str, Any]:
    """Reviews today and per day, true retention (30 days), 30-day due forecast, mastery per
    topic, the fitted memory model's figures and accuracy per numeric template by week."""
    if ensure_deck(db, user=user, now=now):
        db.commit()
    result = get_stats(db, user=user, now=now)
    fit = optimizer.last_fit(user)
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
                "questions": t.questions,
                "drills": t.drills,
                "suspended": t.suspended,
                "studied": t.studied,
                "mature": t.mature,
                "mastery": round(t.mastery, 4),
            }
            for t in result.topics
        ],
        "memory_model": {
            "fitted": user.fsrs_parameters is not None,
            "last_fit": asdict(fit) if fit else None,
        },
        "skills": [
            {
                "template": s.template_id,
                "title": s.title,
                "attempts": s.attempts,
                "correct": s.correct,
                "weeks": [
                    {"week": w.week.isoformat(), "attempts": w.attempts, "correct": w.correct}
                    for w in s.weeks
                ],
            }
            for s in skill_mastery(db, user=user, now=now)
        ],
    }
