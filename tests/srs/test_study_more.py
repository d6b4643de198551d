"""Study more when today's work is done: reviews due in the next days, soonest first, and a
bounded number of new cards beyond the day's limit."""

from datetime import timedelta

from sqlalchemy import select

from app.models import Card
from app.srs import queue
from app.srs.deck import ensure_deck
from app.srs.practice import practice_view
from app.srs.reviews import ReviewInput, submit_review
from app.srs.scheduler import NEW, REVIEW
from tests.factories import T0, make_learner


def _learner_with_reviews(session, due_in_days):
    """A learner with no new cards allowed today and review cards due ``due_in_days`` on."""
    user = make_learner(session, new_per_day=0)
    ensure_deck(session, user=user, now=T0)
    cards = list(session.scalars(select(Card).where(Card.user_id == user.id).order_by(Card.id)))
    for card, days in zip(cards, due_in_days, strict=False):
        card.state, card.step, card.reps = REVIEW, None, 3
        card.stability, card.difficulty = 8.0, 5.0
        card.last_review, card.due = T0 - timedelta(days=6), T0 + timedelta(days=days)
    session.commit()
    return user, cards[: len(due_in_days)]


def _review(session, user, card, now, rating=3):
    data = ReviewInput(card_id=card.id, rating=rating)
    return submit_review(session, user=user, data=data, now=now, fuzzing=False)


def test_learn_ahead_serves_reviews_due_in_the_next_days_soonest_first(session):
    user, (soon, sooner, later) = _learner_with_reviews(session, [2.5, 1, 9])
    assert queue.next_card(session, user=user, now=T0) is None
    more = queue.study_more(session, user=user, now=T0)
    assert more.ahead == 2  # the one due in 9 days is beyond the window
    ahead = queue.Filters(more="ahead")
    first = queue.next_card(session, user=user, now=T0, filters=ahead)
    assert first.id == sooner.id
    result = _review(session, user, first, T0)
    session.refresh(first)
    # scheduled by FSRS from the moment of the review, like any other
    assert first.due > T0 + timedelta(days=1) and result["rating"] == 3
    second = queue.next_card(session, user=user, now=T0, filters=ahead)
    assert second.id == soon.id  # the card just reviewed ahead is not served again today
    _review(session, user, second, T0)
    assert queue.next_card(session, user=user, now=T0, filters=ahead) is None
    assert queue.study_more(session, user=user, now=T0).ahead == 0
    assert later.state == REVIEW and later.due == T0 + timedelta(days=9)


def test_learn_ahead_reviews_an_on_time_card_the_same_as_fsrs(session):
    user, (card,) = _learner_with_reviews(session, [2])
    from app.srs.learner import scheduler_for
    from app.srs.reviews import card_state
    from app.srs.scheduler import review

    expected = review(scheduler_for(user, fuzzing=False), card_state(card), 3, T0)
    _review(
        session,
        user,
        queue.next_card(session, user=user, now=T0, filters=queue.Filters(more="ahead")),
        T0,
    )
    session.refresh(card)
    assert (card.due, card.stability) == (expected.due, expected.stability)


def test_new_cards_beyond_the_limit_are_bounded(session):
    user, _ = _learner_with_reviews(session, [])
    assert queue.next_card(session, user=user, now=T0) is None
    assert queue.study_more(session, user=user, now=T0).new == queue.EXTRA_NEW
    more_new = queue.Filters(more="new")
    now = T0
    for _ in range(queue.EXTRA_NEW):
        view = practice_view(session, user=user, now=now, filters=more_new)
        assert view.card is not None and view.card.state == NEW
        assert view.counts.new >= 1
        _review(session, user, view.card, now, rating=4)
        now += timedelta(seconds=30)
    view = practice_view(session, user=user, now=now, filters=more_new)
    assert view.card is None and view.more.new == 0
    assert queue.study_more(session, user=user, now=now).new == 0
