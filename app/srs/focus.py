"""A practice session that starts with one mock interview's misses ("Practise now").

The focus is a query parameter (the interview's id), not stored state: it lives only in
the links and forms of that session, names at most one interview (so at most
``rules.MAX_COUNT`` cards), and needs nothing cleared when the misses are done. The cards
are found from the interview's lapses in the review log, so a miss the learner took back
("Got it" after all, which deletes its lapse) is no longer served first.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Card, ReviewLog, User
from app.srs.scheduler import NEW

MOCK_SOURCE = "mock"  # ReviewLog.source of the lapses a mock interview writes


def _lapse_prefix(interview_id: int) -> str:
    return f"mock-{interview_id}-"


def lapse_key(interview_id: int, position: int) -> str:
    """The idempotency key of the lapse a missed item writes (unique per learner)."""
    return f"{_lapse_prefix(interview_id)}{position}"


def interview_misses(session: Session, *, user: User, interview_id: int) -> tuple[int, ...]:
    """The cards the learner's interview put into the deck, in interview order; none for
    an interview that is not theirs."""
    rows = session.execute(
        select(ReviewLog.card_id, ReviewLog.idempotency_key).where(
            ReviewLog.user_id == user.id,
            ReviewLog.source == MOCK_SOURCE,
            ReviewLog.idempotency_key.startswith(_lapse_prefix(interview_id)),
        )
    ).all()
    by_position = sorted(rows, key=lambda row: int(str(row[1]).rsplit("-", 1)[1]))
    return tuple(dict.fromkeys(card_id for card_id, _key in by_position))


def _due_now(user: User, card_ids: Sequence[int], now: datetime):  # type: ignore[no-untyped-def]
    # Burying siblings does not apply: the learner asked for exactly these cards.
    return (
        Card.id.in_(card_ids),
        Card.user_id == user.id,
        Card.suspended.is_(False),
        Card.state != NEW,
        Card.due <= now,
    )


def next_focus_card(
    session: Session, *, user: User, card_ids: Sequence[int], now: datetime
) -> Card | None:
    """The focus card due longest, or None when all of them are done for now."""
    if not card_ids:
        return None
    return session.scalar(
        select(Card).where(*_due_now(user, card_ids, now)).order_by(Card.due, Card.id).limit(1)
    )


def focus_left(session: Session, *, user: User, card_ids: Sequence[int], now: datetime) -> int:
    """How many of the focus cards are due now."""
    if not card_ids:
        return 0
    return session.scalar(select(func.count()).where(*_due_now(user, card_ids, now))) or 0
