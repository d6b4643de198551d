"""The interview plan's scheduling: capped intervals, paced new cards, weakest first."""

from datetime import date, timedelta

import numpy as np
import pytest
from fsrs import Card as FsrsCard
from fsrs import Scheduler, State
from sqlalchemy import select

from app.models import Card
from app.srs import queue, settings_service
from app.srs.days import day_start
from app.srs.deck import ensure_deck
from app.srs.interview import (
    decay,
    in_final_stretch,
    new_cards_quota,
    retrievability,
    review_deadline,
)
from app.srs.reviews import ReviewInput, submit_review
from app.srs.scheduler import REVIEW
from tests.factories import T0, make_learner

INTERVIEW = date(2026, 3, 16)  # two weeks after T0 (Monday 2 March)


def test_interview_deadline_is_the_eve_then_the_day_then_none():
    eve, day = day_start(date(2026, 3, 15), "UTC"), day_start(INTERVIEW, "UTC")
    assert review_deadline(INTERVIEW, "UTC", T0) == eve
    assert review_deadline(INTERVIEW, "UTC", eve + timedelta(hours=1)) == day
    assert review_deadline(INTERVIEW, "UTC", day + timedelta(hours=1)) is None
    assert review_deadline(None, "UTC", T0) is None


def test_interview_new_cards_quota_introduces_the_deck_three_days_before():
    today = date(2026, 3, 2)
    assert new_cards_quota(today=today, interview_date=None, unseen=150, new_per_day=20) == 20
    # 11 days until the 13th (three days before the 16th): 150 / 11 → 14, below the limit.
    assert new_cards_quota(today=today, interview_date=INTERVIEW, unseen=150, new_per_day=10) == 14
    assert new_cards_quota(today=today, interview_date=INTERVIEW, unseen=150, new_per_day=20) == 20
    late = date(2026, 3, 14)
    assert new_cards_quota(today=late, interview_date=INTERVIEW, unseen=7, new_per_day=1) == 7
    assert new_cards_quota(today=INTERVIEW, interview_date=INTERVIEW, unseen=7, new_per_day=1) == 1


def test_interview_final_stretch_is_the_last_three_days():
    assert not in_final_stretch(date(2026, 3, 12), INTERVIEW)
    assert in_final_stretch(date(2026, 3, 13), INTERVIEW)
    assert in_final_stretch(date(2026, 3, 15), INTERVIEW)
    assert not in_final_stretch(INTERVIEW, INTERVIEW)
    assert not in_final_stretch(date(2026, 3, 13), None)


def test_interview_retrievability_matches_fsrs():
    scheduler = Scheduler()
    card = FsrsCard(
        card_id=1, state=State.Review, step=None, stability=7.5, difficulty=5.0,
        due=T0, last_review=T0,
    )  # fmt: skip
    for days in (0, 1, 3, 10, 40):
        expected = scheduler.get_card_retrievability(card, T0 + timedelta(days=days))
        got = retrievability(np.array(float(days)), np.array(7.5), decay(None))
        assert abs(float(got) - expected) < 1e-9


def _mature_card(session, user, *, stability, days_ago, due_in):
    card = session.scalar(
        select(Card).where(Card.user_id == user.id, Card.state == 0).order_by(Card.position)
    )
    card.state, card.step, card.stability, card.difficulty = REVIEW, None, stability, 5.0
    card.last_review, card.due = T0 - timedelta(days=days_ago), T0 + timedelta(days=due_in)
    card.reps = 3
    session.commit()
    return card


def _review(session, user, card, rating, now):
    data = ReviewInput(card_id=card.id, rating=rating)
    return submit_review(session, user=user, data=data, now=now, fuzzing=False)


def test_interview_review_is_capped_at_the_eve_and_uncapped_after_the_day(session):
    user = make_learner(session, interview_date=INTERVIEW)
    ensure_deck(session, user=user, now=T0)
    card = _mature_card(session, user, stability=60.0, days_ago=60, due_in=0)
    _review(session, user, card, 3, T0)
    session.refresh(card)
    assert card.due == day_start(date(2026, 3, 15), "UTC")
    after = day_start(INTERVIEW, "UTC") + timedelta(hours=2)
    _review(session, user, card, 3, after)
    session.refresh(card)
    assert card.due > after + timedelta(days=30)  # normal FSRS again


def test_interview_setting_a_date_brings_later_reviews_forward(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    far = _mature_card(session, user, stability=90.0, days_ago=10, due_in=80)
    values = settings_service.get(user).model_copy(update={"interview_date": INTERVIEW})
    settings_service.update(session, user=user, values=values, now=T0)
    session.refresh(far)
    assert far.due == day_start(date(2026, 3, 15), "UTC")
    new_cards = session.scalars(select(Card.due).where(Card.user_id == user.id, Card.state == 0))
    assert all(due == T0 for due in new_cards)  # unseen cards are untouched


def test_interview_pacing_raises_the_new_card_limit_near_the_day(session):
    user = make_learner(session, new_per_day=5, interview_date=date(2026, 3, 7))
    deck = ensure_deck(session, user=user, now=T0)
    # Two days until the 5th (three before the 7th): half the deck today.
    assert queue.counts(session, user=user, now=T0).new == -(-deck // 2)
    user.interview_date = None
    assert queue.counts(session, user=user, now=T0).new == 5


def test_interview_final_stretch_takes_the_weakest_due_review_first(session):
    user = make_learner(session, new_per_day=0)
    ensure_deck(session, user=user, now=T0)
    sturdy = _mature_card(session, user, stability=50.0, days_ago=5, due_in=-3)
    shaky = _mature_card(session, user, stability=2.0, days_ago=4, due_in=-1)
    assert queue.next_card(session, user=user, now=T0).id == sturdy.id  # by due date
    user.interview_date = date(2026, 3, 4)
    assert queue.next_card(session, user=user, now=T0).id == shaky.id


def test_interview_date_validation_names_the_field(session):
    user = make_learner(session)
    values = settings_service.get(user)
    for bad in (date(2026, 3, 1), date(2029, 1, 1)):  # yesterday; beyond two years
        with pytest.raises(ValueError, match="^interview_date:"):
            settings_service.update(
                session, user=user, values=values.model_copy(update={"interview_date": bad}), now=T0
            )
    assert user.interview_date is None
