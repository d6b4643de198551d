"""What to study next: due learning cards, then due reviews, then new cards, within limits.

A request first reads "today" for the learner (the limits left) with one small
query over today's slice of ``ix_review_logs_user_time``; the card queries then scan
``ix_cards_user_state_due`` (leaving out siblings of today's questions, found by a subquery
over the same slice). None of them grows with the size of the review history.

This is the hottest path of the app (every practice step runs it), so each statement is
built once per shape (which filters apply, which kinds of card are still allowed today) and
cached; a request only binds its values. Building SQLAlchemy statements costs more than
SQLite takes to run these ones.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import Card, QuestionSibling, ReviewLog, User
from app.srs import focus
from app.srs.days import learning_day, today_bounds
from app.srs.interview import in_final_stretch, new_cards_quota
from app.srs.scheduler import LEARNING, NEW, RELEARNING, REVIEW

LEARN_AHEAD = timedelta(minutes=20)
# "Study more" once today's work is done (see study_more): reviews due by the end of the
# learning day AHEAD_DAYS on, soonest first; and at most EXTRA_NEW new cards a day beyond
# the learner's limit (each new card brings several reviews in the week after).
AHEAD_DAYS = 3
EXTRA_NEW = 10


@dataclass(frozen=True)
class Counts:
    new: int
    learning: int
    due: int
    # With a mock interview's focus: how many of its misses are due now (else None).
    focus: int | None = None

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "learning": self.learning, "due": self.due}


@dataclass(frozen=True)
class Filters:
    topic: str | None = None
    kind: str | None = None
    # "Practise now" from a mock report: that interview's misses come first (app.srs.focus).
    mock: int | None = None
    # "Study more" when today's work is done: "ahead" (reviews due soon) or "new" (new
    # cards beyond today's limit).
    more: str | None = None


@dataclass(frozen=True)
class Today:
    """The learner's day so far: its bounds and the limits left."""

    start: datetime
    end: datetime
    new_left: int
    reviews_left: int
    # The last days before an interview: the due reviews least likely recalled come first.
    weakest_first: bool = False


# Aggregates read plain columns of the tables (Core), which SQLAlchemy runs at about half
# the cost of the same statement over ORM attributes.
_cards, _logs, _siblings = Card.__table__, ReviewLog.__table__, QuestionSibling.__table__

_DONE_TODAY = (
    select(_logs.c.state_before, func.count())
    .where(
        _logs.c.user_id == bindparam("user_id"),
        _logs.c.reviewed_at >= bindparam("day_start"),
        _logs.c.source == "practice",
    )
    .group_by(_logs.c.state_before)
)


_UNSEEN = select(func.count()).where(
    _cards.c.user_id == bindparam("user_id"),
    _cards.c.state == NEW,
    _cards.c.suspended.is_(False),
)


def today(session: Session, *, user: User, now: datetime, extra_new: int = 0) -> Today:
    """Read today's reviews once: how many new cards and reviews remain (``extra_new``
    more new cards than the day's limit, when the learner asked for them)."""
    start, end = today_bounds(now, user.timezone)
    done = dict(session.execute(_DONE_TODAY, {"user_id": user.id, "day_start": start}).all())
    new_limit, day = user.new_per_day, learning_day(now, user.timezone)
    if user.interview_date is not None and day < user.interview_date:
        # Paced to the interview: counted from the cards unseen when the day began.
        unseen = (session.scalar(_UNSEEN, {"user_id": user.id}) or 0) + done.get(NEW, 0)
        new_limit = new_cards_quota(
            today=day, interview_date=user.interview_date, unseen=unseen, new_per_day=new_limit
        )
    return Today(
        start=start,
        end=end,
        new_left=max(0, new_limit + extra_new - done.get(NEW, 0)),
        reviews_left=max(0, user.max_reviews_per_day - done.get(REVIEW, 0)),
        weakest_first=in_final_stretch(day, user.interview_date),
    )


def _params(user: User, filters: Filters, day: Today, now: datetime) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "day_start": day.start,
        "topic": filters.topic,
        "kind": filters.kind,
        "now": now,
        "day_end": day.end,
    }


_reviewed = _cards.alias("reviewed")
# Siblings of the questions the learner reviewed today: they rest until tomorrow.
_BURIED_TODAY = (
    select(_siblings.c.sibling_id)
    .join(_reviewed, _reviewed.c.question_id == _siblings.c.question_id)
    .join(_logs, _logs.c.card_id == _reviewed.c.id)
    .where(_logs.c.user_id == bindparam("user_id"), _logs.c.reviewed_at >= bindparam("day_start"))
)


def _waiting(cards: Any, topic: bool, kind: bool) -> ColumnElement[bool]:
    """The learner's cards that may be shown now: not suspended, not buried, filtered.

    ``cards`` is the ``Card`` entity for statements that load cards, or the ``cards`` table
    for aggregates."""
    conditions = [
        cards.user_id == bindparam("user_id"),
        cards.suspended.is_(False),
        or_(cards.question_id.is_(None), cards.question_id.not_in(_BURIED_TODAY)),
        # buried by the learner: back when their next day begins
        or_(cards.buried_until.is_(None), cards.buried_until <= bindparam("now")),
    ]
    if topic:
        conditions.append(cards.topic == bindparam("topic"))
    if kind:
        conditions.append(cards.kind == bindparam("kind"))
    return and_(*conditions)


def _shape(filters: Filters) -> tuple[bool, bool]:
    return bool(filters.topic), bool(filters.kind)


def _learning(cards: Any) -> ColumnElement[bool]:
    # Spelled as OR rather than IN: a literal IN list is an "expanding" parameter that
    # SQLAlchemy rewrites on every execution.
    return or_(cards.state == LEARNING, cards.state == RELEARNING)


def _learning_due(cards: Any) -> ColumnElement[bool]:
    return _learning(cards) & (cards.due <= bindparam("now"))


def _review_due(cards: Any) -> ColumnElement[bool]:
    return (cards.state == REVIEW) & (cards.due < bindparam("day_end"))


@cache
def _counts_statement(topic: bool, kind: bool) -> Select[tuple[int, int, int]]:
    cards = _cards.c
    return select(
        # learning steps due later today count too (as in Anki): after Good on a new card
        # (next in 10 m) the learner sees "1 learning", not 0
        func.count(case((_learning(cards) & (cards.due < bindparam("day_end")), 1))),
        func.count(case((_review_due(cards), 1))),
        func.count(case((cards.state == NEW, 1))),
    ).where(_waiting(cards, topic, kind))


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
    statement = _counts_statement(*_shape(filters))
    learning, due, new = session.execute(statement, _params(user, filters, day, now)).one()
    focused = None
    if filters.mock is not None:
        misses = focus.interview_misses(session, user=user, interview_id=filters.mock)
        # none at all (another learner's interview, or nothing missed): no focus to speak of
        focused = focus.focus_left(session, user=user, card_ids=misses, now=now) if misses else None
    return Counts(
        new=min(new, day.new_left), learning=learning, due=min(due, day.reviews_left), focus=focused
    )


@cache
def _undone_statement(topic: bool, kind: bool) -> Select[tuple[Card]]:
    return select(Card).where(_waiting(Card, topic, kind), Card.id == bindparam("undo_card_id"))


@cache
def _next_statement(topic: bool, kind: bool, reviews: bool, new: bool) -> Select[tuple[Card]]:
    """Learning first, then reviews by due date, then new cards in bank order."""
    wanted = [_learning_due(Card)]
    if reviews:
        wanted.append(_review_due(Card))
    if new:
        wanted.append(Card.state == NEW)
    priority = case((_learning(Card), 0), (Card.state == REVIEW, 1), else_=2)
    bank_order = case((Card.state == NEW, Card.position), else_=0)
    return (
        select(Card)
        .where(_waiting(Card, topic, kind), or_(*wanted))
        .order_by(priority, bank_order, Card.due, Card.id)
        .limit(1)
    )


@cache
def _ahead_statement(topic: bool, kind: bool) -> Select[tuple[Card]]:
    """A learning step due within ``LEARN_AHEAD``, shown early when nothing else is left."""
    return (
        select(Card)
        .where(
            _waiting(Card, topic, kind),
            _learning(Card),
            Card.due <= bindparam("learn_ahead_until"),
        )
        .order_by(Card.due)
        .limit(1)
    )


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
    shape = _shape(filters)
    params = _params(user, filters, day, now)
    if user.undo_card_id is not None:
        params["undo_card_id"] = user.undo_card_id
        undone = session.scalar(_undone_statement(*shape), params)
        if undone is not None:
            return undone
    if filters.mock is not None:
        misses = focus.interview_misses(session, user=user, interview_id=filters.mock)
        if (
            first := focus.next_focus_card(session, user=user, card_ids=misses, now=now)
        ) is not None:
            return first
    statement = _next_statement(*shape, reviews=day.reviews_left > 0, new=day.new_left > 0)
    card = session.scalar(statement, params)
    if card is not None and card.state == REVIEW and day.weakest_first:
        return _weakest_due(session, shape, params, now) or card
    if card is not None:
        return card
    params["learn_ahead_until"] = now + LEARN_AHEAD
    card = session.scalar(_ahead_statement(*shape), params)
    if card is None and filters.more == "ahead":
        params["ahead_until"] = day.end + timedelta(days=AHEAD_DAYS)
        card = session.scalar(_review_ahead_statement(*shape), params)
    return card


def _reviewable_ahead(cards: Any) -> ColumnElement[bool]:
    """Reviews due by ``ahead_until`` (already due ones too, beyond the day's review limit)
    and not reviewed today, so a card learned ahead is not served again the same day."""
    return (
        (cards.state == REVIEW)
        & (cards.due < bindparam("ahead_until"))
        & or_(cards.last_review.is_(None), cards.last_review < bindparam("day_start"))
    )


@cache
def _review_ahead_statement(topic: bool, kind: bool) -> Select[tuple[Card]]:
    return (
        select(Card)
        .where(_waiting(Card, topic, kind), _reviewable_ahead(Card))
        .order_by(Card.due, Card.id)
        .limit(1)
    )


@dataclass(frozen=True)
class StudyMore:
    """What "study more" can offer once today's work is done."""

    ahead: int  # reviews due within AHEAD_DAYS, not reviewed today
    new: int  # new cards still allowed today beyond the limit (at most EXTRA_NEW a day)


@cache
def _study_more_statement(topic: bool, kind: bool) -> Select[tuple[int, int]]:
    cards = _cards.c
    return select(
        func.count(case((_reviewable_ahead(cards), 1))),
        func.count(case((cards.state == NEW, 1))),
    ).where(_waiting(cards, topic, kind))


def study_more(
    session: Session, *, user: User, now: datetime, filters: Filters = Filters()
) -> StudyMore:
    """How many reviews can be learned ahead and how many new cards beyond the limit."""
    day = today(session, user=user, now=now, extra_new=EXTRA_NEW)
    params = {
        **_params(user, filters, day, now),
        "ahead_until": day.end + timedelta(days=AHEAD_DAYS),
    }
    ahead, new = session.execute(_study_more_statement(*_shape(filters)), params).one()
    return StudyMore(ahead=ahead, new=min(new, day.new_left))


@cache
def _due_memory_statement(topic: bool, kind: bool) -> Select[tuple[int, float, datetime]]:
    cards = _cards.c
    return select(cards.id, cards.stability, cards.last_review).where(
        _waiting(cards, topic, kind), _review_due(cards)
    )


def _weakest_due(
    session: Session, shape: tuple[bool, bool], params: dict[str, Any], now: datetime
) -> Card | None:
    """The due review least likely to be recalled now. Recall falls as elapsed time over
    stability grows, whatever the parameters, so that ratio orders the cards."""
    rows = session.execute(_due_memory_statement(*shape), params).all()

    def forgetting(row: Any) -> float:
        _id, stability, last_review = row
        elapsed = (now - last_review).total_seconds() if last_review else 0.0
        return elapsed / max(stability or 0.0, 1e-6)

    weakest = max(rows, key=forgetting, default=None)
    return session.get(Card, weakest[0]) if weakest is not None else None


@cache
def _next_due_statement(topic: bool, kind: bool) -> Select[tuple[datetime]]:
    return (
        select(Card.due)
        .where(_waiting(Card, topic, kind), Card.state != NEW, Card.due > bindparam("now"))
        .order_by(Card.due)
        .limit(1)
    )


def next_due_at(
    session: Session,
    *,
    user: User,
    now: datetime,
    filters: Filters = Filters(),
    day: Today | None = None,
) -> datetime | None:
    """When the next card becomes due (for "come back at …" when nothing is left)."""
    day = day or today(session, user=user, now=now)
    return session.scalar(_next_due_statement(*_shape(filters)), _params(user, filters, day, now))
