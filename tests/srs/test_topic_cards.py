"""Per topic: questions and drills, studied, mature and suspended cards (app.srs.topic_cards)."""

from sqlalchemy import select

from app.models import Card, Question
from app.srs.deck import ensure_deck
from app.srs.scheduler import LEARNING, REVIEW
from app.srs.topic_cards import OTHER_DRILLS, OTHER_DRILLS_TITLE, topic_cards
from tests.factories import T0, make_learner


def _cnn(session, user):
    return next(t for t in topic_cards(session, user=user) if t.topic == "cnn")


def test_topic_cards_split_questions_and_drills_and_end_with_other_drills(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    topics = topic_cards(session, user=user)
    cards = session.scalars(select(Card).where(Card.user_id == user.id)).all()
    assert sum(t.questions for t in topics) == sum(c.kind == "text" for c in cards)
    assert sum(t.drills for t in topics) == sum(c.kind == "numeric" for c in cards)
    assert [t.topic for t in topics if not t.in_bank] == [OTHER_DRILLS]
    assert topics[-1].title == OTHER_DRILLS_TITLE and topics[-1].questions == 0
    cnn = _cnn(session, user)
    assert cnn.total == cnn.questions + cnn.drills and cnn.studied == cnn.mature == 0


def test_topic_cards_leave_out_retired_questions_and_count_suspended_ones_apart(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    before = _cnn(session, user)
    cards = session.scalars(
        select(Card).where(Card.user_id == user.id, Card.topic == "cnn", Card.kind == "text")
    ).all()
    retired, suspended, mature, learning = cards[:4]
    session.get(Question, retired.question_id).retired = True
    retired.suspended = True
    suspended.suspended = True
    mature.state, mature.stability = REVIEW, 30.0
    learning.state, learning.stability = LEARNING, 1.0
    session.flush()
    after = _cnn(session, user)
    assert after.questions == before.questions - 1 and after.drills == before.drills
    assert (after.suspended, after.studied, after.mature) == (1, 2, 1)
    assert after.mastery == 1 / (after.total - 1)
