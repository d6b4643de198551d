"""The plan to the interview day over a simulated learner, with a controlled clock."""

from datetime import date, timedelta

import numpy as np
from sqlalchemy import select

from app.models import Card
from app.srs import queue
from app.srs.deck import ensure_deck
from app.srs.interview import decay, interview_moment, retrievability
from app.srs.plan import DEFAULT_SECONDS_PER_CARD, get_plan, what_ifs
from app.srs.reviews import ReviewInput, submit_review
from tests.factories import T0, make_learner

INTERVIEW = date(2026, 3, 16)


def _study(session, user, now, count, duration_ms=None):
    for _ in range(count):
        card = queue.next_card(session, user=user, now=now)
        data = ReviewInput(card_id=card.id, rating=4, duration_ms=duration_ms)
        submit_review(session, user=user, data=data, now=now, fuzzing=False)


def test_plan_readiness_is_projected_recall_on_the_day_with_unseen_cards_at_zero(session):
    user = make_learner(session, interview_date=INTERVIEW)
    deck = ensure_deck(session, user=user, now=T0)
    _study(session, user, T0, 12)
    plan = get_plan(session, user=user, now=T0)
    at = (interview_moment(INTERVIEW, "UTC") - T0).total_seconds() / 86400
    studied = session.execute(
        select(Card.stability, Card.last_review).where(Card.user_id == user.id, Card.state != 0)
    ).all()
    elapsed = np.array([at - (r.last_review - T0).total_seconds() / 86400 for r in studied])
    recall = retrievability(elapsed, np.array([r.stability for r in studied]), decay(None))
    assert len(studied) == 12
    assert abs(plan.readiness - recall.sum() / deck) < 1e-9
    assert plan.days_left == 14 and plan.interview_date == INTERVIEW
    weighted = sum(t.readiness * t.cards for t in plan.topics) / sum(t.cards for t in plan.topics)
    assert abs(weighted - plan.readiness) < 1e-9


def test_plan_forecast_follows_the_paced_plan_to_the_day(session):
    user = make_learner(session, interview_date=INTERVIEW, new_per_day=5)
    ensure_deck(session, user=user, now=T0)
    plan = get_plan(session, user=user, now=T0)
    assert plan.readiness == 0.0  # nothing seen yet
    assert plan.forecast > 0.8  # every card introduced and reviewed before the day
    assert plan.new_cards_done_by <= INTERVIEW - timedelta(days=3)
    assert plan.points[0] == date(2026, 3, 2) and plan.points[-1] == INTERVIEW
    assert len(plan.curve) == len(plan.points) == len(plan.if_you_stop) == 15
    assert plan.curve[-1] == plan.forecast and plan.if_you_stop[-1] == plan.readiness
    assert plan.seconds_per_card == DEFAULT_SECONDS_PER_CARD and plan.daily_minutes > 0


def test_plan_minutes_come_from_the_learners_own_answer_times(session):
    quick, slow = (make_learner(session, interview_date=INTERVIEW) for _ in range(2))
    for user, duration in ((quick, 5_000), (slow, 40_000)):
        ensure_deck(session, user=user, now=T0)
        _study(session, user, T0, 5, duration_ms=duration)
    fast_plan, slow_plan = (get_plan(session, user=u, now=T0) for u in (quick, slow))
    assert (fast_plan.seconds_per_card, slow_plan.seconds_per_card) == (5.0, 40.0)
    assert slow_plan.daily_minutes > 4 * fast_plan.daily_minutes


def test_plan_without_a_date_gives_todays_recall_and_the_daily_limit_pace(session):
    user = make_learner(session, new_per_day=20)
    deck = ensure_deck(session, user=user, now=T0)
    plan = get_plan(session, user=user, now=T0)
    assert plan.forecast is None and plan.days_left is None and plan.points == []
    assert plan.new_cards_done_by == date(2026, 3, 2) + timedelta(days=-(-deck // 20) - 1)
    assert plan.daily_minutes == 14  # 20 new cards, two views each, 20 s a view: 13.3 min


def test_plan_what_ifs_compare_new_cards_a_day(session):
    user = make_learner(session, interview_date=date(2026, 3, 12))
    ensure_deck(session, user=user, now=T0)
    few, many = what_ifs(session, user=user, now=T0, options=[5, 20], minutes_per_day=60)
    assert few.new_cards_done_by is None  # 5 a day cannot cover the deck in 10 days
    assert many.readiness > few.readiness
