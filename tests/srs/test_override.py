""" "I mistyped — count it": a wrong numeric answer recorded as correct on the learner's word,
never for numbers whose solution was shown before the answer."""

import pytest
from sqlalchemy import select

from app.engine import format_answer, generate
from app.models import ReviewLog
from app.srs import queue
from app.srs.practice import PracticeError, practice_view, reveal
from app.srs.reviews import ReviewError, ReviewInput, submit_review
from tests.factories import T0, make_learner

WRONG = "123456789"


def _numeric(session):
    user = make_learner(session)
    view = practice_view(session, user=user, now=T0, filters=queue.Filters(kind="numeric"))
    assert view.card is not None and view.variant is not None
    return user, view.card, view.variant["seed"]


def _review(session, user, card, seed, answer, **fields):
    data = ReviewInput(card_id=card.id, answer=answer, seed=seed, **fields)
    return submit_review(session, user=user, data=data, now=T0, fuzzing=False)


def test_override_counts_a_wrong_answer_as_correct_and_the_log_says_so(session):
    user, card, seed = _numeric(session)
    shown = reveal(session, user=user, card_id=card.id, answer=WRONG, now=T0)
    assert shown.verdict["correct"] is False and shown.verdict["overridable"] is True
    assert shown.ratings == (1,)
    counted = reveal(session, user=user, card_id=card.id, answer=WRONG, now=T0, overridden=True)
    assert counted.verdict["correct"] is True and counted.verdict["overridden"] is True
    assert counted.ratings == (2, 3, 4)
    result = _review(session, user, card, seed, WRONG, rating=4, overridden=True)
    assert (result["rating"], result["correct"], result["overridden"]) == (4, True, True)
    log = session.scalar(select(ReviewLog).where(ReviewLog.id == result["review_id"]))
    assert (log.rating, log.correct, log.overridden) == (4, True, True)


def test_override_of_a_right_answer_changes_nothing(session):
    user, card, seed = _numeric(session)
    right = format_answer(generate(card.template_id, seed).answer)
    shown = reveal(session, user=user, card_id=card.id, answer=right, now=T0, overridden=True)
    assert shown.verdict["correct"] is True and shown.verdict["overridden"] is False
    result = _review(session, user, card, seed, right, rating=3, overridden=True)
    log = session.scalar(select(ReviewLog).where(ReviewLog.id == result["review_id"]))
    assert (log.correct, log.overridden) == (True, False)


def test_override_is_refused_after_i_dont_know(session):
    user, card, seed = _numeric(session)
    skipped = reveal(session, user=user, card_id=card.id, answer="", now=T0)
    assert skipped.verdict["skipped"] and not skipped.verdict.get("overridable")
    with pytest.raises(PracticeError) as empty:
        reveal(session, user=user, card_id=card.id, answer="", now=T0, overridden=True)
    assert empty.value.status == 422 and empty.value.detail.startswith("overridden:")
    with pytest.raises(PracticeError) as typed_after:
        reveal(session, user=user, card_id=card.id, answer=WRONG, now=T0, overridden=True)
    assert typed_after.value.status == 409
    with pytest.raises(ReviewError) as posted:
        _review(session, user, card, seed, WRONG, rating=3, overridden=True)
    assert posted.value.status == 409
    with pytest.raises(ReviewError) as no_answer:
        _review(session, user, card, seed, "", rating=3, overridden=True)
    assert no_answer.value.status == 422
    assert session.scalar(select(ReviewLog.id).where(ReviewLog.user_id == user.id)) is None


def test_override_is_refused_for_another_answer_to_numbers_already_shown(session):
    user, card, seed = _numeric(session)
    first = reveal(session, user=user, card_id=card.id, answer=WRONG, now=T0)
    assert first.verdict["overridable"]
    second = reveal(session, user=user, card_id=card.id, answer="42", now=T0)
    assert second.verdict["practice"] and not second.verdict["overridable"]
    with pytest.raises(PracticeError) as shown_before:
        reveal(session, user=user, card_id=card.id, answer="42", now=T0, overridden=True)
    assert shown_before.value.status == 409
    with pytest.raises(ReviewError):
        _review(session, user, card, seed, "42", rating=3, overridden=True)
    # numbers other than the ones dealt (looked up through the public check API) neither
    with pytest.raises(ReviewError):
        _review(session, user, card, seed + 1, WRONG, rating=3, overridden=True)
