"""A learner's weak cards: the reviewed cards they are least likely to recall right now.

Ranked by FSRS retrievability (lowest first), then by lapses (most first); cards never
reviewed and suspended cards are not weak, they are unknown.
"""

from dataclasses import dataclass
from datetime import datetime

from fsrs import Card as FsrsCard
from fsrs import Scheduler, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Card, User
from app.srs.scheduler import NEW

MAX_WEAK_CARDS = 200


@dataclass(frozen=True)
class WeakCard:
    question_id: str | None
    template_id: str | None
    retrievability: float
    lapses: int


def _retrievability(scheduler: Scheduler, card: Card, now: datetime) -> float:
    fsrs_card = FsrsCard(
        card_id=1, state=State(card.state), step=card.step, stability=card.stability,
        difficulty=card.difficulty, due=card.due, last_review=card.last_review,
    )  # fmt: skip
    return float(scheduler.get_card_retrievability(fsrs_card, now))


def weak_cards(session: Session, *, user: User, now: datetime, limit: int) -> list[WeakCard]:
    """Up to ``limit`` (at most ``MAX_WEAK_CARDS``) weakest reviewed cards of ``user``."""
    rows = session.scalars(
        select(Card).where(
            Card.user_id == user.id,
            Card.state != NEW,
            Card.suspended.is_(False),
            Card.last_review.is_not(None),
            Card.stability.is_not(None),
        )
    ).all()
    scheduler = Scheduler(desired_retention=user.desired_retention, enable_fuzzing=False)
    ranked = sorted(
        (
            WeakCard(r.question_id, r.template_id, _retrievability(scheduler, r, now), r.lapses)
            for r in rows
        ),
        key=lambda w: (w.retrievability, -w.lapses, w.question_id or "", w.template_id or ""),
    )
    return ranked[: max(0, min(limit, MAX_WEAK_CARDS))]
