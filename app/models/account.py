"""Learners and admins, their server-side sessions, and failed-login records."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow

ROLES = ("learner", "admin")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10), default="learner")
    is_guest: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Practice settings (Anki's defaults; the day starts at 04:00 in this time zone).
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    new_per_day: Mapped[int] = mapped_column(Integer, default=20)
    max_reviews_per_day: Mapped[int] = mapped_column(Integer, default=200)
    # The plan to the interview day (app.srs.interview): reviews are capped before it.
    interview_date: Mapped[date | None] = mapped_column(Date)
    # FSRS parameters fitted to this learner (app.srs.optimizer), None for the defaults;
    # the last fit's figures, and when it ran (a weekly refit is due a week later).
    fsrs_parameters: Mapped[list[float] | None] = mapped_column(JSON)
    fsrs_fit: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fsrs_fitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # After an undo, the restored card is shown next.
    undo_card_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuthSession(Base):
    """A login: the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LoginThrottle(Base):
    """Counted login (and current-password) attempts of one key, for app.accounts.throttle.

    ``key`` is a SHA-256 of the account (and address); ``version`` makes counting a
    compare-and-set, so concurrent attempts cannot both take the last free one."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    blocked_until: Mapped[datetime] = mapped_column(UTCDateTime)
