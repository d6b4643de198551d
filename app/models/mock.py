"""Timed mock interviews and their items; deadlines live here, not in a process."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class MockInterview(Base):
    __tablename__ = "mock_interviews"
    __table_args__ = (Index("ix_mock_interviews_user_started", "user_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seconds_per_question: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    include_numeric: Mapped[bool] = mapped_column(Boolean, default=True)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Filled when finished: total score 0..1 and whether misses went into the deck.
    score: Mapped[float | None] = mapped_column(Float)
    misses_scheduled: Mapped[bool] = mapped_column(Boolean, default=False)


class MockItem(Base):
    __tablename__ = "mock_items"
    __table_args__ = (UniqueConstraint("interview_id", "position", name="uq_mock_items_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("mock_interviews.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    template_id: Mapped[str | None] = mapped_column(String(40))
    seed: Mapped[int | None] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(40))
    # The deadline starts when the item is first shown.
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(Text)
    timed_out: Mapped[bool] = mapped_column(Boolean, default=False)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    points_hit: Mapped[list[str]] = mapped_column(JSON, default=list)
    points_missed: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Automatic score 0..1, then the learner's own assessment (got it / partly / missed) if given.
    auto_score: Mapped[float | None] = mapped_column(Float)
    self_score: Mapped[float | None] = mapped_column(Float)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
