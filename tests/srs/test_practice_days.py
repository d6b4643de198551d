"""The deck and queue over simulated days, with a controlled clock."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.models import Card, ReviewLog
from app.srs import queue
from app.srs.days import learning_day, today_bounds
from app.srs.deck import ensure_deck
from app.srs.reviews import ReviewError, ReviewInput, submit_review, undo_last
from app.srs.scheduler import NEW, REVIEW
from tests.conftest import bank_size
from tests.factories import T0, make_learner


def _review(session, user, card, rating, now, **extra):
    return submit_review(
        session,
        user=user,
        data=ReviewInput(card_id=card.id, rating=rating, **extra),
        now=now,
        fuzzing=False,
    )


def _next(session, user, now, **filters):
    return queue.next_card(session, user=user, now=now, filters=queue.Filters(**filters))


def _study(session, user, now, limit=25, **filters):
    """Answer Easy to whatever comes next, up to ``limit`` cards; the questions shown."""
    shown = []
    for _ in range(limit):
        nxt = _next(session, user, now, **filters)
        if nxt is None:
            break
        shown.append(nxt.question_id)
        _review(session, user, nxt, 4, now)
    return shown


def test_deck_has_a_card_per_question_and_template(session):
    from app.engine import list_templates

    user = make_learner(session)
    added = ensure_deck(session, user=user, now=T0)
    assert added == bank_size()[0] + len(list_templates())
    assert ensure_deck(session, user=user, now=T0) == 0
    kinds = dict(
        session.execute(
            select(Card.kind, func.count()).where(Card.user_id == user.id).group_by(Card.kind)
        ).all()
    )
    assert kinds == {"text": bank_size()[0], "numeric": len(list_templates())}


def test_queue_new_cards_stop_at_the_daily_limit_and_resume_tomorrow(session):
    user = make_learner(session, new_per_day=3)
    ensure_deck(session, user=user, now=T0)
    now = T0
    for _ in range(3):
        card = _next(session, user, now)
        assert card.state == NEW
        _review(session, user, card, 4, now)  # Easy: straight to review, days away
        now += timedelta(minutes=1)
    assert queue.counts(session, user=user, now=now).new == 0
    assert _next(session, user, now) is None
    tomorrow = now + timedelta(days=1)
    assert queue.counts(session, user=user, now=tomorrow).new == 3


def test_queue_learning_cards_come_back_in_minutes_before_new_ones(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    first = _next(session, user, T0)
    _review(session, user, first, 1, T0)  # Again: due in 1 minute
    later = T0 + timedelta(minutes=2)
    assert _next(session, user, later).id == first.id
    assert queue.counts(session, user=user, now=later).learning == 1


def test_queue_siblings_are_buried_for_the_day(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    card = session.scalar(
        select(Card).where(Card.user_id == user.id, Card.question_id == "what-is-deep-learning")
    )
    _review(session, user, card, 4, T0)
    assert "what-is-deep-learning-2" not in _study(session, user, T0, topic="fundamentals")
    shown_tomorrow = _study(session, user, T0 + timedelta(days=1), topic="fundamentals")
    assert "what-is-deep-learning-2" in shown_tomorrow  # buried for one day only


def test_queue_filters_by_topic_and_kind(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    numeric = _next(session, user, T0, kind="numeric")
    assert numeric.kind == "numeric" and numeric.template_id
    cnn = _next(session, user, T0, topic="cnn", kind="text")
    assert cnn.topic == "cnn" and cnn.kind == "text"


def test_reviews_due_cards_return_after_their_interval_and_lapses_relearn(session):
    user = make_learner(session, new_per_day=1)
    ensure_deck(session, user=user, now=T0)
    card = _next(session, user, T0)
    _review(session, user, card, 4, T0)
    session.refresh(card)
    assert card.state == REVIEW
    due_day = card.due
    assert (
        _next(session, user, T0 + timedelta(minutes=5)) is None
    )  # the only new card today is done
    assert _next(session, user, due_day + timedelta(minutes=1)).id == card.id
    _review(session, user, card, 1, due_day + timedelta(minutes=1))
    session.refresh(card)
    assert card.lapses == 1 and card.state == 3


def test_reviews_idempotency_key_records_once(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    card = _next(session, user, T0)
    first = _review(session, user, card, 3, T0, idempotency_key="abc")
    again = _review(session, user, card, 1, T0 + timedelta(seconds=1), idempotency_key="abc")
    assert again == first
    assert (
        session.scalar(
            select(func.count()).select_from(ReviewLog).where(ReviewLog.user_id == user.id)
        )
        == 1
    )


def test_undo_restores_the_exact_state_and_shows_the_card_next(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    card = _next(session, user, T0)
    before = (card.state, card.step, card.stability, card.difficulty, card.due, card.reps)
    _review(session, user, card, 4, T0)
    undone = undo_last(session, user=user)
    session.refresh(card)
    assert undone["card_id"] == card.id
    assert (card.state, card.step, card.stability, card.difficulty, card.due, card.reps) == before
    assert _next(session, user, T0 + timedelta(minutes=1)).id == card.id
    with pytest.raises(ReviewError):
        undo_last(session, user=user)


def test_numeric_answers_are_graded_by_the_engine(session):
    from app.engine import format_answer, generate
    from app.srs.reviews import variant_seed

    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    card = _next(session, user, T0, kind="numeric")
    seed = variant_seed(session, card)
    right = format_answer(generate(card.template_id, seed).answer)
    result = submit_review(
        session,
        user=user,
        data=ReviewInput(card_id=card.id, answer=right, rating=4),
        now=T0,
        fuzzing=False,
    )
    assert result["correct"] is True and result["rating"] == 4
    card2 = _next(session, user, T0, kind="numeric")
    variant_seed(session, card2)
    wrong = submit_review(
        session,
        user=user,
        data=ReviewInput(card_id=card2.id, answer="123456789", rating=4),
        now=T0,
        fuzzing=False,
    )
    assert wrong["correct"] is False and wrong["rating"] == 1
    with pytest.raises(ReviewError) as info:
        submit_review(
            session,
            user=user,
            data=ReviewInput(card_id=card2.id, answer="not a number"),
            now=T0,
            fuzzing=False,
        )
    assert info.value.status == 422


def test_days_start_at_four_in_the_learners_time_zone():
    # 02:30 in Paris on 3 March is still the learning day of 2 March
    from datetime import UTC, datetime

    moment = datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    assert learning_day(moment, "Europe/Paris").isoformat() == "2026-03-02"
    assert learning_day(moment + timedelta(hours=2), "Europe/Paris").isoformat() == "2026-03-03"
    start, end = today_bounds(moment, "America/New_York")
    assert (start.hour, end - start) == (9, timedelta(days=1))  # 04:00 EST is 09:00 UTC


def test_daily_limits_follow_the_learners_time_zone(session):
    user = make_learner(session, new_per_day=1, timezone="Asia/Tokyo")
    ensure_deck(session, user=user, now=T0)
    # T0 is 19:00 in Tokyo; the Tokyo day ends at 04:00 local = 19:00 UTC
    card = _next(session, user, T0)
    _review(session, user, card, 4, T0)
    assert queue.counts(session, user=user, now=T0 + timedelta(hours=8, minutes=59)).new == 0
    assert queue.counts(session, user=user, now=T0 + timedelta(hours=9, minutes=1)).new == 1
