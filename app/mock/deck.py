"""Missed mock items go into the learner's deck as lapses, due now, each exactly once.

A self-assessment that turns a miss into a pass takes the lapse back (the card returns to
its state before the interview), unless the learner has reviewed the card since: that
review is theirs and stands.
"""

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Card, MockItem, ReviewLog, User
from app.srs.deck import ensure_deck
from app.srs.focus import MOCK_SOURCE, lapse_key
from app.srs.reviews import apply_state, card_state
from app.srs.scheduler import LEARNING, NEW, CardState, format_interval, lapse_now

SOURCE = MOCK_SOURCE


def _card_for(session: Session, user: User, item: MockItem) -> Card | None:
    stmt = select(Card).where(Card.user_id == user.id)
    if item.question_id:
        stmt = stmt.where(Card.question_id == item.question_id)
    elif item.template_id:
        stmt = stmt.where(Card.template_id == item.template_id)
    else:
        return None
    return session.scalar(stmt)


def schedule_miss(session: Session, *, user: User, item: MockItem, now: datetime) -> bool:
    """Make the item's card a lapse due now and log it; False when already done or no card.

    A never-studied card would stay in the new-card queue (ordered by bank position, not
    due date), so it becomes a learning card at its first step instead: due today for sure.
    """
    if item.extra.get("scheduled_at"):
        return False
    ensure_deck(session, user=user, now=now)
    card = _card_for(session, user, item)
    if card is None or card.suspended:
        return False
    before = card_state(card)
    after = lapse_now(before, now)
    if before.state == NEW:
        after = replace(after, state=LEARNING, step=0)
    previous = {**before.to_dict(), "current_seed": card.current_seed}
    apply_state(card, after)
    if card.template_id:
        card.current_seed = None  # fresh numbers when it comes back
    log = ReviewLog(
        user_id=user.id, card_id=card.id, rating=1, state_before=before.state, reviewed_at=now,
        answer=item.answer, correct=item.correct, seed=item.seed, source=SOURCE,
        # Unique per learner: the database itself refuses a second lapse for one item.
        idempotency_key=lapse_key(item.interview_id, item.position), previous=previous,
        # What practice answers if a client ever replays this key: a well-formed "Again"
        # (the review's id is added from the row).
        result={"card_id": card.id, "rating": 1, "next_due": after.due.isoformat(),
                "interval": format_interval(after.due - now), "source": SOURCE},
    )  # fmt: skip
    session.add(log)
    session.flush()
    item.extra = {**item.extra, "scheduled_at": now.isoformat()}
    return True


def unschedule_miss(session: Session, *, user: User, item: MockItem) -> bool:
    """Take back the lapse a missed item wrote; False when there is none or the card was
    reviewed since (then ``extra["practised_since"]`` says so and the schedule stays)."""
    if not item.extra.get("scheduled_at"):
        return False
    log = session.scalar(
        select(ReviewLog).where(
            ReviewLog.user_id == user.id,
            ReviewLog.source == SOURCE,
            ReviewLog.idempotency_key == lapse_key(item.interview_id, item.position),
        )
    )
    card = session.get(Card, log.card_id) if log is not None else None
    if log is not None and card is not None:
        later = select(ReviewLog.id).where(ReviewLog.card_id == card.id, ReviewLog.id > log.id)
        if session.scalar(later.limit(1)) is not None:
            item.extra = {**item.extra, "practised_since": True}
            return False
        apply_state(card, CardState.from_dict(log.previous))
        card.current_seed = log.previous.get("current_seed")
        session.delete(log)
    item.extra = {
        k: v for k, v in item.extra.items() if k not in ("scheduled_at", "practised_since")
    }
    session.flush()
    return True
