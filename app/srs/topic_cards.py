"""Per topic, the learner's cards: its questions and numeric drills, studied and mature.

The home page's topic counts and the stats page's mastery per topic both come from
:func:`topic_cards`, so they cannot disagree. A topic's cards are one per live question
of it and one per numeric template its questions link (the template goes to the first
topic linking it, see ``app.srs.deck``); templates no question links gather under
``OTHER_DRILLS``, which is no bank topic.
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import Card, Question, Topic, User
from app.srs.deck import TEMPLATE_TOPIC_FALLBACK
from app.srs.scheduler import NEW, REVIEW

OTHER_DRILLS = TEMPLATE_TOPIC_FALLBACK
OTHER_DRILLS_TITLE = "Other numeric drills"
MATURE_STABILITY_DAYS = 21.0  # Anki calls a card "mature" from a 21-day interval


@dataclass(frozen=True)
class TopicCards:
    topic: str
    title: str
    questions: int  # a card per live question (retired ones leave every deck)
    drills: int  # a card per numeric template
    studied: int  # reviewed at least once, not suspended
    mature: int  # stability of 21 days or more, not suspended
    suspended: int = 0  # by the learner: still theirs, out of practice

    @property
    def total(self) -> int:
        return self.questions + self.drills

    @property
    def mastery(self) -> float:
        """Mature cards per card in practice (suspended ones left out)."""
        active = self.total - self.suspended
        return self.mature / active if active else 0.0

    @property
    def in_bank(self) -> bool:
        """A bank topic, with questions to browse (``OTHER_DRILLS`` has drills only)."""
        return self.topic != OTHER_DRILLS


_MATURE = (Card.state == REVIEW) & (Card.stability >= MATURE_STABILITY_DAYS)
_IN_PRACTICE = Card.suspended.is_(False)


# Built once (the home and stats pages run it on every visit, see app.srs.queue).
_COUNTS = (
    select(
        Card.topic,
        func.sum(case((Card.kind == "numeric", 0), else_=1)),
        func.sum(case((Card.kind == "numeric", 1), else_=0)),
        func.sum(case((_IN_PRACTICE & (Card.state != NEW), 1), else_=0)),
        func.sum(case((_IN_PRACTICE & _MATURE, 1), else_=0)),
        func.sum(case((_IN_PRACTICE, 0), else_=1)),
    )
    .outerjoin(Question, Question.id == Card.question_id)
    .where(Card.user_id == bindparam("user_id"), or_(Card.question_id.is_(None), ~Question.retired))
    .group_by(Card.topic)
)
_TOPICS = select(Topic.slug, Topic.title).order_by(Topic.position, Topic.slug)


def _counts(session: Session, user: User) -> dict[str, dict[str, int]]:
    rows = session.execute(_COUNTS, {"user_id": user.id})
    keys = ("questions", "drills", "studied", "mature", "suspended")
    return {topic: dict(zip(keys, map(int, counts), strict=True)) for topic, *counts in rows}


def topic_cards(session: Session, *, user: User) -> list[TopicCards]:
    """Every bank topic in bank order (with no cards too), then ``OTHER_DRILLS`` if any."""
    counts = _counts(session, user)
    zero = dict.fromkeys(("questions", "drills", "studied", "mature", "suspended"), 0)
    topics = [
        TopicCards(slug, title, **counts.pop(slug, zero))
        for slug, title in session.execute(_TOPICS)
    ]
    # OTHER_DRILLS, and any topic a card still names after its topic left the bank.
    for slug in sorted(counts):
        title = OTHER_DRILLS_TITLE if slug == OTHER_DRILLS else slug
        topics.append(TopicCards(slug, title, **counts[slug]))
    return topics
