"""What to study next: due learning cards, then due reviews, then new cards, within limits.

Every query is a range scan of ``ix_cards_user_state_due`` or of today's slice of
``ix_review_logs_user_time``; none grows with the size of the review history.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.models import Card, QuestionSibling, ReviewLog, User
from app.srs.days import today_bounds
from app.srs.scheduler import LEARNING, NEW, RELEARNING, REVIEW

LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class Counts:
    new: int
    learning: int
    due: int

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "learning": self.learning, "due": self.due}


@dataclass(frozen=True)
class Filters:
    topic: str | None = None
    kind: str | None = None


def _done_today(session: Session, user: User, start: datetime) -> dict[int, int]:
    """Today's practice reviews by the state the card was in (NEW counts against the new limit)."""
    stmt = (
        select(ReviewLog.state_before, func.count())
        .where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= start, ReviewLog.source == "practice")
        .group_by(ReviewLog.state_before)
    )
    return {state: n for state, n in session.execute(stmt)}


def _base(user: User, filters: Filters, start: datetime) -> Select[tuple[Card]]:
    reviewed_today = (
        select(Card.question_id)
        .join(ReviewLog, ReviewLog.card_id == Card.id)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= start,
            Card.question_id.is_not(None),
        )
    )
    buried = select(QuestionSibling.sibling_id).where(
        QuestionSibling.question_id.in_(reviewed_today)
    )
    stmt = select(Card).where(
        Card.user_id == user.id,
        Card.suspended.is_(False),
        or_(Card.question_id.is_(None), Card.question_id.not_in(buried)),
    )
    if filters.topic:
        stmt = stmt.where(Card.topic == filters.topic)
    if filters.kind:
        stmt = stmt.where(Card.kind == filters.kind)
    return stmt


def _count(session: Session, stmt: Select[tuple[Card]]) -> int:
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def remaining_limits(session: Session, user: User, now: datetime) -> tuple[int, int]:
    """New cards and reviews the learner may still do today."""
    start, _ = today_bounds(now, user.timezone)
    done = _done_today(session, user, start)
    return max(0, user.new_per_day - done.get(NEW, 0)), max(0, user.max_reviews_per_day - done.get(REVIEW, 0))


def counts(
    session: Session, *, user: User, now: datetime, filters: Filters = Filters(), limits: tuple[int, int] | None = None
) -> Counts:
    """How many new, learning and due-review cards are waiting today."""
    start, end = today_bounds(now, user.timezone)
    base = _base(user, filters, start)
    new_left, reviews_left = limits or remaining_limits(session, user, now)
    learning = _count(session, base.where(Card.state.in_((LEARNING, RELEARNING)), Card.due <= now))
    due = (
        _count(session, base.where(Card.state == REVIEW, Card.due < end).limit(reviews_left))
        if reviews_left
        else 0
    )
    new = _count(session, base.where(Card.state == NEW).limit(new_left)) if new_left else 0
    return Counts(new=new, learning=learning, due=due)


def next_card(
    session: Session, *, user: User, now: datetime, filters: Filters = Filters(), limits: tuple[int, int] | None = None
) -> Card | None:
    """The card to show now, or None when today's work (within the filters) is done."""
    start, end = today_bounds(now, user.timezone)
    base = _base(user, filters, start)
    if user.undo_card_id is not None:
        undone = session.scalar(base.where(Card.id == user.undo_card_id))
        if undone is not None:
            return undone
    new_left, reviews_left = limits or remaining_limits(session, user, now)
    candidates = [
        base.where(Card.state.in_((LEARNING, RELEARNING)), Card.due <= now).order_by(Card.due)
    ]
    if reviews_left:
        candidates.append(base.where(Card.state == REVIEW, Card.due < end).order_by(Card.due))
    if new_left:
        candidates.append(base.where(Card.state == NEW).order_by(Card.position, Card.id))
    candidates.append(
        base.where(Card.state.in_((LEARNING, RELEARNING)), Card.due <= now + LEARN_AHEAD).order_by(
            Card.due
        )
    )
    for stmt in candidates:
        card = session.scalar(stmt.limit(1))
        if card is not None:
            return card
    return None


def next_due_at(
    session: Session, *, user: User, now: datetime, filters: Filters = Filters()
) -> datetime | None:
    """When the next card becomes due (for "come back at …" when nothing is left)."""
    start, _ = today_bounds(now, user.timezone)
    stmt = (
        _base(user, filters, start)
        .where(Card.state != NEW, Card.due > now)
        .order_by(Card.due)
        .limit(1)
    )
    card = session.scalar(stmt)
    return card.due if card else None
