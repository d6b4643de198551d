"""Fitted FSRS parameters from simulated learners' review logs."""

from datetime import timedelta

import pytest
from fsrs_rs_python import DEFAULT_PARAMETERS

from app.srs import optimizer
from app.srs.deck import ensure_deck
from app.srs.learner import scheduler_for
from tests.factories import T0, make_learner
from tests.srs.learners import FORGETFUL, add_history

START = T0 - timedelta(days=120)


# Two learners drawn from the forgetful model (20 of 20 seeds of this size fitted better).
@pytest.mark.parametrize("seed", [1, 2])
def test_optimizer_fits_simulated_learners_better_than_the_defaults(session, seed):
    user = make_learner(session)
    ensure_deck(session, user=user, now=START)
    added = add_history(
        session, user, parameters=FORGETFUL, start=START, days=120, cards=90, seed=seed
    )
    outcome = optimizer.optimize(session, user=user, now=T0)
    assert outcome.reviews_used == added > 300
    assert outcome.adopted, outcome.reason
    assert outcome.log_loss_fitted < outcome.log_loss_default
    session.refresh(user)
    assert len(user.fsrs_parameters) == 21 and user.fsrs_parameters != list(DEFAULT_PARAMETERS)
    assert list(scheduler_for(user).parameters) == user.fsrs_parameters
    assert optimizer.last_fit(user) == outcome and user.fsrs_fitted_at == T0


def test_optimizer_keeps_the_defaults_with_too_little_history(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=START)
    add_history(session, user, parameters=FORGETFUL, start=START, days=30, cards=8)
    outcome = optimizer.optimize(session, user=user, now=T0)
    assert not outcome.adopted
    assert outcome.reason.startswith("too little history")
    assert outcome.log_loss_fitted is None
    session.refresh(user)
    assert user.fsrs_parameters is None
    assert scheduler_for(user).parameters == scheduler_for(make_learner(session)).parameters


def test_optimizer_weekly_refit_is_claimed_once_a_week_and_only_with_history(session):
    newcomer, veteran = make_learner(session), make_learner(session)
    ensure_deck(session, user=veteran, now=START)
    add_history(session, veteran, parameters=FORGETFUL, start=START, days=120, cards=60)
    assert not optimizer.claim_weekly_refit(session, user=newcomer, now=T0)
    assert optimizer.claim_weekly_refit(session, user=veteran, now=T0)
    session.refresh(veteran)
    assert not optimizer.claim_weekly_refit(session, user=veteran, now=T0 + timedelta(days=6))
    assert optimizer.claim_weekly_refit(session, user=veteran, now=T0 + timedelta(days=7))


def test_optimizer_weekly_refit_runs_in_the_background(session, sessions):
    user = make_learner(session)
    ensure_deck(session, user=user, now=START)
    add_history(session, user, parameters=FORGETFUL, start=START, days=120, cards=90)
    started = optimizer.refit_weekly(session, sessions, user=user, now=T0)
    assert started is not None
    started.result(timeout=60)
    assert optimizer.refit_weekly(session, sessions, user=user, now=T0) is None
    session.expire_all()
    assert user.fsrs_fit["adopted"] is True and user.fsrs_parameters is not None


def test_optimizer_refuses_parameters_the_scheduler_would_not_take(session, monkeypatch):
    user = make_learner(session)
    rogue = {"adopted": True, "reason": "", "reviews_used": 500, "log_loss_default": 0.4,
             "log_loss_fitted": 0.3, "parameters": [100.0] * 21}  # fmt: skip

    monkeypatch.setattr(optimizer, "_fit", lambda histories: dict(rogue))
    outcome = optimizer.optimize(session, user=user, now=T0)
    assert not outcome.adopted and "outside" in outcome.reason
    assert user.fsrs_parameters is None
