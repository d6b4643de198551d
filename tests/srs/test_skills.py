"""Skill mastery: accuracy on fresh numbers per template, week by week."""

from datetime import timedelta

from sqlalchemy import select

from app.engine import format_answer, generate
from app.models import Card
from app.srs.deck import ensure_deck
from app.srs.reviews import ReviewInput, submit_review
from app.srs.skills import skill_mastery
from tests.factories import T0, make_learner


def _answer(session, user, card, now, *, right):
    seed = 1000 + card.reps
    expected = format_answer(generate(card.template_id, seed).answer)
    answer = expected if right else "123456789"
    data = ReviewInput(card_id=card.id, answer=answer, seed=seed)
    return submit_review(session, user=user, data=data, now=now, fuzzing=False)


def test_skills_accuracy_per_template_by_week(session):
    user, other = make_learner(session), make_learner(session)
    for learner in (user, other):
        ensure_deck(session, user=learner, now=T0)
    first, second = session.scalars(
        select(Card).where(Card.user_id == user.id, Card.template_id.is_not(None)).limit(2)
    ).all()
    for right in (True, False, False):  # week 1: 1 of 3
        assert _answer(session, user, first, T0, right=right)["correct"] is right
    next_week = T0 + timedelta(days=7)
    for right in (True, True):  # week 2: 2 of 2
        _answer(session, user, first, next_week, right=right)
    _answer(session, user, second, next_week, right=True)
    skills = skill_mastery(session, user=user, now=next_week)
    assert [s.template_id for s in skills] == [first.template_id, second.template_id]
    top = skills[0]
    assert (top.attempts, top.correct) == (5, 3) and top.accuracy == 0.6
    assert [(w.week.isoformat(), w.attempts, w.correct) for w in top.weeks] == [
        ("2026-03-02", 3, 1),
        ("2026-03-09", 2, 2),
    ]
    only = skill_mastery(session, user=user, now=next_week, template_id=second.template_id)
    assert [(s.template_id, s.attempts) for s in only] == [(second.template_id, 1)]
    assert skill_mastery(session, user=other, now=next_week) == []
    assert skill_mastery(session, user=user, now=next_week + timedelta(weeks=13)) == []
