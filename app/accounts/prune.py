"""Remove what nobody can use any more: expired sessions, idle empty guests, old counters.

Run by ``backprop db prune`` and periodically by the server (``prune_interval_minutes``).
Every statement is a plain DELETE, so processes pruning at once do no harm.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, exists, or_, select
from sqlalchemy.orm import Session

from app.accounts import throttle
from app.accounts.service import SESSION_MAX_AGE
from app.config import Settings
from app.models import AuthSession, MockInterview, ReviewLog, User

GUEST_IDLE = timedelta(days=30)


@dataclass(frozen=True)
class PruneReport:
    sessions: int
    guests: int
    counters: int

    def summary(self) -> str:
        return (
            f"Removed {self.sessions} expired sessions, {self.guests} idle guests and "
            f"{self.counters} old login counters."
        )


def prune(
    session: Session,
    *,
    now: datetime,
    max_session_age: timedelta = SESSION_MAX_AGE,
    guest_idle: timedelta = GUEST_IDLE,
) -> PruneReport:
    """Delete expired sessions, guests idle for ``guest_idle`` that never reviewed, and
    stale login counters; commits."""
    sessions = session.execute(
        delete(AuthSession).where(
            or_(AuthSession.expires_at <= now, AuthSession.created_at <= now - max_session_age)
        )
    ).rowcount
    guests = session.execute(
        delete(User).where(User.id.in_(_idle_guests(now - guest_idle)))
    ).rowcount
    counters = throttle.prune(session, now)
    session.commit()
    return PruneReport(sessions or 0, guests or 0, counters)


def _idle_guests(cutoff: datetime) -> Select[tuple[int]]:
    """Guests created before ``cutoff``, not seen since, with no review or interview."""
    seen_recently = exists().where(
        AuthSession.user_id == User.id, AuthSession.last_seen_at > cutoff
    )
    reviewed = exists().where(ReviewLog.user_id == User.id)
    interviewed = exists().where(MockInterview.user_id == User.id)
    return select(User.id).where(
        User.is_guest.is_(True),
        User.created_at <= cutoff,
        ~seen_recently,
        ~reviewed,
        ~interviewed,
    )


def prune_by_settings(session: Session, *, settings: Settings, now: datetime) -> PruneReport:
    """:func:`prune` with the lifetimes configured in ``settings``."""
    return prune(
        session,
        now=now,
        max_session_age=timedelta(days=settings.session_max_age_days),
        guest_idle=timedelta(days=settings.guest_idle_days),
    )
