"""What every export format shares: the live bank's questions and fixed template variants.

Formats (``export_apkg``, ``export_moodle``, ``export_gift``) only lay these out. Retired
questions are left out. Each template contributes the same few variants every time
(``VARIANT_SEEDS``), so a re-export carries the same numbers and re-imports as an update.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.engine import format_answer, generate, get_template, list_templates
from app.engine.grading import targets
from app.models import Question, Topic

VARIANT_SEEDS = (1, 2, 3, 4, 5)
TEMPLATE_TOPIC_FALLBACK = "numeric"


@dataclass(frozen=True)
class ExportQuestion:
    id: str
    topic: str
    difficulty: str
    prompt: str
    short_answer: str | None
    answer: str
    key_points: list[str]
    updated_at: datetime | None = None


@dataclass(frozen=True)
class ExportVariant:
    """One fixed variant of a template: its numbers, answer, tolerance and worked solution."""

    template: str
    title: str
    seed: int
    topic: str
    prompt: str
    answer_text: str
    explanation: str
    # A single number (Moodle's numerical questions), with its absolute tolerance; else None.
    value: float | int | None
    tolerance: float

    @property
    def id(self) -> str:
        return f"{self.template}-{self.seed}"


@dataclass(frozen=True)
class ExportBank:
    topics: dict[str, str]  # slug -> title, in bank order
    questions: list[ExportQuestion]
    variants: list[ExportVariant]


def _question(row: Question) -> ExportQuestion:
    return ExportQuestion(
        id=row.id, topic=row.topic, difficulty=row.difficulty, prompt=row.prompt,
        short_answer=row.short_answer, answer=row.answer,
        key_points=[point.label for point in row.key_points], updated_at=row.updated_at,
    )  # fmt: skip


def variant(template_id: str, seed: int, topic: str) -> ExportVariant:
    """The variant of ``template_id`` for ``seed`` in export form."""
    generated = generate(template_id, seed)
    template = get_template(template_id)
    scalar = not isinstance(generated.answer, list)
    tolerance = 0.0
    if scalar:
        tolerance = targets(template, generated.params, generated.answer).tolerances[0]
    return ExportVariant(
        template=template_id, title=template.title, seed=seed, topic=topic,
        prompt=generated.prompt, answer_text=format_answer(generated.answer),
        explanation=generated.explanation, value=generated.answer if scalar else None,
        tolerance=tolerance,
    )  # fmt: skip


def collect_bank(
    session: Session,
    *,
    question_ids: Collection[str] | None = None,
    template_ids: Collection[str] | None = None,
) -> ExportBank:
    """The live bank (or only the given questions and templates) ready to export."""
    topics = {t.slug: t.title for t in session.scalars(select(Topic).order_by(Topic.position))}
    rows = session.scalars(
        select(Question)
        .join(Topic, Topic.slug == Question.topic)
        .where(Question.retired.is_(False))
        .order_by(Topic.position, Question.position, Question.id)
    ).all()
    template_topic: dict[str, str] = {}
    for row in rows:
        for template_id in row.templates or []:
            template_topic.setdefault(template_id, row.topic)
    if question_ids is not None:
        keep = set(question_ids)
        rows = [row for row in rows if row.id in keep]
    wanted = [t.id for t in list_templates()]
    if template_ids is not None:
        keep = set(template_ids)
        wanted = [t for t in wanted if t in keep]
    variants = [
        variant(t, seed, template_topic.get(t, TEMPLATE_TOPIC_FALLBACK))
        for t in wanted
        for seed in VARIANT_SEEDS
    ]
    if any(v.topic == TEMPLATE_TOPIC_FALLBACK for v in variants):
        topics.setdefault(TEMPLATE_TOPIC_FALLBACK, "Numeric drills")
    return ExportBank(topics=topics, questions=[_question(r) for r in rows], variants=variants)
