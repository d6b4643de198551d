"""JSON shapes of the question API."""

from typing import Any

from pydantic import BaseModel, Field

from app.grading import RubricResult
from app.grading.text import MAX_ANSWER_CHARS
from app.models import Question


class QuestionSummary(BaseModel):
    id: str
    source: int | None
    topic: str
    difficulty: str
    prompt: str
    template: str | None
    templates: list[str]

    @classmethod
    def of(cls, q: Question) -> "QuestionSummary":
        templates = list(q.templates or [])
        return cls(
            id=q.id,
            source=q.source,
            topic=q.topic,
            difficulty=q.difficulty,
            prompt=q.prompt,
            template=templates[0] if templates else None,
            templates=templates,
        )


class QuestionList(BaseModel):
    items: list[QuestionSummary]
    total: int


class MisconceptionOut(BaseModel):
    label: str
    phrases: list[str]

    @classmethod
    def all_of(cls, items: list[dict[str, Any]] | None) -> list["MisconceptionOut"]:
        return [cls(label=m["label"], phrases=list(m["phrases"])) for m in items or []]


class KeyPointOut(BaseModel):
    label: str
    phrases: list[str]
    misconceptions: list[MisconceptionOut]


class QuestionDetail(QuestionSummary):
    answer: str
    short_answer: str | None
    key_points: list[KeyPointOut]
    misconceptions: list[MisconceptionOut]
    siblings: list[str]
    correction: str | None
    retired: bool
    version: int

    @classmethod
    def of(cls, q: Question) -> "QuestionDetail":
        summary = QuestionSummary.of(q)
        return cls(
            **summary.model_dump(),
            answer=q.answer,
            short_answer=q.short_answer,
            key_points=[
                KeyPointOut(
                    label=kp.label,
                    phrases=list(kp.phrases),
                    misconceptions=MisconceptionOut.all_of(kp.misconceptions),
                )
                for kp in q.key_points
            ],
            misconceptions=MisconceptionOut.all_of(q.misconceptions),
            siblings=q.siblings,
            correction=q.correction,
            retired=q.retired,
            version=q.version,
        )


class TopicOut(BaseModel):
    topic: str
    title: str
    count: int


class GradeIn(BaseModel):
    answer: str = Field(max_length=MAX_ANSWER_CHARS, description="the typed answer")


class GradedPoint(BaseModel):
    label: str
    covered: bool
    evidence: str | None = Field(description="the answer's words that showed the point")
    contradicted_by: str | None = Field(
        default=None, description="the misconception that cancelled this point"
    )


class GradedMisconception(BaseModel):
    label: str
    evidence: str
    point: str | None = Field(description="the key point it contradicts, if any")


class GradeOut(BaseModel):
    score: float = Field(ge=0, le=1)
    points: list[GradedPoint]
    misconceptions: list[GradedMisconception]
    makes_claims: bool = Field(
        description="false for a list of terms: nothing is credited without a claim"
    )

    @classmethod
    def of(cls, result: RubricResult) -> "GradeOut":
        return cls(
            score=round(result.score, 4),
            points=[
                GradedPoint(
                    label=p.label,
                    covered=p.covered,
                    evidence=p.evidence,
                    contradicted_by=p.contradicted_by,
                )
                for p in result.points
            ],
            misconceptions=[
                GradedMisconception(label=m.label, evidence=m.evidence, point=m.point)
                for m in result.misconceptions
            ],
            makes_claims=result.makes_claims,
        )
