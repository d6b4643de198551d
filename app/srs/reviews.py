"""Recording reviews (idempotently), grading numeric answers, and undo."""

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.drill import revealed
from app.engine import AnswerFormatError, check
from app.errors import ServiceError
from app.models import Card, ReviewLog, User
from app.srs.deck import find_card
from app.srs.learner import deadline_for, scheduler_for
from app.srs.scheduler import CardState, format_interval, review

MAX_SEED = 2**31 - 1
PRACTICE_SOURCE = "practice"  # ReviewLog.source of reviews made here (mock lapses say "mock")
OVERRIDE_REFUSED = (
    "overridden: the solution of these numbers was shown before this answer, so it cannot "
    "be counted"
)


class ReviewError(ServiceError):
    """A review that cannot be recorded; ``status`` is the HTTP status to answer with."""


@dataclass(frozen=True)
class ReviewInput:
    card_id: int
    rating: int | None = None
    answer: str | None = None
    seed: int | None = None
    duration_ms: int | None = None
    idempotency_key: str | None = None
    # "I mistyped — count it": a wrong numeric answer recorded as correct on the learner's word.
    overridden: bool = False


def card_state(card: Card) -> CardState:
    return CardState(
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        card.due,
        card.last_review,
        card.reps,
        card.lapses,
    )


def apply_state(card: Card, state: CardState) -> None:
    card.state, card.step, card.stability, card.difficulty = (
        state.state,
        state.step,
        state.stability,
        state.difficulty,
    )
    card.due, card.last_review, card.reps, card.lapses = (
        state.due,
        state.last_review,
        state.reps,
        state.lapses,
    )


def variant_seed(session: Session, card: Card) -> int:
    """The seed of the variant a template card shows; drawn once, kept until answered."""
    if card.current_seed is None:
        card.current_seed = secrets.randbelow(MAX_SEED)
        session.commit()
    return card.current_seed


def _grade(
    session: Session, user: User, card: Card, data: ReviewInput, now: datetime
) -> tuple[int, dict[str, Any]]:
    """The rating to record and what the learner is told about their answer.

    Numbers whose worked solution the learner saw before this answer earn no credit:
    the review is recorded as Again and the verdict says ``practice``. An override counts
    a wrong answer as correct, but only an answer given before the solution was shown.
    """
    if data.overridden and (card.kind != "numeric" or not (data.answer or "").strip()):
        raise ReviewError(422, "overridden: only a typed numeric answer can be counted as a slip")
    if card.kind != "numeric" or not (data.answer or "").strip():
        if data.rating is None:
            raise ReviewError(422, "rating: expected 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)")
        return data.rating, {}
    seed = data.seed if data.seed is not None else card.current_seed
    if seed is None:
        raise ReviewError(422, "seed: the variant's seed is required for a numeric answer")
    try:
        result = check(card.template_id or "", seed, data.answer or "")
    except AnswerFormatError as exc:
        raise ReviewError(422, f"answer: {exc}") from exc
    key = revealed.Seen(user.id, card.template_id or "", seed)
    # Numbers other than the ones this card was dealt (which any client can look up through
    # the public check API) earn no credit either.
    dealt = card.current_seed is None or card.current_seed == seed
    practice = not dealt or not revealed.earns_credit(
        revealed.find(session, key), data.answer or ""
    )
    overridden = data.overridden and not result.correct
    if overridden and practice:
        raise ReviewError(409, OVERRIDE_REFUSED)
    revealed.mark(session, key, answer=data.answer, now=now)  # the verdict shows the solution
    correct = (result.correct or overridden) and not practice
    rating = (data.rating if data.rating in (2, 4) else 3) if correct else 1
    mistake = result.mistake
    return rating, {
        "correct": correct,
        "expected": result.expected,
        "explanation": result.explanation,
        "mistake": {"id": mistake.id, "message": mistake.message} if mistake else None,
        "practice": practice,
        "overridden": overridden,
        "seed": seed,
    }


def _existing(session: Session, user: User, key: str | None) -> dict[str, Any] | None:
    if not key:
        return None
    # Only practice's own keys: a client key never matches a mock interview's internal one.
    log = session.scalar(
        select(ReviewLog).where(
            ReviewLog.user_id == user.id,
            ReviewLog.source == PRACTICE_SOURCE,
            ReviewLog.idempotency_key == key,
        )
    )
    return {"review_id": log.id, **log.result} if log else None


# Built once: every review runs it (see app.srs.queue on why that matters).
_INSERT_LOG = insert(ReviewLog.__table__).returning(ReviewLog.__table__.c.id)


def submit_review(
    session: Session, *, user: User, data: ReviewInput, now: datetime, fuzzing: bool = True
) -> dict[str, Any]:
    """Record one review; the same idempotency key twice records it once."""
    if (repeated := _existing(session, user, data.idempotency_key)) is not None:
        return repeated
    card = find_card(session, user=user, card_id=data.card_id)
    if card is None:
        raise ReviewError(404, f"card {data.card_id} not found in your deck")
    rating, verdict = _grade(session, user, card, data, now)
    before = card_state(card)
    after = review(
        scheduler_for(user, fuzzing=fuzzing),
        before,
        rating,
        now,
        data.duration_ms,
        deadline=deadline_for(user, now),
    )
    previous = {**before.to_dict(), "current_seed": card.current_seed}
    apply_state(card, after)
    if card.kind == "numeric":
        card.current_seed = None  # fresh numbers next time
    if user.undo_card_id == card.id:
        user.undo_card_id = None
    # What the client is told; stored so a repeated idempotency key gets it again. The
    # review's id is added from the row, so the insert is the only write to the log.
    result = {
        "card_id": card.id, "rating": rating, **{k: v for k, v in verdict.items() if k != "seed"},
        "next_due": after.due.isoformat(), "interval": format_interval(after.due - now),
    }  # fmt: skip
    row = {
        "user_id": user.id, "card_id": card.id, "rating": rating, "state_before": before.state, "reviewed_at": now,
        "duration_ms": data.duration_ms, "answer": data.answer, "correct": verdict.get("correct"),
        "seed": verdict.get("seed"), "idempotency_key": data.idempotency_key, "previous": previous, "result": result,
        "overridden": bool(verdict.get("overridden")),
    }  # fmt: skip
    try:
        # The log is append-only: one plain INSERT, cheaper than a unit-of-work flush.
        review_id = session.execute(_INSERT_LOG, row).scalar_one()
    except IntegrityError:  # the same key raced in from another request
        session.rollback()
        return _existing(session, user, data.idempotency_key) or {}
    session.commit()
    return {"review_id": review_id, **result}


def undo_last(session: Session, *, user: User) -> dict[str, Any]:
    """Undo the learner's last practice review: the card returns to its exact prior state."""
    log = session.scalar(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.source == "practice")
        .order_by(ReviewLog.id.desc())
        .limit(1)
    )
    if log is None:
        raise ReviewError(404, "nothing to undo")
    card = session.get(Card, log.card_id)
    assert card is not None
    apply_state(card, CardState.from_dict(log.previous))
    card.current_seed = log.previous.get("current_seed")
    user.undo_card_id = card.id
    undone = {
        "review_id": log.id,
        "card_id": card.id,
        "rating": log.rating,
        "due": card.due.isoformat(),
    }
    session.delete(log)
    session.commit()
    return undone
