"""What a learner can do with one of their cards from the question page: see its review
history, suspend it (it leaves practice until resumed) and resume it."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ServiceError
from app.models import User
from app.models.review import Card, ReviewLog

HISTORY_LIMIT = 50
LEECH_LAPSES = 8  # Anki's leech threshold


class CardActionError(ServiceError):
    """A card action that cannot be done (no such card of this learner)."""


@dataclass(frozen=True)
class CardSummary:
    card: Card
    history: list[ReviewLog]  # newest first, at most HISTORY_LIMIT

    @property
    def is_leech(self) -> bool:
        return self.card.lapses >= LEECH_LAPSES


def for_question(session: Session, *, user: User, question_id: str) -> CardSummary | None:
    """The learner's card for ``question_id`` with its recent reviews; None without one."""
    card = session.scalars(
        select(Card).where(Card.user_id == user.id, Card.question_id == question_id)
    ).first()
    if card is None:
        return None
    history = session.scalars(
        select(ReviewLog)
        .where(ReviewLog.card_id == card.id, ReviewLog.user_id == user.id)
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    return CardSummary(card, list(history))


def set_suspended(session: Session, *, user: User, card_id: int, suspended: bool) -> Card:
    """Suspend (or resume) one of the learner's own cards; 404 for anyone else's."""
    card = session.get(Card, card_id)
    if card is None or card.user_id != user.id:
        raise CardActionError(404, "card_id: no such card in your deck")
    card.suspended = suspended
    session.commit()
    return card
