"""Every save is a revision: the question's bank entry after the save, who saved it, a diff."""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.admin.errors import NotFound
from app.bank.convert import canonical_entry, content_hash, entry_from_question

# The exporter's dumper: revisions read exactly like the bank files they came from.
from app.bank.exporter import dump_yaml
from app.models import Question, QuestionRevision, User

DiffLine = tuple[str, str]  # (kind: add | del | ctx | hunk, text)


@dataclass(frozen=True)
class RevisionLine:
    revision: QuestionRevision
    author: str | None


def snapshot(question: Question) -> dict[str, Any]:
    """The question as the bank would write it."""
    return canonical_entry(entry_from_question(question))


def entry_yaml(entry: dict[str, Any]) -> str:
    """One entry as YAML, the way the bank files show it."""
    return dump_yaml(entry)


def latest_version(session: Session, question_id: str) -> int | None:
    return session.scalar(
        select(func.max(QuestionRevision.version)).where(
            QuestionRevision.question_id == question_id
        )
    )


def ensure_baseline(session: Session, question: Question) -> None:
    """Record the question's current state when history lacks it (a bank load, or no saves yet).

    So the first admin save shows the bank's version as the revision before it.
    """
    if latest_version(session, question.id) == question.version:
        return
    current = snapshot(question)
    synced = question.bank_hash is not None and question.bank_hash == content_hash(current)
    session.add(
        QuestionRevision(
            question_id=question.id,
            version=question.version,
            snapshot=current,
            author_id=None,
            message="as loaded from the bank" if synced else "state before this save",
            created_at=question.updated_at,
        )
    )


def record(
    session: Session, question: Question, *, author: User | None, message: str, now: datetime
) -> QuestionRevision:
    """A revision for the question's state at its (new) version."""
    revision = QuestionRevision(
        question_id=question.id,
        version=question.version,
        snapshot=snapshot(question),
        author_id=author.id if author is not None else None,
        message=message,
        created_at=now,
    )
    session.add(revision)
    return revision


def get_all(session: Session, *, question_id: str) -> list[RevisionLine]:
    """A question's revisions, newest first, with their authors' e-mails."""
    rows = session.execute(
        select(QuestionRevision, User.email)
        .outerjoin(User, User.id == QuestionRevision.author_id)
        .where(QuestionRevision.question_id == question_id)
        .order_by(QuestionRevision.version.desc())
    )
    return [RevisionLine(revision, email) for revision, email in rows]


def get(session: Session, *, question_id: str, version: int) -> RevisionLine:
    """One revision; raises :class:`NotFound`."""
    row = session.execute(
        select(QuestionRevision, User.email)
        .outerjoin(User, User.id == QuestionRevision.author_id)
        .where(QuestionRevision.question_id == question_id, QuestionRevision.version == version)
    ).first()
    if row is None:
        raise NotFound(f"question '{question_id}' has no revision {version}")
    return RevisionLine(row[0], row[1])


def previous(session: Session, *, question_id: str, version: int) -> QuestionRevision | None:
    """The revision just before ``version``."""
    return session.scalar(
        select(QuestionRevision)
        .where(QuestionRevision.question_id == question_id, QuestionRevision.version < version)
        .order_by(QuestionRevision.version.desc())
        .limit(1)
    )


def diff_lines(
    old: dict[str, Any] | None, new: dict[str, Any] | None, *, old_name: str, new_name: str
) -> list[DiffLine]:
    """A unified diff of two entries' YAML, each line tagged for display."""
    before = entry_yaml(old).splitlines() if old else []
    after = entry_yaml(new).splitlines() if new else []
    return tagged(difflib.unified_diff(before, after, old_name, new_name, n=3, lineterm=""))


def tagged(unified: Iterable[str]) -> list[DiffLine]:
    """``difflib.unified_diff`` output without its file headers, each line tagged for display."""
    texts = list(unified)
    if texts[:1] and texts[0].startswith("---"):  # the headers come once, before the first hunk
        texts = texts[2:]
    return [({"@": "hunk", "+": "add", "-": "del"}.get(t[:1], "ctx"), t) for t in texts]


def changes(session: Session, revision: QuestionRevision) -> list[DiffLine]:
    """What ``revision`` changed: its diff against the revision before it."""
    before = previous(session, question_id=revision.question_id, version=revision.version)
    return diff_lines(
        before.snapshot if before else None,
        revision.snapshot,
        old_name=f"revision {before.version}" if before else "nothing",
        new_name=f"revision {revision.version}",
    )


def diff_text(lines: list[DiffLine]) -> str:
    return "\n".join(text for _, text in lines)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Top-level entry keys whose value differs."""
    return [key for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key)]
