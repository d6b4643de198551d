"""The question bank: topics, questions, their key points and siblings."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, utcnow


class Topic(Base):
    __tablename__ = "topics"

    slug: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    source: Mapped[int | None] = mapped_column(Integer, unique=True)
    topic: Mapped[str] = mapped_column(ForeignKey("topics.slug"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    difficulty: Mapped[str] = mapped_column(String(10))
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    short_answer: Mapped[str | None] = mapped_column(Text)
    # [{label, phrases}]: wrong claims about the question as a whole.
    misconceptions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    correction: Mapped[str | None] = mapped_column(Text)
    templates: Mapped[list[str]] = mapped_column(JSON, default=list)
    worked_examples: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # Optimistic locking: every save bumps the version it was based on.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Hash of the bank entry as of the last `bank load`; tells admin edits from bank changes.
    bank_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    key_points: Mapped[list["KeyPoint"]] = relationship(
        back_populates="question",
        order_by="KeyPoint.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    sibling_links: Mapped[list["QuestionSibling"]] = relationship(
        foreign_keys="QuestionSibling.question_id",
        order_by="QuestionSibling.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def siblings(self) -> list[str]:
        return [link.sibling_id for link in self.sibling_links]


class KeyPoint(Base):
    __tablename__ = "key_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    question_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))
    phrases: Mapped[list[str]] = mapped_column(JSON)
    # [{label, phrases}]: claims asserting the opposite of this point.
    misconceptions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    question: Mapped[Question] = relationship(back_populates="key_points")


class QuestionSibling(Base):
    """A directed link "question asks the same thing as sibling"; the bank keeps both ways."""

    __tablename__ = "question_siblings"

    question_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    sibling_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
