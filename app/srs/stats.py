"""A learner's progress: reviews per day, true retention, due forecast, mastery per topic."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Card, ReviewLog, User
from app.srs.days import learning_day, today_bounds
from app.srs.scheduler import NEW, REVIEW
from app.srs.topic_cards import TopicCards, topic_cards

HISTORY_DAYS = 26 * 7
FORECAST_DAYS = 30
RETENTION_DAYS = 30


@dataclass(frozen=True)
class Stats:
    today: date
    reviews_today: int
    reviews_per_day: dict[date, int]
    retention: float | None
    retention_reviews: int
    due_forecast: list[tuple[date, int]]
    topics: list[TopicCards]


def _reviews_per_day(session: Session, user: User, now: datetime) -> dict[date, int]:
    since = now - timedelta(days=HISTORY_DAYS + 1)
    times = session.scalars(
        select(ReviewLog.reviewed_at).where(
            ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= since
        )
    )
    return dict(Counter(learning_day(moment, user.timezone) for moment in times))


def _retention(session: Session, user: User, now: datetime) -> tuple[float | None, int]:
    """True retention: the share of reviews of mature-state cards answered other than Again."""
    since = now - timedelta(days=RETENTION_DAYS)
    passed, total = session.execute(
        select(func.sum(case((ReviewLog.rating > 1, 1), else_=0)), func.count()).where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= since,
            ReviewLog.state_before == REVIEW,
        )
    ).one()
    return (passed / total if total else None), total


def _forecast(session: Session, user: User, now: datetime) -> list[tuple[date, int]]:
    today = learning_day(now, user.timezone)
    _, end = today_bounds(now, user.timezone)
    horizon = end + timedelta(days=FORECAST_DAYS - 1)
    dues = session.scalars(
        select(Card.due).where(
            Card.user_id == user.id,
            Card.state != NEW,
            Card.suspended.is_(False),
            Card.due < horizon,
        )
    )
    counts = Counter(max(learning_day(due, user.timezone), today) for due in dues)
    return [
        (today + timedelta(days=i), counts.get(today + timedelta(days=i), 0))
        for i in range(FORECAST_DAYS)
    ]


def topic_mastery(session: Session, *, user: User) -> list[TopicCards]:
    """Per topic of the learner's deck: cards (questions and drills), studied, mature."""
    return [t for t in topic_cards(session, user=user) if t.total]


def get_stats(session: Session, *, user: User, now: datetime) -> Stats:
    """Everything the stats page and ``GET /api/v1/stats`` show."""
    per_day = _reviews_per_day(session, user, now)
    today = learning_day(now, user.timezone)
    retention, counted = _retention(session, user, now)
    return Stats(
        today=today,
        reviews_today=per_day.get(today, 0),
        reviews_per_day=per_day,
        retention=retention,
        retention_reviews=counted,
        due_forecast=_forecast(session, user, now),
        topics=topic_mastery(session, user=user),
    )
