"""Per-card actions as services: bury until the learner's next day, notes, error flags."""

from datetime import timedelta

import pytest

from app.models import ErrorFlag
from app.srs import card_actions, flags, queue
from app.srs.card_actions import CardActionError
from app.srs.days import today_bounds
from app.srs.deck import ensure_deck
from app.srs.flags import FlagError
from app.srs.practice import practice_view
from tests.factories import T0, make_learner


def _learner(session, **fields):
    user = make_learner(session, **fields)
    ensure_deck(session, user=user, now=T0)
    session.commit()
    return user


def test_bury_leaves_today_and_returns_when_the_learners_next_day_starts(session):
    # 10:00 UTC is 19:00 in Tokyo: the next learning day starts at 04:00 Tokyo = 19:00 UTC.
    user = _learner(session, timezone="Asia/Tokyo")
    first = queue.next_card(session, user=user, now=T0)
    before = queue.counts(session, user=user, now=T0)
    buried = card_actions.set_buried(session, user=user, card_id=first.id, buried=True, now=T0)
    assert buried.buried_until == today_bounds(T0, "Asia/Tokyo")[1] == T0 + timedelta(hours=9)
    assert queue.next_card(session, user=user, now=T0).id != first.id
    assert queue.counts(session, user=user, now=T0).new == before.new  # the next new card fills in
    total = session.query(queue.Card).filter_by(user_id=user.id, state=0, suspended=False).count()
    assert before.new < total  # the limit, not the deck, bounds the count
    just_before = T0 + timedelta(hours=9) - timedelta(seconds=1)
    assert queue.next_card(session, user=user, now=just_before).id != first.id
    assert queue.next_card(session, user=user, now=T0 + timedelta(hours=9)).id == first.id


def test_a_buried_card_is_not_counted_as_learning(session):
    from app.srs.reviews import ReviewInput, submit_review

    user = _learner(session)
    card = queue.next_card(session, user=user, now=T0)
    submit_review(
        session, user=user, data=ReviewInput(card_id=card.id, rating=3), now=T0, fuzzing=False
    )
    assert queue.counts(session, user=user, now=T0).learning == 1
    card_actions.set_buried(session, user=user, card_id=card.id, buried=True, now=T0)
    assert queue.counts(session, user=user, now=T0).learning == 0
    card_actions.set_buried(session, user=user, card_id=card.id, buried=False, now=T0)
    assert queue.counts(session, user=user, now=T0).learning == 1


def test_card_actions_refuse_someone_elses_card(session):
    owner, other = _learner(session), make_learner(session)
    card = queue.next_card(session, user=owner, now=T0)
    for act in (
        lambda: card_actions.set_buried(session, user=other, card_id=card.id, buried=True, now=T0),
        lambda: card_actions.set_note(session, user=other, card_id=card.id, note="mine"),
        lambda: flags.create(session, user=other, card_id=card.id, note="wrong", now=T0),
    ):
        with pytest.raises(CardActionError) as raised:
            act()
        assert raised.value.status == 404
    assert card.note is None and card.buried_until is None


def test_note_is_bounded_and_blank_removes_it(session):
    user = _learner(session)
    card = queue.next_card(session, user=user, now=T0)
    saved = card_actions.set_note(
        session, user=user, card_id=card.id, note="  line one\r\nline two "
    )
    assert saved.note == "line one\nline two"
    # a textarea's line breaks arrive as \r\n but count once, as the browser counted them
    assert card_actions.set_note(session, user=user, card_id=card.id, note="x\r\n" * 666).note
    with pytest.raises(CardActionError) as raised:
        card_actions.set_note(session, user=user, card_id=card.id, note="x" * 2001)
    assert raised.value.status == 422 and raised.value.detail.startswith("note:")
    with pytest.raises(CardActionError):
        card_actions.set_note(session, user=user, card_id=card.id, note="a\x00b")
    assert card_actions.set_note(session, user=user, card_id=card.id, note="   ").note is None


def test_flags_are_created_listed_oldest_first_and_resolved(session):
    admin = make_learner(session, email="a@example.com")
    admin.role, admin.is_guest = "admin", False
    user = _learner(session)
    text_card = queue.next_card(session, user=user, now=T0)
    with pytest.raises(CardActionError) as raised:
        flags.create(session, user=user, card_id=text_card.id, note="  ", now=T0)
    assert raised.value.status == 422 and "note" in raised.value.detail
    first = flags.create(session, user=user, card_id=text_card.id, note="typo", now=T0)
    drill = (
        session.query(queue.Card)
        .filter(queue.Card.user_id == user.id, queue.Card.template_id.is_not(None))
        .first()
    )
    later = T0 + timedelta(minutes=5)
    second = flags.create(session, user=user, card_id=drill.id, note="<b>bad</b>", now=later)
    assert (first.question_id, first.template_id) == (text_card.question_id, None)
    assert (second.question_id, second.template_id) == (None, drill.template_id)
    listed, total = flags.get_open(session)
    assert total == 2 and [f.flag.id for f in listed] == [first.id, second.id]
    assert listed[0].prompt and listed[0].reporter is None  # a guest has no e-mail
    flags.resolve(session, flag_id=first.id, admin=admin, now=later)
    assert session.get(ErrorFlag, first.id).resolved_by == admin.id
    assert [f.flag.id for f in flags.get_open(session)[0]] == [second.id]
    with pytest.raises(FlagError):
        flags.resolve(session, flag_id=999_999, admin=admin, now=later)


def test_practise_now_shows_that_card_first_then_the_queue(session):
    user = _learner(session)
    usual = queue.next_card(session, user=user, now=T0)
    last = (
        session.query(queue.Card)
        .filter(queue.Card.user_id == user.id, queue.Card.question_id.is_not(None))
        .order_by(queue.Card.position.desc())
        .first()
    )
    assert last.id != usual.id
    view = practice_view(
        session, user=user, now=T0, filters=queue.Filters(), question_id=last.question_id
    )
    assert view.card.id == last.id
    assert practice_view(session, user=user, now=T0, filters=queue.Filters()).card.id == usual.id
    card_actions.set_buried(session, user=user, card_id=last.id, buried=True, now=T0)
    view = practice_view(
        session, user=user, now=T0, filters=queue.Filters(), question_id=last.question_id
    )
    assert view.card.id == last.id and last.buried_until is None  # asked for: unburied
    last.suspended = True
    session.commit()
    view = practice_view(
        session, user=user, now=T0, filters=queue.Filters(), question_id=last.question_id
    )
    assert view.card.id == usual.id  # a suspended card stays out
