"""Errors learners flag in a question or drill, with a note, and the admins' queue of them."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.admin import audit
from app.errors import ServiceError
from app.models import ErrorFlag, Question, User
from app.srs.card_actions import clean_note, own_card

QUEUE_LIMIT = 200


class FlagError(ServiceError):
    """A flag that cannot be found (see ``app.errors.ServiceError``)."""


@dataclass(frozen=True)
class OpenFlag:
    """A flag as the admin queue shows it: what, who (None for a guest) and the prompt."""

    flag: ErrorFlag
    reporter: str | None
    prompt: str | None


def create(session: Session, *, user: User, card_id: int, note: str, now: datetime) -> ErrorFlag:
    """Flag an error in the question (or drill) of one of the learner's cards."""
    card = own_card(session, user=user, card_id=card_id)
    text = clean_note(note, required=True)
    flag = ErrorFlag(
        user_id=user.id,
        question_id=card.question_id,
        template_id=None if card.question_id else card.template_id,
        note=text,
        created_at=now,
    )
    session.add(flag)
    session.commit()
    return flag


def get_open(session: Session, *, limit: int = QUEUE_LIMIT) -> tuple[list[OpenFlag], int]:
    """Open flags oldest first (at most ``limit``) and how many are open in all."""
    reporter = aliased(User)
    opened = ErrorFlag.resolved_at.is_(None)
    rows = session.execute(
        select(ErrorFlag, reporter.email, Question.prompt)
        .join(reporter, reporter.id == ErrorFlag.user_id)
        .outerjoin(Question, Question.id == ErrorFlag.question_id)
        .where(opened)
        .order_by(ErrorFlag.created_at, ErrorFlag.id)
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).select_from(ErrorFlag).where(opened)) or 0
    return [OpenFlag(flag, email, prompt) for flag, email, prompt in rows], total


def resolve(session: Session, *, flag_id: int, admin: User, now: datetime) -> ErrorFlag:
    """Mark a flag resolved by ``admin`` (again: nothing changes); 404 when there is none."""
    flag = session.get(ErrorFlag, flag_id)
    if flag is None:
        raise FlagError(404, "flag_id: no such flag")
    if flag.resolved_at is None:
        flag.resolved_at, flag.resolved_by = now, admin.id
        target = (
            f"question:{flag.question_id}" if flag.question_id else f"template:{flag.template_id}"
        )
        audit.record(
            session, actor=admin, action="flag.resolve", target=target, now=now,
            detail={"flag": flag.id, "note": flag.note[:200]},
        )  # fmt: skip
        session.commit()
    return flag
