"""Weak cards: reviewed cards ranked by FSRS retrievability now (lowest first), then lapses."""

from datetime import timedelta

from app.models import Card
from app.srs.scheduler import NEW, REVIEW
from app.srs.weak_cards import weak_cards
from tests.factories import T0, make_learner


def _card(session, user, question_id, *, stability, days_ago, lapses=0, state=REVIEW, **kw):
    card = Card(
        user_id=user.id, question_id=question_id, kind="text", topic="cnn", state=state,
        stability=stability, difficulty=5.0, due=T0, lapses=lapses,
        last_review=T0 - timedelta(days=days_ago) if state != NEW else None, **kw,
    )  # fmt: skip
    session.add(card)
    return card


def test_weak_cards_rank_by_retrievability_then_lapses(session):
    user = make_learner(session)
    _card(session, user, "pooling", stability=30.0, days_ago=1)  # well remembered
    _card(session, user, "cnn-layers", stability=2.0, days_ago=20)  # forgotten by now
    _card(session, user, "what-is-a-cnn", stability=5.0, days_ago=10, lapses=1)
    _card(session, user, "why-cnn-for-images", stability=5.0, days_ago=10, lapses=4)
    _card(session, user, "valid-vs-same-padding", stability=None, days_ago=0, state=NEW)
    _card(session, user, "cnn-layers-2", stability=1.0, days_ago=30, suspended=True)
    session.commit()
    ranked = weak_cards(session, user=user, now=T0, limit=10)
    assert [w.question_id for w in ranked] == [
        "cnn-layers", "why-cnn-for-images", "what-is-a-cnn", "pooling",
    ]  # fmt: skip
    assert ranked[0].retrievability < ranked[1].retrievability == ranked[2].retrievability
    assert [w.question_id for w in weak_cards(session, user=user, now=T0, limit=1)] == [
        "cnn-layers"
    ]
    assert weak_cards(session, user=user, now=T0, limit=0) == []
