"""How the learner has been practising: the streak of days and the time spent, per day and
per topic (time as the practice page measured it: from showing a card to rating it)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User
from app.models.review import Card, ReviewLog
from app.srs.days import learning_day

WINDOW_DAYS = 30
MAX_STREAK_DAYS = 366


@dataclass(frozen=True)
class Activity:
    streak: int  # consecutive days with a review, ending today (or yesterday)
    minutes_per_day: list[tuple[date, int, int]]  # last 7 days: day, reviews, minutes
    per_topic: list[tuple[str, int, int]]  # topic, reviews, minutes (last 30 days), busiest first


def streak(days: set[date], today: date) -> int:
    """Days in a row with practice, counting back from today (or from yesterday when today
    has none yet, so the streak is not lost before the day's practice)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days and count < MAX_STREAK_DAYS:
        count, day = count + 1, day - timedelta(days=1)
    return count


def get_activity(session: Session, *, user: User, now: datetime) -> Activity:
    since = now - timedelta(days=max(WINDOW_DAYS, MAX_STREAK_DAYS) + 1)
    rows = session.execute(
        select(ReviewLog.reviewed_at, ReviewLog.duration_ms, Card.topic)
        .join(Card, Card.id == ReviewLog.card_id)
        .where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= since)
    ).all()
    today = learning_day(now, user.timezone)
    by_day: Counter[date] = Counter()
    ms_by_day: Counter[date] = Counter()
    by_topic: Counter[str] = Counter()
    ms_by_topic: Counter[str] = Counter()
    for moment, millis, topic in rows:
        day = learning_day(moment, user.timezone)
        by_day[day] += 1
        ms_by_day[day] += millis or 0
        if day > today - timedelta(days=WINDOW_DAYS):
            by_topic[topic] += 1
            ms_by_topic[topic] += millis or 0
    week = [today - timedelta(days=i) for i in range(7)]
    return Activity(
        streak=streak(set(by_day), today),
        minutes_per_day=[(d, by_day[d], round(ms_by_day[d] / 60_000)) for d in week],
        per_topic=[(t, n, round(ms_by_topic[t] / 60_000)) for t, n in by_topic.most_common()],
    )
