"""Each learner's deck: one card per question and per template, and the review log."""

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
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow

# Card states: fsrs's Learning/Review/Relearning, plus NEW for never-reviewed cards.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
KINDS = ("text", "numeric")


class Card(Base):
    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id", name="uq_cards_user_question"),
        UniqueConstraint("user_id", "template_id", name="uq_cards_user_template"),
        # "Next due card" is an index range scan whatever the history size.
        Index("ix_cards_user_state_due", "user_id", "state", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[str | None] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    template_id: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[int] = mapped_column(Integer, default=NEW)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    # The variant a template card is showing, so a reload shows the same numbers.
    current_seed: Mapped[int | None] = mapped_column(Integer)
    # Buried by the learner: out of practice until this moment (the start of their next day).
    buried_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The learner's own note, shown with the answer.
    note: Mapped[str | None] = mapped_column(Text)


class ReviewLog(Base):
    __tablename__ = "review_logs"
    __table_args__ = (
        # Keys are scoped by source: a client key can never collide with a mock's own key.
        UniqueConstraint(
            "user_id", "source", "idempotency_key", name="uq_review_logs_user_source_key"
        ),
        Index("ix_review_logs_user_time", "user_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    state_before: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(Text)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    seed: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10), default="practice")
    # The learner counted a wrong numeric answer as a slip ("I mistyped — count it"): the
    # review was recorded as correct on their word, not the checker's.
    overridden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    # The card exactly as it was before this review: undo restores it (fsrs has no rollback).
    previous: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What the client was told, returned again for a repeated idempotency key.
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
