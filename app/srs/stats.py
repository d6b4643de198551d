"""A learner's progress: reviews per day, true retention, due forecast, mastery per topic."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Card, ReviewLog, Topic, User
from app.srs.days import learning_day, today_bounds
from app.srs.scheduler import NEW, REVIEW

HISTORY_DAYS = 26 * 7
FORECAST_DAYS = 30
RETENTION_DAYS = 30
MATURE_STABILITY_DAYS = 21.0  # Anki calls a card "mature" from a 21-day interval


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    title: str
    total: int
    studied: int
    mature: int

    @property
    def mastery(self) -> float:
        return self.mature / self.total if self.total else 0.0


@dataclass(frozen=True)
class Stats:
    today: date
    reviews_today: int
    reviews_per_day: dict[date, int]
    retention: float | None
    retention_reviews: int
    due_forecast: list[tuple[date, int]]
    topics: list[TopicMastery]


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


def topic_mastery(session: Session, *, user: User) -> list[TopicMastery]:
    """Per topic of the learner's live deck: cards, cards studied, mature cards; bank order."""
    rows = session.execute(
        select(
            Card.topic,
            func.count(),
            func.sum(case((Card.state != NEW, 1), else_=0)),
            func.sum(
                case(
                    ((Card.state == REVIEW) & (Card.stability >= MATURE_STABILITY_DAYS), 1), else_=0
                )
            ),
        )
        .where(Card.user_id == user.id, Card.suspended.is_(False))
        .group_by(Card.topic)
    ).all()
    titles = {
        slug: (title, pos)
        for slug, title, pos in session.execute(select(Topic.slug, Topic.title, Topic.position))
    }
    result = [
        TopicMastery(t, titles.get(t, (t, 999))[0], n, int(s or 0), int(m or 0))
        for t, n, s, m in rows
    ]
    return sorted(result, key=lambda tm: (titles.get(tm.topic, ("", 999))[1], tm.topic))


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
