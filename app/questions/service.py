"""Queries over the bank for learners: list, search, one question, topics."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, load_only, raiseload

from app.models import Question, Topic


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    title: str
    count: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_words(
    stmt: Select[tuple[Question]], query: str | None, columns: Sequence[Any]
) -> Select[tuple[Question]]:
    """Keep questions where every word of ``query`` occurs in one of ``columns`` (case-blind,
    ``%`` and ``_`` taken literally)."""
    for word in (query or "").split():
        pattern = f"%{_escape_like(word.lower())}%"
        stmt = stmt.where(
            or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))
        )
    return stmt


def page_in_bank_order(
    session: Session, stmt: Select[tuple[Question]], *, limit: int, offset: int
) -> tuple[list[Question], int]:
    """One page of ``stmt`` in bank order (topic, then position), and how many match in all."""
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    ordered = stmt.join(Topic, Topic.slug == Question.topic).order_by(
        Topic.position, Question.position, Question.id
    )
    return list(session.scalars(ordered.limit(limit).offset(offset))), total


def get_all(
    session: Session,
    *,
    topic: str | None = None,
    source: int | None = None,
    query: str | None = None,
    include_retired: bool = False,
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[Question], int]:
    """Questions matching the filters, in bank order, and how many match in all.

    A listing shows prompts, not answers: only the summary columns are loaded (key points
    and siblings would be thousands of JSON values decoded per page)."""
    stmt = select(Question).options(*_SUMMARY_ONLY)
    if not include_retired:
        stmt = stmt.where(Question.retired.is_(False))
    if topic:
        stmt = stmt.where(Question.topic == topic)
    if source is not None:
        stmt = stmt.where(Question.source == source)
    stmt = where_words(stmt, query, (Question.prompt, Question.answer, Question.id))
    return page_in_bank_order(session, stmt, limit=limit, offset=offset)


_SUMMARY_ONLY = (
    load_only(
        Question.id, Question.source, Question.topic, Question.position, Question.difficulty,
        Question.prompt, Question.templates, Question.retired,
    ),
    raiseload(Question.key_points),
    raiseload(Question.sibling_links),
)  # fmt: skip


def bank_version(session: Session) -> tuple[int, int, str]:
    """Changes whenever a question is added, edited, retired or reloaded: the number of
    questions, the sum of their versions and the latest update (one indexed aggregate)."""
    count, versions, latest = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(Question.version), 0),
            func.max(Question.updated_at),
        )
    ).one()
    return int(count), int(versions), str(latest)


def get(session: Session, *, question_id: str) -> Question | None:
    """One question by id (retired ones too: learners' history links to them)."""
    return session.get(Question, question_id)


def get_topics(session: Session) -> list[TopicSummary]:
    """Every topic with its number of live questions, in bank order."""
    counts = (
        select(Question.topic, func.count().label("n"))
        .where(Question.retired.is_(False))
        .group_by(Question.topic)
        .subquery()
    )
    rows = session.execute(
        select(Topic.slug, Topic.title, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.topic == Topic.slug)
        .order_by(Topic.position, Topic.slug)
    )
    return [TopicSummary(slug, title, count) for slug, title, count in rows]


def get_titles(session: Session) -> dict[str, str]:
    """Topic slug → title."""
    return {slug: title for slug, title in session.execute(select(Topic.slug, Topic.title))}
