"""Which questions an interview asks: no repeats, never two siblings, weak topics first.

Drawing is weighted sampling without replacement (Efraimidis–Spirakis: each candidate
gets the key ``u ** (1 / weight)`` and the largest keys win), so every eligible question
can come up while topics the learner is weak in come up more often.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.engine import list_templates
from app.models import MockInterview, MockItem, Question, User
from app.srs.deck import template_topics
from app.srs.stats import topic_mastery

WEAKNESS_BOOST = 2.0  # the weakest topic is drawn up to three times as often as a mastered one
RECENT_MOCK_ITEMS = 200


@dataclass(frozen=True)
class Candidate:
    """One thing an interview may ask: a bank question (free text) or a template (numeric)."""

    topic: str
    question_id: str | None = None
    template_id: str | None = None
    siblings: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        return self.question_id or f"template:{self.template_id}"


def candidates(
    session: Session, *, topics: Sequence[str], include_numeric: bool
) -> list[Candidate]:
    """Live questions of ``topics`` (all topics when empty) and, if asked, their templates."""
    stmt = select(Question).where(Question.retired.is_(False)).order_by(Question.id)
    if topics:
        stmt = stmt.where(Question.topic.in_(topics))
    found = [
        Candidate(q.topic, question_id=q.id, siblings=frozenset(q.siblings))
        for q in session.scalars(stmt)
    ]
    if include_numeric:
        linked = template_topics(session)
        for template in list_templates():
            topic = linked.get(template.id)
            # Templates no question links belong to no topic: only an all-topics interview asks them.
            if (topic is None and not topics) or (
                topic is not None and (not topics or topic in topics)
            ):
                found.append(Candidate(topic or "numeric", template_id=template.id))
    return found


def topic_weakness(session: Session, *, user: User) -> dict[str, float]:
    """0 (mastered) … 1 (weak) per topic: unmastered share of the deck, and past mock misses."""
    parts: dict[str, list[float]] = {
        t.topic: [1.0 - t.mastery] for t in topic_mastery(session, user=user) if t.total
    }
    for topic, score in _mock_scores(session, user):
        parts.setdefault(topic, []).append(1.0 - score)
    return {topic: sum(values) / len(values) for topic, values in parts.items()}


def _mock_scores(session: Session, user: User) -> list[tuple[str, float]]:
    """Mean score per topic over the learner's most recent finished mock items."""
    recent = (
        select(
            MockItem.topic, func.coalesce(MockItem.self_score, MockItem.auto_score, 0.0).label("s")
        )
        .join(MockInterview, MockInterview.id == MockItem.interview_id)
        .where(
            MockInterview.user_id == user.id,
            MockInterview.finished_at.is_not(None),
            MockItem.shown_at.is_not(None),
        )
        .order_by(MockItem.id.desc())
        .limit(RECENT_MOCK_ITEMS)
        .subquery()
    )
    rows = session.execute(select(recent.c.topic, func.avg(recent.c.s)).group_by(recent.c.topic))
    return [(topic, float(mean)) for topic, mean in rows]


def draw(
    pool: Sequence[Candidate],
    *,
    count: int,
    weakness: dict[str, float],
    rng: random.Random,
) -> list[Candidate]:
    """Up to ``count`` candidates, weighted towards weak topics, with no two siblings."""
    keyed = sorted(
        pool,
        key=lambda c: rng.random() ** (1.0 / (1.0 + WEAKNESS_BOOST * weakness.get(c.topic, 1.0))),
        reverse=True,
    )
    chosen: list[Candidate] = []
    taken: set[str] = set()
    for candidate in keyed:
        if len(chosen) == count:
            break
        if candidate.key in taken or candidate.siblings & taken:
            continue
        chosen.append(candidate)
        taken.add(candidate.key)
        taken.update(candidate.siblings)  # the bank lists siblings both ways; be safe either way
    return chosen
