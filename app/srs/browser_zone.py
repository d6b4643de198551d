"""The time zone a learner's browser reports, adopted while they still have the default."""

from datetime import datetime

from sqlalchemy.orm import Session

from app.models import User
from app.srs import settings_service
from app.srs.days import is_valid_zone

DEFAULT_ZONE = "UTC"


def adopt_browser_zone(session: Session, *, user: User, name: str, now: datetime) -> bool:
    """Save ``name`` as the learner's zone when theirs is still the default and ``name`` is a
    known IANA zone; True when it was saved. A zone chosen in settings is never replaced."""
    if user.timezone != DEFAULT_ZONE or name == DEFAULT_ZONE or not is_valid_zone(name):
        return False
    values = settings_service.get(user).model_copy(update={"timezone": name})
    try:
        settings_service.update(session, user=user, values=values, now=now)
    except ValueError:
        session.rollback()
        return False
    return True
