"""Small factories for tests (plain functions, no framework)."""

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.models import User

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday, 10:00 UTC


def make_learner(session: Session, **fields: object) -> User:
    user = User(role="learner", is_guest=True, created_at=T0, **fields)
    session.add(user)
    session.commit()
    return user
