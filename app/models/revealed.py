"""Variants whose worked solution a learner has seen: those numbers earn no credit again."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class RevealedVariant(Base):
    __tablename__ = "revealed_variants"
    __table_args__ = (
        UniqueConstraint("user_id", "template_id", "seed", name="uq_revealed_variants_variant"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    template_id: Mapped[str] = mapped_column(String(40))
    seed: Mapped[int] = mapped_column(Integer)
    # The answer graded as the solution was first shown: rating that same attempt keeps its
    # verdict; any other answer to these numbers is practice. None: shown without an answer.
    answer: Mapped[str | None] = mapped_column(Text)
    revealed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
