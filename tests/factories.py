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


def start_practising(client) -> None:  # type: ignore[no-untyped-def]
    """What a visitor's "Start practising" button does: a guest session. Looking at a page
    creates none (issue 12), so tests that begin on a learner's page begin here."""
    assert client.post("/api/v1/auth/guest").status_code == 201
