"""Siblings stay symmetric: linking A to B links B to A, and both get a revision."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.admin import audit, revisions
from app.admin.errors import StaleVersion
from app.admin.present import represent
from app.bank.convert import apply_siblings
from app.models import Question, User


def lock(session: Session, question_ids: Iterable[str]) -> None:
    """Lock the rows a save touches, always in id order, so two saves cannot deadlock.

    (PostgreSQL row locks; SQLite ignores ``FOR UPDATE`` and serialises writers anyway.)
    """
    ids = sorted(set(question_ids))
    session.execute(
        select(Question.id).where(Question.id.in_(ids)).order_by(Question.id).with_for_update()
    )


def claim_version(session: Session, question: Question, based_on: int) -> None:
    """Compare-and-swap the version in the database, so of two saves based on it one wins.

    Raises :class:`StaleVersion` (after rolling back) for the other.
    """
    if question.version == based_on:
        claimed = session.execute(
            update(Question)
            .where(Question.id == question.id, Question.version == based_on)
            .values(version=based_on + 1)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            return
    session.rollback()
    session.expire_all()
    current = session.get(Question, question.id)
    assert current is not None
    raise StaleVersion(based_on=based_on, current=represent(current))


def set_siblings(
    session: Session, question: Question, siblings: list[str], *, author: User, now: datetime
) -> list[str]:
    """Set the question's siblings and mirror the change on the other side; returns those ids."""
    old = question.siblings
    apply_siblings(question, siblings)
    changed = sorted(set(old) ^ set(siblings))
    touched = []
    for other_id in changed:
        other = session.get(Question, other_id)
        if other is None:
            continue
        mirrored = [s for s in other.siblings if s != question.id]
        if other_id in siblings:
            mirrored.append(question.id)
        if mirrored == other.siblings:
            continue
        revisions.ensure_baseline(session, other)
        apply_siblings(other, mirrored)
        other.version += 1
        other.updated_at = now
        session.flush()
        revisions.record(
            session, other, author=author, message=f"sibling link from '{question.id}'", now=now
        )
        audit.record(
            session,
            actor=author,
            action="question.update",
            target=f"question:{other.id}",
            now=now,
            detail={"version": other.version, "fields": ["siblings"], "via": question.id},
        )
        touched.append(other_id)
    return touched
