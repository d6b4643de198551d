"""One verdict per item: a self-assessment sets the score, the headline and the deck alike."""

from datetime import timedelta

from sqlalchemy import func, select

from app.mock import report as reports
from app.mock import service
from app.models import Card, ReviewLog
from app.srs import focus, queue
from app.srs.reviews import ReviewInput, submit_review
from app.srs.scheduler import NEW, RELEARNING
from tests.factories import T0, make_learner
from tests.mock.helpers import GOOD_ANSWERS, OFF_TOPIC, make_interview


def _sit(session, items, answers):
    """Answer ``answers`` (index → text) 10 s apart and finish; returns user, interview, now."""
    user = make_learner(session)
    interview = make_interview(session, user, items, seconds=60)
    now = T0
    for index, text in answers.items():
        service.current(session, user=user, interview_id=interview.id, now=now)
        now += timedelta(seconds=10)
        service.answer(
            session, user=user, interview_id=interview.id, index=index, text=text, now=now
        )
    service.finish(session, user=user, interview_id=interview.id, now=now)
    return user, interview, now


def _assess(session, user, interview, index, verdict, now):
    return reports.assess(
        session, user=user, interview_id=interview.id, index=index, verdict=verdict, now=now
    )


def _card(session, user, question_id):
    return session.scalar(
        select(Card).where(Card.user_id == user.id, Card.question_id == question_id)
    )


def _lapses(session, user):
    where = (ReviewLog.user_id == user.id, ReviewLog.source == "mock")
    return session.scalar(select(func.count()).select_from(ReviewLog).where(*where))


def test_mock_got_it_on_a_graded_miss_takes_it_out_of_the_deck(session):
    user, interview, now = _sit(session, ["data-normalization"], {0: OFF_TOPIC})
    missed = reports.build(session, user=user, interview_id=interview.id).items[0]
    assert missed.missed and missed.deck == "scheduled" and missed.score < 0.5
    assert missed.points_to_make == missed.points_missed and missed.points_missed
    assert missed.short_answer and missed.short_answer.startswith("Data normalisation")
    assert _card(session, user, "data-normalization").state != NEW and _lapses(session, user) == 1

    report = _assess(session, user, interview, 0, "got", now)
    entry = report.items[0]
    assert (entry.score, entry.missed, entry.deck, entry.points_to_make) == (1.0, False, None, [])
    assert report.in_reviews == 0 and report.score == 1.0
    assert entry.points_missed  # the grader's reading is kept, labelled as the grader's
    card = _card(session, user, "data-normalization")
    assert (card.state, card.reps, card.lapses) == (NEW, 0, 0) and _lapses(session, user) == 0
    assert focus.interview_misses(session, user=user, interview_id=interview.id) == ()

    # changing one's mind back puts it in again, once, with every key point to make
    report = _assess(session, user, interview, 0, "missed", now)
    entry = report.items[0]
    assert (entry.score, entry.missed, entry.deck) == (0.0, True, "scheduled")
    assert report.in_reviews == 1 and _lapses(session, user) == 1
    json = entry.to_json()
    assert json["missed"] is True and json["deck"] == "scheduled" and json["short_answer"]


def test_mock_missed_verdict_on_a_good_answer_lists_every_key_point(session):
    answer = GOOD_ANSWERS["overfitting-and-underfitting"]
    user, interview, now = _sit(session, ["overfitting-and-underfitting"], {0: answer})
    graded = reports.build(session, user=user, interview_id=interview.id).items[0]
    assert not graded.missed and graded.deck is None and graded.points_to_make == []
    entry = _assess(session, user, interview, 0, "missed", now).items[0]
    assert entry.missed and entry.deck == "scheduled"
    wanted = entry.points_missed or list(entry.labels)
    assert entry.points_to_make == wanted and len(entry.points_to_make) >= 1


def test_mock_got_it_after_practising_the_card_keeps_that_review(session):
    user, interview, now = _sit(session, ["data-normalization"], {0: OFF_TOPIC})
    card = _card(session, user, "data-normalization")
    later = now + timedelta(minutes=5)
    submit_review(
        session, user=user, data=ReviewInput(card_id=card.id, rating=3), now=later, fuzzing=False
    )
    due_after_practice = card.due
    report = _assess(session, user, interview, 0, "got", later)
    entry = report.items[0]
    assert entry.score == 1.0 and not entry.missed and entry.deck == "practised"
    assert report.in_reviews == 0  # the summary no longer counts it as waiting
    session.refresh(card)
    assert card.due == due_after_practice and _lapses(session, user) == 1


def test_mock_practise_now_serves_the_interview_misses_first(session):
    user, interview, now = _sit(
        session,
        ["data-normalization", "overfitting-and-underfitting", "dropout-and-batch-norm"],
        {0: OFF_TOPIC, 1: GOOD_ANSWERS["overfitting-and-underfitting"], 2: OFF_TOPIC},
    )
    # another card was forgotten earlier, so plain practice would show it first
    other = _card(session, user, "overfitting")
    for rating, when in ((4, T0 - timedelta(days=30)), (1, T0 - timedelta(hours=1))):
        submit_review(
            session, user=user, data=ReviewInput(card_id=other.id, rating=rating), now=when,
            fuzzing=False,
        )  # fmt: skip
    session.refresh(other)
    assert other.state == RELEARNING and other.due < now
    later = now + timedelta(minutes=1)
    assert queue.next_card(session, user=user, now=later).id == other.id

    misses = focus.interview_misses(session, user=user, interview_id=interview.id)
    expected = [
        _card(session, user, q).id for q in ("data-normalization", "dropout-and-batch-norm")
    ]
    assert list(misses) == expected
    filters = queue.Filters(mock=interview.id)
    first = queue.next_card(session, user=user, now=later, filters=filters)
    assert first.id in misses
    assert queue.counts(session, user=user, now=later, filters=filters).focus == 2
    for _ in misses:
        card = queue.next_card(session, user=user, now=later, filters=filters)
        assert card.id in misses
        submit_review(
            session, user=user, data=ReviewInput(card_id=card.id, rating=3), now=later,
            fuzzing=False,
        )  # fmt: skip
    assert queue.counts(session, user=user, now=later, filters=filters).focus == 0
    assert queue.next_card(session, user=user, now=later, filters=filters).id == other.id
    # another learner's interview focuses nothing
    stranger = make_learner(session)
    assert focus.interview_misses(session, user=stranger, interview_id=interview.id) == ()
