"""A guest who logs in to an existing account brings their practice along.

The guest's reviewed cards join the account's deck: a card the account never reviewed
takes the guest's schedule, a card both reviewed keeps the more recent one; every review
log, mock interview, seen solution (revealed variant) and error flag moves to the account
(stats and history stay whole), a guest's note fills a card the account has no note on,
and the guest, now empty, is deleted.
"""

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session

from app.drill import revealed
from app.models import Card, ErrorFlag, MockInterview, ReviewLog, User

_SCHEDULE = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "current_seed",
    "buried_until",
)


def merge_guest(session: Session, *, guest: User, into: User) -> int:
    """Move ``guest``'s practice into ``into`` and delete the guest; returns the cards merged.

    The caller commits. Nothing happens unless ``guest`` really is another guest."""
    if not guest.is_guest or guest.id == into.id:
        return 0
    reviewed = session.scalars(
        select(Card).where(Card.user_id == guest.id, Card.last_review.is_not(None))
    ).all()
    own = {
        (card.question_id, card.template_id): card
        for card in session.scalars(select(Card).where(Card.user_id == into.id))
    }
    # Client idempotency keys are only for retries of the guest's own requests; dropping
    # them means they cannot collide with the account's keys.
    session.execute(
        update(ReviewLog)
        .where(ReviewLog.user_id == guest.id, ReviewLog.source == "practice")
        .values(idempotency_key=None),
        execution_options={"synchronize_session": False},
    )
    for card in reviewed:
        target = own.get((card.question_id, card.template_id))
        if target is None:
            continue
        if target.last_review is None or target.last_review < card.last_review:
            for name in _SCHEDULE:
                setattr(target, name, getattr(card, name))
        _move_logs(session, ReviewLog.card_id == card.id, user_id=into.id, card_id=target.id)
    _keep_notes(session, guest=guest, own=own)
    moved_whole = [c.id for c in reviewed if (c.question_id, c.template_id) not in own]
    if moved_whole:  # cards the account's deck does not have yet (say, a newer template)
        session.execute(
            update(Card).where(Card.id.in_(moved_whole)).values(user_id=into.id),
            execution_options={"synchronize_session": False},
        )
        _move_logs(session, ReviewLog.card_id.in_(moved_whole), user_id=into.id)
    session.execute(
        update(MockInterview).where(MockInterview.user_id == guest.id).values(user_id=into.id),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(ErrorFlag).where(ErrorFlag.user_id == guest.id).values(user_id=into.id),
        execution_options={"synchronize_session": False},
    )
    revealed.move(session, from_user_id=guest.id, to_user_id=into.id)  # no credit for peeks
    session.execute(delete(User).where(User.id == guest.id))
    session.flush()
    return len(reviewed)


def _keep_notes(
    session: Session, *, guest: User, own: dict[tuple[str | None, str | None], Card]
) -> None:
    """The guest's notes (reviewed card or not) on the account's cards that have none."""
    for card in session.scalars(
        select(Card).where(Card.user_id == guest.id, Card.note.is_not(None))
    ):
        target = own.get((card.question_id, card.template_id))
        if target is not None and not target.note:
            target.note = card.note


def _move_logs(
    session: Session, which: ColumnElement[bool], *, user_id: int, card_id: int | None = None
) -> None:
    values: dict[str, int] = {"user_id": user_id}
    if card_id is not None:
        values["card_id"] = card_id
    session.execute(
        update(ReviewLog).where(which).values(**values),
        execution_options={"synchronize_session": False},
    )
