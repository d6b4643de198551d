"""The learning count includes steps due later today (after Good on a new card: 1 learning)."""

from datetime import timedelta

from sqlalchemy import select

from app.models.review import Card
from app.srs import queue
from app.srs.deck import ensure_deck
from app.srs.scheduler import LEARNING
from tests.factories import T0, make_learner


def test_a_step_due_in_ten_minutes_counts_as_learning(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    session.commit()
    card = session.scalars(select(Card).where(Card.user_id == user.id)).first()
    card.state, card.step, card.due = LEARNING, 1, T0 + timedelta(minutes=10)
    session.commit()
    assert queue.counts(session, user=user, now=T0).learning == 1
    card.due = T0 + timedelta(days=2)  # a step due after today does not count
    session.commit()
    assert queue.counts(session, user=user, now=T0).learning == 0
