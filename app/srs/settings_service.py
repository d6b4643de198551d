"""A learner's practice settings."""

from datetime import date, datetime, timedelta

from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from app.models import Card, User
from app.srs.days import is_valid_zone, learning_day
from app.srs.interview import review_deadline
from app.srs.scheduler import NEW
from app.srs.schemas import PracticeSettings

# The plan simulates every day up to the interview, so it lies within two years.
MAX_DAYS_TO_INTERVIEW = 730


def get(user: User) -> PracticeSettings:
    return PracticeSettings(
        desired_retention=user.desired_retention,
        new_per_day=user.new_per_day,
        max_reviews_per_day=user.max_reviews_per_day,
        timezone=user.timezone,
        interview_date=user.interview_date,
    )


def _check_interview_date(user: User, value: date | None, timezone: str, now: datetime) -> None:
    """A new date lies between today and two years ahead (a stored past one may stay)."""
    if value is None or value == user.interview_date:
        return
    today = learning_day(now, timezone)
    if value < today:
        raise ValueError(f"interview_date: {value.isoformat()} has passed; give a later date")
    if value > today + timedelta(days=MAX_DAYS_TO_INTERVIEW):
        raise ValueError(
            f"interview_date: at most {MAX_DAYS_TO_INTERVIEW} days ahead "
            f"({(today + timedelta(days=MAX_DAYS_TO_INTERVIEW)).isoformat()})"
        )


def _cap_deck_to_interview(session: Session, user: User, now: datetime) -> None:
    """Bring every card due after the interview's deadline forward to it."""
    deadline = review_deadline(user.interview_date, user.timezone, now)
    if deadline is None:
        return
    session.execute(
        sql_update(Card)
        .where(Card.user_id == user.id, Card.state != NEW, Card.due > deadline)
        .values(due=deadline)
    )


def update(
    session: Session, *, user: User, values: PracticeSettings, now: datetime
) -> PracticeSettings:
    """Save settings; raises ``ValueError`` naming the field for an unknown time zone or an
    interview date out of range. A new interview date brings later reviews forward to it."""
    if not is_valid_zone(values.timezone):
        raise ValueError(
            f"timezone: unknown time zone '{values.timezone}', expected e.g. Europe/Paris"
        )
    _check_interview_date(user, values.interview_date, values.timezone, now)
    replanned = values.interview_date != user.interview_date or values.timezone != user.timezone
    user.desired_retention = values.desired_retention
    user.new_per_day = values.new_per_day
    user.max_reviews_per_day = values.max_reviews_per_day
    user.timezone = values.timezone
    user.interview_date = values.interview_date
    if replanned:
        _cap_deck_to_interview(session, user, now)
    session.commit()
    return get(user)
