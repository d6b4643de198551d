"""Each learner's deck holds one card per bank question and one per template."""

from datetime import datetime

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.engine import list_templates
from app.models import Card, Question, Topic, User
from app.srs.scheduler import NEW

TEMPLATE_TOPIC_FALLBACK = "numeric"
# Template cards come after a topic's questions in the order new cards are introduced.
_TOPIC_STRIDE, _TEMPLATE_OFFSET = 100_000, 50_000


def template_topics(session: Session) -> dict[str, str]:
    """Each template's topic: the topic of the first bank question that links it."""
    rows = session.execute(
        select(Question.templates, Question.topic)
        .join(Topic, Topic.slug == Question.topic)
        .order_by(Topic.position, Question.position)
    )
    topics: dict[str, str] = {}
    for templates, topic in rows:
        for template_id in templates or []:
            topics.setdefault(template_id, topic)
    return topics


# Checked on every practice step, so built once: the learner's cards and the bank's questions.
_DECK_SIZES = select(
    select(func.count())
    .select_from(Card)
    .where(Card.user_id == bindparam("user_id"))
    .scalar_subquery(),
    select(func.count()).select_from(Question).scalar_subquery(),
)


# Every review and every reveal looks a card up, so built once (see app.srs.queue).
_OWN_CARD = select(Card).where(
    Card.id == bindparam("card_id"), Card.user_id == bindparam("user_id")
)


def find_card(session: Session, *, user: User, card_id: int) -> Card | None:
    """The learner's card ``card_id``, or None when their deck has no such card."""
    return session.scalar(_OWN_CARD, {"card_id": card_id, "user_id": user.id})


def ensure_deck(session: Session, *, user: User, now: datetime) -> int:
    """Add the cards a learner lacks (new questions, new templates); returns how many."""
    templates = list_templates()
    have, total_questions = session.execute(_DECK_SIZES, {"user_id": user.id}).one()
    if have >= total_questions + len(templates):
        return 0
    owned_questions = set(
        session.scalars(
            select(Card.question_id).where(Card.user_id == user.id, Card.question_id.is_not(None))
        )
    )
    owned_templates = set(
        session.scalars(
            select(Card.template_id).where(Card.user_id == user.id, Card.template_id.is_not(None))
        )
    )
    topic_order = {slug: pos for slug, pos in session.execute(select(Topic.slug, Topic.position))}
    added = []
    for q in session.scalars(
        select(Question).where(Question.id.not_in(owned_questions) if owned_questions else True)
    ):
        position = topic_order.get(q.topic, 0) * _TOPIC_STRIDE + q.position
        added.append(
            {"user_id": user.id, "question_id": q.id, "template_id": None, "kind": "text",
             "topic": q.topic, "position": position, "suspended": q.retired}
        )  # fmt: skip
    topics = template_topics(session)
    for index, template in enumerate(templates):
        if template.id in owned_templates:
            continue
        topic = topics.get(template.id, TEMPLATE_TOPIC_FALLBACK)
        position = topic_order.get(topic, 99) * _TOPIC_STRIDE + _TEMPLATE_OFFSET + index
        added.append(
            {"user_id": user.id, "question_id": None, "template_id": template.id,
             "kind": "numeric", "topic": topic, "position": position, "suspended": False}
        )  # fmt: skip
    if added:
        # One executemany: a new learner's first step adds a card per question and template.
        session.execute(insert(Card), [{**row, "state": NEW, "due": now} for row in added])
    return len(added)


def set_question_suspended(session: Session, *, question_id: str, suspended: bool) -> None:
    """Retiring a question takes its cards out of every deck (their history stays)."""
    session.execute(update(Card).where(Card.question_id == question_id).values(suspended=suspended))
