"""Drawing an interview's questions: no repeats, no siblings, filters, weak topics first."""

import random
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.engine import list_templates
from app.mock import selection, service
from app.models import Card, MockItem, Question
from app.srs.deck import ensure_deck
from app.srs.scheduler import REVIEW
from tests.factories import T0, make_learner
from tests.mock.helpers import make_interview


def _siblings(session):
    return {q.id: set(q.siblings) for q in session.scalars(select(Question))}


def test_selection_never_repeats_and_never_asks_two_siblings(session):
    pool = selection.candidates(session, topics=[], include_numeric=True)
    siblings = _siblings(session)
    assert any(siblings.values())  # the bank has siblings to avoid
    for seed in range(40):
        picks = selection.draw(pool, count=30, weakness={}, rng=random.Random(seed))
        keys = [p.key for p in picks]
        assert len(picks) == 30 and len(set(keys)) == 30
        asked = {p.question_id for p in picks if p.question_id}
        for question_id in asked:
            assert not siblings[question_id] & asked, question_id


def test_selection_respects_topics_and_the_numeric_switch(session):
    text_only = selection.candidates(session, topics=["cnn", "rnn"], include_numeric=False)
    assert text_only and all(c.question_id and c.topic in ("cnn", "rnn") for c in text_only)
    with_numbers = selection.candidates(session, topics=["cnn"], include_numeric=True)
    templates = {c.template_id for c in with_numbers if c.template_id}
    assert "conv_output_size" in templates and "softmax" not in templates
    everything = selection.candidates(session, topics=[], include_numeric=True)
    assert {c.template_id for c in everything if c.template_id} == {t.id for t in list_templates()}
    retired = session.scalar(select(Question).where(Question.topic == "cnn"))
    retired.retired = True
    session.commit()
    assert retired.id not in {
        c.question_id for c in selection.candidates(session, topics=["cnn"], include_numeric=False)
    }


def test_selection_draws_weak_topics_more_often():
    pool = [selection.Candidate("weak", question_id=f"w{i}") for i in range(40)] + [
        selection.Candidate("strong", question_id=f"s{i}") for i in range(40)
    ]
    rng = random.Random(1)
    counts = Counter(
        pick.topic
        for _ in range(300)
        for pick in selection.draw(pool, count=8, weakness={"weak": 1.0, "strong": 0.0}, rng=rng)
    )
    share = counts["weak"] / (counts["weak"] + counts["strong"])
    assert 0.65 < share < 0.85  # weights 3 : 1
    even = Counter(
        pick.topic
        for _ in range(300)
        for pick in selection.draw(pool, count=8, weakness={}, rng=rng)
    )
    assert 0.4 < even["weak"] / (even["weak"] + even["strong"]) < 0.6


def test_topic_weakness_from_the_deck_and_past_interviews(session):
    user = make_learner(session)
    ensure_deck(session, user=user, now=T0)
    session.execute(
        update(Card)
        .where(Card.user_id == user.id, Card.topic == "cnn")
        .values(state=REVIEW, stability=40.0, due=T0 + timedelta(days=30))
    )
    session.commit()
    weakness = selection.topic_weakness(session, user=user)
    assert weakness["cnn"] == 0.0 and weakness["rnn"] == 1.0
    # a finished interview where every cnn item was missed: the mock half says weak (1.0), and
    # the deck half is no longer quite mastered, since the miss went back into the deck
    interview = make_interview(session, user, ["cnn-vs-dense-for-images"])
    service.current(session, user=user, interview_id=interview.id, now=T0)
    service.answer(
        session, user=user, interview_id=interview.id, index=0, text="", skip=True, now=T0
    )
    assert session.scalar(select(MockItem.skipped).where(MockItem.interview_id == interview.id))
    cnn_cards = session.scalar(
        select(func.count()).select_from(Card).where(Card.user_id == user.id, Card.topic == "cnn")
    )
    expected = (1 / cnn_cards + 1.0) / 2
    assert selection.topic_weakness(session, user=user)["cnn"] == pytest.approx(expected)


def test_create_draws_fewer_when_the_choice_is_small(session):
    user = make_learner(session)
    interview = service.create(
        session, user=user, topics=["applied"], count=30, seconds_per_question=60,
        include_numeric=False, now=T0, rng=random.Random(3),
    )  # fmt: skip
    live = session.scalars(
        select(Question).where(Question.topic == "applied", Question.retired.is_(False))
    ).all()
    assert 0 < interview.count <= len(live)
    assert interview.topics == ["applied"]
