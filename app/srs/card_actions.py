"""What a learner can do with one of their cards (question and practice pages): see its
review history, suspend it (out of practice until resumed), bury it until their next day
starts, and keep a personal note shown with the answer."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import ServiceError
from app.models import ErrorFlag, User
from app.models.review import Card, ReviewLog
from app.srs.days import today_bounds

HISTORY_LIMIT = 50
LEECH_LAPSES = 8  # Anki's leech threshold
NOTE_MAX = 2000


class CardActionError(ServiceError):
    """A card action that cannot be done (no such card of this learner, a bad note)."""


@dataclass(frozen=True)
class CardSummary:
    card: Card
    history: list[ReviewLog]  # newest first, at most HISTORY_LIMIT
    buried: bool = False  # buried until the learner's next day starts
    flagged_at: datetime | None = None  # when the learner's open error flag was sent

    @property
    def is_leech(self) -> bool:
        return self.card.lapses >= LEECH_LAPSES


def is_buried(card: Card, now: datetime) -> bool:
    return card.buried_until is not None and card.buried_until > now


# Every question page a learner opens runs these, so they are built once (see app.srs.queue).
_CARD_FOR_QUESTION = select(Card).where(
    Card.user_id == bindparam("user_id"), Card.question_id == bindparam("question_id")
)
_HISTORY = (
    select(ReviewLog)
    .where(ReviewLog.card_id == bindparam("card_id"), ReviewLog.user_id == bindparam("user_id"))
    .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
    .limit(HISTORY_LIMIT)
)
_OPEN_FLAG = (
    select(ErrorFlag.created_at)
    .where(
        ErrorFlag.user_id == bindparam("user_id"),
        ErrorFlag.question_id == bindparam("question_id"),
        ErrorFlag.resolved_at.is_(None),
    )
    .order_by(ErrorFlag.created_at.desc())
    .limit(1)
)


def for_question(
    session: Session, *, user: User, question_id: str, now: datetime
) -> CardSummary | None:
    """The learner's card for ``question_id`` with its recent reviews; None without one."""
    params = {"user_id": user.id, "question_id": question_id}
    card = session.scalars(_CARD_FOR_QUESTION, params).first()
    if card is None:
        return None
    history = session.scalars(_HISTORY, {"card_id": card.id, "user_id": user.id}).all()
    flagged_at = session.scalar(_OPEN_FLAG, params)
    return CardSummary(card, list(history), is_buried(card, now), flagged_at)


def own_card(session: Session, *, user: User, card_id: int) -> Card:
    """One of the learner's own cards; 404 for anyone else's (whether or not it exists)."""
    card = session.get(Card, card_id)
    if card is None or card.user_id != user.id:
        raise CardActionError(404, "card_id: no such card in your deck")
    return card


def set_suspended(session: Session, *, user: User, card_id: int, suspended: bool) -> Card:
    """Suspend (or resume) one of the learner's own cards; 404 for anyone else's."""
    card = own_card(session, user=user, card_id=card_id)
    card.suspended = suspended
    session.commit()
    return card


def set_buried(session: Session, *, user: User, card_id: int, buried: bool, now: datetime) -> Card:
    """Bury the card until the learner's next day starts (their zone and day start), or
    bring it back now."""
    card = own_card(session, user=user, card_id=card_id)
    card.buried_until = today_bounds(now, user.timezone)[1] if buried else None
    session.commit()
    return card


def clean_note(note: str, *, field: str = "note", required: bool = False) -> str:
    """``note`` stripped, or a 422 naming ``field``: at most NOTE_MAX characters, no NUL
    (PostgreSQL cannot store it), and not blank when ``required``."""
    # Browsers count a line break in a textarea's maxlength as one character but send \r\n.
    note = note.replace("\r\n", "\n").strip()
    if len(note) > NOTE_MAX:
        raise CardActionError(422, f"{field}: at most {NOTE_MAX} characters ({len(note)} given)")
    if "\x00" in note:
        raise CardActionError(422, f"{field}: must not contain NUL characters")
    if required and not note:
        raise CardActionError(422, f"{field}: write what is wrong (1 to {NOTE_MAX} characters)")
    return note


def set_note(session: Session, *, user: User, card_id: int, note: str) -> Card:
    """Keep the learner's own note on the card; a blank note removes it."""
    card = own_card(session, user=user, card_id=card_id)
    card.note = clean_note(note) or None
    session.commit()
    return card


def practise_now(session: Session, *, user: User, question_id: str, now: datetime) -> Card | None:
    """The learner's card for ``question_id`` to show before the queue, unless suspended
    (then practice goes on as usual). A buried card is unburied: the learner asked for it,
    and its next learning step must not wait for tomorrow."""
    card = session.scalars(
        select(Card).where(
            Card.user_id == user.id,
            Card.question_id == question_id,
            Card.suspended.is_(False),
        )
    ).first()
    if card is not None and is_buried(card, now):
        card.buried_until = None
        session.commit()
    return card
