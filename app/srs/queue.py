"""What to study next: due learning cards, then due reviews, then new cards, within limits.

A request first reads "today" for the learner (limits left, siblings buried) with two small
queries over today's slice of ``ix_review_logs_user_time``; the card queries then scan
``ix_cards_user_state_due``. None of them grows with the size of the review history.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import Card, QuestionSibling, ReviewLog, User
from app.srs.days import today_bounds
from app.srs.scheduler import LEARNING, NEW, RELEARNING, REVIEW

LEARN_AHEAD = timedelta(minutes=20)
LEARNING_STATES = (LEARNING, RELEARNING)


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


@dataclass(frozen=True)
class Today:
    """The learner's day so far: its bounds, the limits left, the questions buried."""

    start: datetime
    end: datetime
    new_left: int
    reviews_left: int
    buried: frozenset[str]


def today(session: Session, *, user: User, now: datetime) -> Today:
    """Read today's reviews once: how many new cards and reviews remain, which siblings rest."""
    start, end = today_bounds(now, user.timezone)
    done = dict(
        session.execute(
            select(ReviewLog.state_before, func.count())
            .where(
                ReviewLog.user_id == user.id,
                ReviewLog.reviewed_at >= start,
                ReviewLog.source == "practice",
            )
            .group_by(ReviewLog.state_before)
        ).all()
    )
    reviewed = (
        select(Card.question_id)
        .join(ReviewLog, ReviewLog.card_id == Card.id)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= start,
            Card.question_id.is_not(None),
        )
    )
    buried = session.scalars(
        select(QuestionSibling.sibling_id).where(QuestionSibling.question_id.in_(reviewed))
    )
    return Today(
        start=start,
        end=end,
        new_left=max(0, user.new_per_day - done.get(NEW, 0)),
        reviews_left=max(0, user.max_reviews_per_day - done.get(REVIEW, 0)),
        buried=frozenset(buried),
    )


def remaining_limits(session: Session, user: User, now: datetime) -> tuple[int, int]:
    """New cards and reviews the learner may still do today."""
    day = today(session, user=user, now=now)
    return day.new_left, day.reviews_left


def _base(user: User, filters: Filters, day: Today) -> Select[tuple[Card]]:
    stmt = select(Card).where(Card.user_id == user.id, Card.suspended.is_(False))
    if day.buried:
        stmt = stmt.where(or_(Card.question_id.is_(None), Card.question_id.not_in(day.buried)))
    if filters.topic:
        stmt = stmt.where(Card.topic == filters.topic)
    if filters.kind:
        stmt = stmt.where(Card.kind == filters.kind)
    return stmt


def counts(
    session: Session,
    *,
    user: User,
    now: datetime,
    filters: Filters = Filters(),
    day: Today | None = None,
) -> Counts:
    """How many new, learning and due-review cards are waiting today (one query)."""
    day = day or today(session, user=user, now=now)
    waiting = _base(user, filters, day).subquery()
    learning, due, new = session.execute(
        select(
            func.count(case(((waiting.c.state.in_(LEARNING_STATES)) & (waiting.c.due <= now), 1))),
            func.count(case(((waiting.c.state == REVIEW) & (waiting.c.due < day.end), 1))),
            func.count(case((waiting.c.state == NEW, 1))),
        )
    ).one()
    return Counts(new=min(new, day.new_left), learning=learning, due=min(due, day.reviews_left))


def next_card(
    session: Session,
    *,
    user: User,
    now: datetime,
    filters: Filters = Filters(),
    day: Today | None = None,
) -> Card | None:
    """The card to show now, or None when today's work (within the filters) is done."""
    day = day or today(session, user=user, now=now)
    base = _base(user, filters, day)
    if user.undo_card_id is not None:
        undone = session.scalar(base.where(Card.id == user.undo_card_id))
        if undone is not None:
            return undone
    learning_due = Card.state.in_(LEARNING_STATES) & (Card.due <= now)
    wanted = [learning_due]
    if day.reviews_left:
        wanted.append((Card.state == REVIEW) & (Card.due < day.end))
    if day.new_left:
        wanted.append(Card.state == NEW)
    # One query: learning first, then reviews by due date, then new cards in bank order.
    priority = case((Card.state.in_(LEARNING_STATES), 0), (Card.state == REVIEW, 1), else_=2)
    bank_order = case((Card.state == NEW, Card.position), else_=0)
    card = session.scalar(
        base.where(or_(*wanted)).order_by(priority, bank_order, Card.due, Card.id).limit(1)
    )
    if card is not None:
        return card
    ahead = (
        base.where(Card.state.in_(LEARNING_STATES), Card.due <= now + LEARN_AHEAD)
        .order_by(Card.due)
        .limit(1)
    )
    return session.scalar(ahead)


def next_due_at(
    session: Session, *, user: User, now: datetime, filters: Filters = Filters()
) -> datetime | None:
    """When the next card becomes due (for "come back at …" when nothing is left)."""
    day = today(session, user=user, now=now)
    stmt = (
        _base(user, filters, day)
        .where(Card.state != NEW, Card.due > now)
        .order_by(Card.due)
        .limit(1)
    )
    card = session.scalar(stmt)
    return card.due if card else None
