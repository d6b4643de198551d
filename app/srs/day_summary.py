"""The end of a practice session: what today's reviews came to and what tomorrow holds."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import User
from app.models.review import Card, ReviewLog
from app.srs.days import today_bounds
from app.srs.scheduler import NEW


@dataclass(frozen=True)
class DaySummary:
    reviews: int  # ratings given today
    cards: int  # distinct cards they were for
    remembered: int  # ratings other than Again
    seconds: int  # time spent looking at the cards, as measured by the page
    due_tomorrow: int  # studied cards due before tomorrow's day ends

    @property
    def accuracy(self) -> int | None:
        return round(100 * self.remembered / self.reviews) if self.reviews else None


def today_summary(session: Session, *, user: User, now: datetime) -> DaySummary:
    """Today's reviews (count, distinct cards, share not Again, time) and tomorrow's load."""
    start, end = today_bounds(now, user.timezone)
    reviews, cards, remembered, millis = session.execute(
        select(
            func.count(ReviewLog.id),
            func.count(func.distinct(ReviewLog.card_id)),
            func.count(case((ReviewLog.rating > 1, 1))),
            func.coalesce(func.sum(ReviewLog.duration_ms), 0),
        ).where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= start)
    ).one()
    due_tomorrow = session.scalar(
        select(func.count(Card.id)).where(
            Card.user_id == user.id,
            Card.suspended.is_(False),
            Card.state != NEW,
            Card.due < end + timedelta(days=1),
        )
    )
    return DaySummary(reviews, cards, remembered, int(millis) // 1000, due_tomorrow or 0)
