"""Revealed variants: recorded once per learner and variant, the first answer kept."""

from sqlalchemy import func, select

from app.accounts.merge import merge_guest
from app.drill import revealed
from app.models import RevealedVariant
from tests.factories import T0, make_learner


def test_marking_twice_keeps_the_first_record_and_its_answer(session) -> None:
    user = make_learner(session)
    key = revealed.Seen(user.id, "gd_step", 7)
    revealed.mark(session, key, answer=" [1, 2] ", now=T0)
    revealed.mark(session, key, answer="[3, 4]", now=T0)
    session.commit()
    assert session.scalar(select(func.count()).select_from(RevealedVariant)) == 1
    seen = revealed.find(session, key)
    assert seen is not None and seen.answer == "[1, 2]"
    assert revealed.earns_credit(seen, "[1, 2]")  # rating the attempt graded at the reveal
    assert not revealed.earns_credit(seen, "[3, 4]")  # any other answer: practice


def test_a_reveal_without_an_answer_leaves_nothing_to_credit(session) -> None:
    user = make_learner(session)
    key = revealed.Seen(user.id, "softmax", 1)
    assert revealed.earns_credit(revealed.find(session, key), "anything")
    revealed.mark(session, key, answer="  ", now=T0)
    session.commit()
    seen = revealed.find(session, key)
    assert seen is not None and seen.answer is None
    assert not revealed.earns_credit(seen, "")


def test_records_are_per_learner(session) -> None:
    first, second = make_learner(session), make_learner(session)
    revealed.mark(session, revealed.Seen(first.id, "gd_step", 3), answer=None, now=T0)
    session.commit()
    assert revealed.find(session, revealed.Seen(second.id, "gd_step", 3)) is None


def test_a_guest_logging_in_brings_the_solutions_it_has_seen(session) -> None:
    account, guest = make_learner(session), make_learner(session)
    revealed.mark(session, revealed.Seen(account.id, "gd_step", 1), answer="[1]", now=T0)
    revealed.mark(session, revealed.Seen(guest.id, "gd_step", 1), answer="[2]", now=T0)
    revealed.mark(session, revealed.Seen(guest.id, "softmax", 5), answer=None, now=T0)
    session.commit()
    merge_guest(session, guest=guest, into=account)
    session.commit()
    assert revealed.find(session, revealed.Seen(account.id, "softmax", 5)) is not None
    both = revealed.find(session, revealed.Seen(account.id, "gd_step", 1))
    assert both is not None and both.answer == "[1]"  # the account's own record is kept
    rows = session.scalar(select(func.count()).select_from(RevealedVariant))
    assert rows == 2  # the guest's duplicate went with the guest
