"""JSON shapes of the template API."""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from app.drill.service import MAX_SEED, Exercise
from app.engine import CheckResult, Template
from app.engine.answers import MAX_ANSWER_CHARS

Seed = Annotated[
    int, Field(strict=True, ge=0, le=MAX_SEED, description="0 ≤ seed ≤ 2³¹−1", examples=[42])
]


class TemplateOut(BaseModel):
    id: str
    title: str
    params: list[str]
    kind: str = Field(description="answer kind: int, real, vector or matrix")

    @classmethod
    def of(cls, template: Template) -> "TemplateOut":
        return cls(
            id=template.id, title=template.title, params=list(template.params), kind=template.kind
        )


class VariantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seed: Seed | None = Field(default=None, description="omit for a random variant")


class VariantOut(BaseModel):
    template: str
    seed: int
    params: dict[str, Any]
    prompt: str = Field(description="Markdown with $…$ math for KaTeX")

    @classmethod
    def of(cls, exercise: Exercise) -> "VariantOut":
        return cls(
            template=exercise.template.id,
            seed=exercise.seed,
            params=exercise.params,
            prompt=exercise.prompt,
        )


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seed: Seed
    answer: str = Field(
        max_length=MAX_ANSWER_CHARS,
        description="e.g. 42, 0.25, 1/4, [0.1, 0.9] or [[1, 2], [3, 4]]",
        examples=["[[1, 2], [3, 4]]"],
    )


class MistakeOut(BaseModel):
    id: str = Field(description="slug of the declared common mistake", examples=["wrong_sign"])
    message: str = Field(examples=["This is the step without bias correction: …"])


class CheckOut(BaseModel):
    correct: bool
    expected: str = Field(description="the exact answer in the accepted text format")
    explanation: str = Field(description="worked solution, Markdown with $…$ math")
    mistake: MistakeOut | None = Field(
        description="the common mistake a refused answer equals, or null"
    )
    practice: bool = Field(
        default=False,
        description="the signed-in learner had already seen this variant's solution: no credit",
    )

    @classmethod
    def of(cls, outcome: CheckResult, practice: bool = False) -> "CheckOut":
        mistake = outcome.mistake
        return cls(
            correct=outcome.correct,
            expected=outcome.expected,
            explanation=outcome.explanation,
            mistake=MistakeOut(id=mistake.id, message=mistake.message) if mistake else None,
            practice=practice,
        )


class Message(BaseModel):
    detail: str = Field(examples=["template 'x' not found"])


class CheckError(BaseModel):
    detail: str | list[dict[str, Any]] = Field(
        description="a message naming the expected format when the answer cannot be read; "
        "FastAPI's list of field errors when the body itself is invalid",
        examples=[
            "Could not read the answer ('abc' is not a number). Expected a whole number like 42."
        ],
    )
