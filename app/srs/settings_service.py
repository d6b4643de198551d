"""A learner's practice settings."""

from sqlalchemy.orm import Session

from app.models import User
from app.srs.days import is_valid_zone
from app.srs.schemas import PracticeSettings


def get(user: User) -> PracticeSettings:
    return PracticeSettings(
        desired_retention=user.desired_retention,
        new_per_day=user.new_per_day,
        max_reviews_per_day=user.max_reviews_per_day,
        timezone=user.timezone,
    )


def update(session: Session, *, user: User, values: PracticeSettings) -> PracticeSettings:
    """Save settings; raises ``ValueError`` naming the field for an unknown time zone."""
    if not is_valid_zone(values.timezone):
        raise ValueError(
            f"timezone: unknown time zone '{values.timezone}', expected e.g. Europe/Paris"
        )
    user.desired_retention = values.desired_retention
    user.new_per_day = values.new_per_day
    user.max_reviews_per_day = values.max_reviews_per_day
    user.timezone = values.timezone
    session.commit()
    return get(user)
