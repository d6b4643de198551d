"""Mock interviews with a controlled clock: deadlines, grace, resume, finishing, the deck."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.engine import format_answer, generate
from app.mock import report as reports
from app.mock import service
from app.mock.rules import GRACE
from app.mock.service import MockError
from app.models import Card, MockItem, ReviewLog
from app.srs import queue
from app.srs.reviews import ReviewInput, submit_review
from app.srs.scheduler import LEARNING, NEW, RELEARNING, REVIEW
from tests.factories import T0, make_learner
from tests.mock.helpers import GOOD_ANSWERS, make_interview

SECONDS = 60


def _setup(session, items, **kwargs):
    user = make_learner(session)
    return user, make_interview(session, user, items, seconds=SECONDS, **kwargs)


def _current(session, user, interview, now):
    return service.current(session, user=user, interview_id=interview.id, now=now)


def _answer(session, user, interview, index, text, now, **kwargs):
    return service.answer(
        session, user=user, interview_id=interview.id, index=index, text=text, now=now, **kwargs
    )


def _item(session, interview, index):
    return session.scalar(
        select(MockItem).where(MockItem.interview_id == interview.id, MockItem.position == index)
    )


def _mock_logs(session, user):
    stmt = (
        select(func.count())
        .select_from(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.source == "mock")
    )
    return session.scalar(stmt)


def test_mock_current_starts_the_deadline_when_first_shown(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    assert _item(session, interview, 0).deadline is None
    later = T0 + timedelta(minutes=5)  # time spent before looking does not count
    view = _current(session, user, interview, later)
    assert view.item.position == 0
    assert view.item.shown_at == later
    assert view.item.deadline == later + timedelta(seconds=SECONDS)
    assert view.seconds_left == SECONDS


def test_mock_reload_resumes_the_same_item_with_the_time_really_left(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    first = _current(session, user, interview, T0)
    again = _current(session, user, interview, T0 + timedelta(seconds=45))
    assert again.item.position == first.item.position == 0
    assert again.item.deadline == T0 + timedelta(seconds=SECONDS)
    assert again.seconds_left == 15
    # a look inside the grace period still shows the item, with no time left
    grace = _current(session, user, interview, T0 + timedelta(seconds=SECONDS + 1))
    assert grace.item.position == 0 and grace.seconds_left == 0


@pytest.mark.parametrize(
    ("after", "accepted"),
    [
        (timedelta(seconds=30), True),  # in time
        (timedelta(seconds=SECONDS), True),  # exactly at the deadline
        (timedelta(seconds=SECONDS) + timedelta(milliseconds=1500), True),  # inside the grace
        (timedelta(seconds=SECONDS) + GRACE, True),  # the last instant of the grace
        (timedelta(seconds=SECONDS) + GRACE + timedelta(milliseconds=1), False),  # after it
        (timedelta(hours=3), False),
    ],
)
def test_mock_answer_deadline_and_grace(session, after, accepted):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    _current(session, user, interview, T0)
    text = GOOD_ANSWERS["data-normalization"]
    outcome = _answer(session, user, interview, 0, text, T0 + after)
    assert (outcome.accepted, outcome.timed_out) == (accepted, not accepted)
    item = _item(session, interview, 0)
    assert item.answer == text  # kept either way
    if accepted:
        assert item.auto_score >= 0.75 and item.points_hit
    else:
        assert item.auto_score == 0.0 and item.points_hit == [] and item.timed_out


def test_mock_empty_answer_sent_after_the_deadline_is_a_timeout(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    _current(session, user, interview, T0)
    outcome = _answer(
        session, user, interview, 0, "", T0 + timedelta(seconds=SECONDS, milliseconds=300)
    )
    assert outcome.timed_out and not outcome.accepted


def test_mock_numeric_unreadable_answer_in_time_is_422_and_the_item_stays_open(session):
    user, interview = _setup(session, [("softmax", 11), "overfitting"])
    _current(session, user, interview, T0)
    with pytest.raises(MockError) as error:
        _answer(session, user, interview, 0, "three", T0 + timedelta(seconds=10))
    assert error.value.status == 422 and "answer:" in error.value.detail
    expected = format_answer(generate("softmax", 11).answer)
    outcome = _answer(session, user, interview, 0, expected, T0 + timedelta(seconds=20))
    assert outcome.accepted
    item = _item(session, interview, 0)
    assert item.correct is True and item.auto_score == 1.0


def test_mock_numeric_unreadable_answer_in_the_grace_is_wrong_not_422(session):
    user, interview = _setup(session, [("softmax", 11)])
    _current(session, user, interview, T0)
    outcome = _answer(session, user, interview, 0, "three", T0 + timedelta(seconds=SECONDS + 1))
    assert outcome.accepted and outcome.finished
    item = _item(session, interview, 0)
    assert item.correct is False and item.auto_score == 0.0 and item.extra["note"]


def test_mock_second_answer_is_409(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    _current(session, user, interview, T0)
    _answer(session, user, interview, 0, "first", T0 + timedelta(seconds=5))
    with pytest.raises(MockError) as error:
        _answer(session, user, interview, 0, "second", T0 + timedelta(seconds=6))
    assert error.value.status == 409
    assert _item(session, interview, 0).answer == "first"


def test_mock_answer_before_the_item_is_shown_is_409(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    _current(session, user, interview, T0)
    with pytest.raises(MockError) as error:
        _answer(session, user, interview, 1, "too early", T0)
    assert error.value.status == 409
    with pytest.raises(MockError) as missing:
        _answer(session, user, interview, 7, "no such item", T0)
    assert missing.value.status == 404


def test_mock_another_learner_gets_404_everywhere(session):
    _owner, interview = _setup(session, ["data-normalization"])
    other = make_learner(session)
    calls = [
        lambda: service.current(session, user=other, interview_id=interview.id, now=T0),
        lambda: service.answer(
            session, user=other, interview_id=interview.id, index=0, text="x", now=T0
        ),
        lambda: service.finish(session, user=other, interview_id=interview.id, now=T0),
        lambda: reports.build(session, user=other, interview_id=interview.id),
        lambda: service.assess(
            session, user=other, interview_id=interview.id, index=0, verdict="got", now=T0
        ),
    ]
    for call in calls:
        with pytest.raises(MockError) as error:
            call()
        assert error.value.status == 404
    assert _item(session, interview, 0).shown_at is None


def test_mock_an_expired_item_times_out_when_next_looked_at_and_the_next_one_starts(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    _current(session, user, interview, T0)
    back = T0 + timedelta(minutes=10)
    view = _current(session, user, interview, back)
    assert view.item.position == 1 and view.item.deadline == back + timedelta(seconds=SECONDS)
    first = _item(session, interview, 0)
    assert first.timed_out and first.auto_score == 0.0 and first.answer is None
    with pytest.raises(MockError) as error:
        _answer(session, user, interview, 0, "late", back)
    assert error.value.status == 409


def test_mock_last_answer_finishes_and_current_says_so(session):
    user, interview = _setup(session, ["data-normalization"])
    _current(session, user, interview, T0)
    outcome = _answer(
        session, user, interview, 0, GOOD_ANSWERS["data-normalization"], T0 + timedelta(seconds=9)
    )
    assert outcome.finished
    view = _current(session, user, interview, T0 + timedelta(seconds=10))
    assert view.finished and view.to_json() == {
        "id": interview.id,
        "index": None,
        "finished": True,
        "count": 1,
    }
    assert interview.finished_at == T0 + timedelta(seconds=9)


def test_mock_finish_early_closes_what_is_left(session):
    user, interview = _setup(
        session, ["data-normalization", "overfitting", "dropout-and-batch-norm"]
    )
    _current(session, user, interview, T0)
    _answer(
        session, user, interview, 0, GOOD_ANSWERS["data-normalization"], T0 + timedelta(seconds=20)
    )
    _current(session, user, interview, T0 + timedelta(seconds=21))  # item 1 on screen, in time
    service.finish(session, user=user, interview_id=interview.id, now=T0 + timedelta(seconds=30))
    shown, unseen = _item(session, interview, 1), _item(session, interview, 2)
    assert shown.skipped and not shown.timed_out and shown.answered_at == T0 + timedelta(seconds=30)
    assert unseen.skipped and unseen.shown_at is None
    assert interview.finished_at == T0 + timedelta(seconds=30)
    assert interview.score == pytest.approx(_item(session, interview, 0).auto_score / 3)
    with pytest.raises(MockError) as error:
        _answer(session, user, interview, 1, "after the end", T0 + timedelta(seconds=31))
    assert error.value.status == 409


def test_mock_finish_after_the_shown_item_expired_records_a_timeout(session):
    user, interview = _setup(session, ["data-normalization", "overfitting"])
    _current(session, user, interview, T0)
    service.finish(
        session, user=user, interview_id=interview.id, now=T0 + timedelta(seconds=SECONDS + 3)
    )
    assert _item(session, interview, 0).timed_out
    assert _item(session, interview, 1).skipped


def test_mock_report_numbers(session):
    user, interview = _setup(
        session,
        ["data-normalization", ("conv_output_size", 5), ("pool_output_size", 9), "overfitting"],
    )
    text = GOOD_ANSWERS["data-normalization"]
    right = format_answer(generate("conv_output_size", 5).answer)
    now = T0
    for index, answer, used in [(0, text, 30), (1, right, 12), (2, "123456789", 50)]:
        _current(session, user, interview, now)
        now += timedelta(seconds=used)
        _answer(session, user, interview, index, answer, now)
    _current(session, user, interview, now)
    now += timedelta(seconds=SECONDS + 5)
    assert _current(session, user, interview, now).finished  # the last item ran out
    report = reports.build(session, user=user, interview_id=interview.id)
    by_index = {entry.index: entry for entry in report.items}
    text_score = by_index[0].score
    assert text_score >= 0.75
    assert report.score == pytest.approx((text_score + 1.0 + 0.0 + 0.0) / 4)
    assert [by_index[i].time_used_ms for i in range(4)] == [30_000, 12_000, 50_000, SECONDS * 1000]
    assert report.time_used_ms == 152_000
    assert by_index[1].item.correct is True and by_index[2].item.correct is False
    assert by_index[2].expected == format_answer(generate("pool_output_size", 9).answer)
    assert (
        by_index[3].item.timed_out
        and by_index[3].points_hit == []
        and len(by_index[3].points_missed) == 4
    )
    assert by_index[0].model_answer.startswith("**Data normalisation**")
    topics = {t.topic: t for t in report.topics}
    assert topics["cnn"].count == 2 and topics["cnn"].score == pytest.approx(0.5)
    assert topics["regularisation"].count == 2
    assert topics["regularisation"].score == pytest.approx(text_score / 2)
    assert report.topics[0].score <= report.topics[-1].score  # weakest first
    json = report.to_json()
    assert json["score"] == pytest.approx(report.score, abs=1e-4) and len(json["items"]) == 4


def test_mock_self_assessment_replaces_the_automatic_score(session):
    user, interview = _setup(session, ["data-normalization", ("conv_output_size", 5)])
    _current(session, user, interview, T0)
    _answer(
        session, user, interview, 0, GOOD_ANSWERS["data-normalization"], T0 + timedelta(seconds=5)
    )
    with pytest.raises(MockError) as early:
        service.assess(
            session, user=user, interview_id=interview.id, index=0, verdict="got", now=T0
        )
    assert early.value.status == 409  # finish first
    _current(session, user, interview, T0 + timedelta(seconds=6))
    _answer(session, user, interview, 1, "0", T0 + timedelta(seconds=7))
    report = reports.assess(
        session, user=user, interview_id=interview.id, index=0, verdict="partly", now=T0
    )
    assert report.items[0].verdict == "partly" and report.score == pytest.approx(0.5 / 2)
    report = reports.assess(
        session, user=user, interview_id=interview.id, index=0, verdict="got", now=T0
    )
    assert report.score == pytest.approx(1.0 / 2)
    with pytest.raises(MockError) as numeric:
        service.assess(
            session, user=user, interview_id=interview.id, index=1, verdict="got", now=T0
        )
    assert numeric.value.status == 409


def test_mock_misses_reach_the_deck_exactly_once(session):
    user, interview = _setup(
        session,
        [
            "data-normalization",
            "overfitting",
            ("softmax", 2),
            "dropout-and-batch-norm",
            "what-is-deep-learning",
        ],
    )
    now = T0
    for index, answer in [(0, GOOD_ANSWERS["data-normalization"]), (1, "no idea")]:
        _current(session, user, interview, now)
        now += timedelta(seconds=10)
        _answer(session, user, interview, index, answer, now)
    _current(session, user, interview, now)  # softmax: left to run out
    now += timedelta(seconds=SECONDS + 3)
    view = _current(session, user, interview, now)  # dropout shown, then skipped
    _answer(session, user, interview, view.item.position, "", now, skip=True)
    service.finish(session, user=user, interview_id=interview.id, now=now)  # item 4 never seen
    assert (
        _mock_logs(session, user) == 3
    )  # overfitting (missed), softmax (timed out), dropout (skipped)
    service.finish(session, user=user, interview_id=interview.id, now=now + timedelta(minutes=1))
    service.current(session, user=user, interview_id=interview.id, now=now)
    assert _mock_logs(session, user) == 3

    cards = {
        (c.question_id or c.template_id): c
        for c in session.scalars(select(Card).where(Card.user_id == user.id))
    }
    for key in ("overfitting", "softmax", "dropout-and-batch-norm"):
        assert cards[key].state == LEARNING and cards[key].due == now
    assert cards["data-normalization"].state == NEW and cards["what-is-deep-learning"].state == NEW
    due_now = queue.next_card(session, user=user, now=now)
    assert (due_now.question_id or due_now.template_id) in {
        "overfitting",
        "softmax",
        "dropout-and-batch-norm",
    }

    # the learner's own "missed" puts a good-looking answer in the deck too, once
    for _ in range(2):
        service.assess(
            session, user=user, interview_id=interview.id, index=0, verdict="missed", now=now
        )
    assert _mock_logs(session, user) == 4
    flags = [
        entry.to_json()["scheduled"]
        for entry in reports.build(session, user=user, interview_id=interview.id).items
    ]
    assert flags == [True, True, True, True, False]


def test_mock_miss_of_a_review_card_is_a_lapse_into_relearning(session):
    user, interview = _setup(session, ["overfitting"])
    from app.srs.deck import ensure_deck

    ensure_deck(session, user=user, now=T0 - timedelta(days=30))
    card = session.scalar(
        select(Card).where(Card.user_id == user.id, Card.question_id == "overfitting")
    )
    submit_review(
        session,
        user=user,
        data=ReviewInput(card_id=card.id, rating=4),
        now=T0 - timedelta(days=30),
        fuzzing=False,
    )
    assert card.state == REVIEW
    before_due = card.due
    _current(session, user, interview, T0)
    _answer(session, user, interview, 0, "", T0 + timedelta(seconds=5), skip=True)
    session.refresh(card)
    assert card.state == RELEARNING and card.lapses == 1 and card.due == T0 + timedelta(seconds=5)
    assert before_due != card.due
    log = session.scalar(select(ReviewLog).where(ReviewLog.source == "mock"))
    assert (log.rating, log.state_before, log.card_id) == (1, REVIEW, card.id)
    assert log.previous["state"] == REVIEW
