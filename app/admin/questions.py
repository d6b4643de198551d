"""Questions as admins curate them: list, create, save (version-checked), retire, revert.

Every change bumps ``version``, writes a revision and an audit entry, and leaves
``bank_hash`` alone, so a later ``bank load`` keeps the edit or reports a conflict.
"""

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.admin import audit, links, revisions
from app.admin.checks import build_entry, id_is_taken, suggest_id
from app.admin.errors import AdminError, Invalid, NotFound
from app.admin.schemas import QuestionCreate, QuestionEdit, QuestionFields
from app.bank.convert import apply_entry
from app.bank.schema import QuestionEntry
from app.models import Question, User
from app.questions import service as questions_service
from app.srs.deck import set_question_suspended


@dataclass(frozen=True)
class Filters:
    query: str | None = None
    topic: str | None = None
    difficulty: str | None = None
    has_correction: bool | None = None
    retired: bool | None = None


def get_all(
    session: Session, *, filters: Filters, limit: int = 500, offset: int = 0
) -> tuple[list[Question], int]:
    """Questions (retired ones too) matching the filters, in bank order, and the total."""
    stmt = select(Question)
    if filters.topic:
        stmt = stmt.where(Question.topic == filters.topic)
    if filters.difficulty:
        stmt = stmt.where(Question.difficulty == filters.difficulty)
    if filters.has_correction is not None:
        has = Question.correction.is_not(None)
        stmt = stmt.where(has if filters.has_correction else ~has)
    if filters.retired is not None:
        stmt = stmt.where(Question.retired.is_(filters.retired))
    columns = (Question.id, Question.prompt, Question.answer, Question.correction)
    stmt = questions_service.where_words(stmt, filters.query, columns)
    return questions_service.page_in_bank_order(session, stmt, limit=limit, offset=offset)


def get(session: Session, *, question_id: str) -> Question:
    """One question; raises :class:`NotFound`."""
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound(f"question '{question_id}' not found")
    return question


def create(session: Session, *, data: QuestionCreate, author: User, now: datetime) -> Question:
    """A new question (no seed number, never loaded from a bank), with its first revision."""
    question_id = data.id.strip() if data.id and data.id.strip() else None
    if question_id is None:
        question_id = suggest_id(session, data.prompt)
    elif id_is_taken(session, question_id):
        raise AdminError(409, f"id: '{question_id}' is taken (ids are never reused)")
    entry = build_entry(
        session, data, question_id=question_id, source=None, retired=False, worked_examples=[]
    )
    links.lock(session, entry.siblings)
    position = session.scalar(
        select(func.coalesce(func.max(Question.position), -1) + 1).where(
            Question.topic == entry.topic
        )
    )
    question = Question(
        id=question_id, position=position, version=1, created_at=now, updated_at=now
    )
    apply_entry(question, entry)
    session.add(question)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise AdminError(409, f"id: '{question_id}' is taken (ids are never reused)") from None
    links.set_siblings(session, question, list(entry.siblings), author=author, now=now)
    _finish(session, question, author=author, now=now, action="question.create", message="created")
    return question


def update(
    session: Session,
    *,
    question_id: str,
    edit: QuestionEdit,
    author: User,
    now: datetime,
    message: str | None = None,
) -> Question:
    """Save an edit based on ``edit.version``; raises ``StaleVersion`` if someone saved since."""
    question = get(session, question_id=question_id)
    entry = _entry_for(session, question, edit)
    before = revisions.snapshot(question)
    _save(session, question, entry, based_on=edit.version, author=author, now=now)
    fields = revisions.changed_fields(before, revisions.snapshot(question))
    _finish(
        session,
        question,
        author=author,
        now=now,
        action="question.update",
        message=message or "edited",
        fields=fields,
    )
    return question


def revert(
    session: Session, *, question_id: str, revision: int, based_on: int, author: User, now: datetime
) -> Question:
    """Go back to an earlier revision's content; the result is a new revision."""
    question = get(session, question_id=question_id)
    old = revisions.get(session, question_id=question_id, version=revision).revision.snapshot
    try:
        edit = QuestionEdit.model_validate(
            {**old, "version": based_on, "worked_examples": old.get("worked_examples", [])}
        )
    except ValidationError as exc:
        raise Invalid(
            f"revision: {revision} no longer fits the schema: {exc.errors()[0]['msg']}"
        ) from None
    entry = _entry_for(session, question, edit)
    before = revisions.snapshot(question)
    _save(session, question, entry, based_on=based_on, author=author, now=now)
    fields = revisions.changed_fields(before, revisions.snapshot(question))
    _finish(
        session,
        question,
        author=author,
        now=now,
        action="question.revert",
        message=f"reverted to revision {revision}",
        fields=fields,
    )
    return question


def set_retired(
    session: Session, *, question_id: str, retired: bool, based_on: int, author: User, now: datetime
) -> Question:
    """Retire (out of every deck, history kept) or restore a question."""
    question = get(session, question_id=question_id)
    if question.retired == retired:
        return question  # already so: nothing to save
    links.claim_version(session, question, based_on)
    revisions.ensure_baseline(session, question)
    question.retired = retired
    question.version = based_on + 1
    question.updated_at = now
    set_question_suspended(session, question_id=question.id, suspended=retired)
    action, message = (
        ("question.retire", "retired") if retired else ("question.restore", "restored")
    )
    _finish(session, question, author=author, now=now, action=action, message=message)
    return question


def _entry_for(session: Session, question: Question, fields: QuestionFields) -> QuestionEntry:
    return build_entry(
        session,
        fields,
        question_id=question.id,
        source=question.source,
        retired=question.retired,
        worked_examples=list(question.worked_examples or []),
    )


def _save(
    session: Session,
    question: Question,
    entry: QuestionEntry,
    *,
    based_on: int,
    author: User,
    now: datetime,
) -> None:
    links.lock(session, [question.id, *question.siblings, *entry.siblings])
    links.claim_version(session, question, based_on)
    revisions.ensure_baseline(session, question)
    apply_entry(question, entry)
    question.version = based_on + 1
    question.updated_at = now
    session.flush()
    links.set_siblings(session, question, list(entry.siblings), author=author, now=now)


def _finish(
    session: Session,
    question: Question,
    *,
    author: User,
    now: datetime,
    action: str,
    message: str,
    fields: list[str] | None = None,
) -> None:
    session.flush()
    revisions.record(session, question, author=author, message=message, now=now)
    detail: dict[str, object] = {"version": question.version}
    if fields is not None:
        detail["fields"] = fields
    audit.record(
        session,
        actor=author,
        action=action,
        target=f"question:{question.id}",
        now=now,
        detail=detail,
    )
    session.commit()


def counts(session: Session) -> dict[str, int]:
    """Numbers for the dashboard."""
    total = session.scalar(select(func.count()).select_from(Question)) or 0
    retired = session.scalar(select(func.count()).where(Question.retired.is_(True))) or 0
    corrected = session.scalar(select(func.count()).where(Question.correction.is_not(None))) or 0
    templated = sum(1 for t in session.scalars(select(Question.templates)) if t)
    return {
        "questions": total,
        "retired": retired,
        "corrections": corrected,
        "templated": templated,
    }
