"""Skill mastery: for each template card, how often fresh numbers were answered right,
week by week (every numeric answer the engine graded, in practice or a mock interview)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.engine import get_template
from app.models import Card, ReviewLog, User
from app.srs.days import learning_day

SKILL_WEEKS = 12


@dataclass(frozen=True)
class SkillWeek:
    week: date  # its Monday
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class Skill:
    template_id: str
    title: str
    weeks: list[SkillWeek]  # oldest first, only weeks with answers

    @property
    def attempts(self) -> int:
        return sum(w.attempts for w in self.weeks)

    @property
    def correct(self) -> int:
        return sum(w.correct for w in self.weeks)

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


def _title(template_id: str) -> str:
    try:
        return get_template(template_id).title
    except KeyError:  # a template since removed from the engine
        return template_id


def skill_mastery(
    session: Session, *, user: User, now: datetime, template_id: str | None = None
) -> list[Skill]:
    """Accuracy per template (one template with ``template_id``) over the last
    ``SKILL_WEEKS`` weeks, most answered first."""
    query = (
        select(Card.template_id, ReviewLog.reviewed_at, ReviewLog.correct)
        .join(Card, Card.id == ReviewLog.card_id)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.correct.is_not(None),
            ReviewLog.reviewed_at >= now - timedelta(weeks=SKILL_WEEKS),
            Card.template_id.is_not(None),
        )
    )
    if template_id is not None:
        query = query.where(Card.template_id == template_id)
    tally: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for template, at, correct in session.execute(query):
        assert template is not None  # the query keeps template cards only
        day = learning_day(at, user.timezone)
        counts = tally[template][day - timedelta(days=day.weekday())]
        counts[0] += 1
        counts[1] += 1 if correct else 0
    skills = [
        Skill(
            template_id=template,
            title=_title(template),
            weeks=[SkillWeek(week, n, ok) for week, (n, ok) in sorted(weeks.items())],
        )
        for template, weeks in tally.items()
    ]
    return sorted(skills, key=lambda s: (-s.attempts, s.title))
