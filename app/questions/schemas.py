"""JSON shapes of the question API."""

from pydantic import BaseModel

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


class KeyPointOut(BaseModel):
    label: str
    phrases: list[str]


class QuestionDetail(QuestionSummary):
    answer: str
    key_points: list[KeyPointOut]
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
            key_points=[
                KeyPointOut(label=kp.label, phrases=list(kp.phrases)) for kp in q.key_points
            ],
            siblings=q.siblings,
            correction=q.correction,
            retired=q.retired,
            version=q.version,
        )


class TopicOut(BaseModel):
    topic: str
    title: str
    count: int
