"""JSON shapes of the review API."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.drill.schemas import MistakeOut


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    card_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    rating: (
        Annotated[int, Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy")] | None
    ) = None
    answer: Annotated[str, Field(max_length=5000)] | None = None
    seed: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    duration_ms: Annotated[int, Field(ge=0, le=86_400_000)] | None = None
    idempotency_key: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    overridden: bool = Field(
        default=False,
        description="count a wrong numeric answer as correct: the learner mistyped it "
        "(refused when the variant's solution was shown before this answer)",
    )


class ReviewOut(BaseModel):
    review_id: int
    card_id: int
    rating: int
    correct: bool | None = None
    expected: str | None = None
    explanation: str | None = None
    mistake: MistakeOut | None = Field(
        default=None, description="the common mistake a refused numeric answer equals"
    )
    practice: bool = Field(
        default=False,
        description="the variant's solution had been shown before this answer: no credit",
    )
    overridden: bool = Field(
        default=False, description="counted correct on the learner's word (they mistyped)"
    )
    next_due: str
    interval: str


class CountsOut(BaseModel):
    new: int
    learning: int
    due: int


class NextOut(BaseModel):
    card: dict[str, Any] | None
    counts: CountsOut
    next_due: str | None = None


class UndoOut(BaseModel):
    review_id: int
    card_id: int
    rating: int
    due: str


Kind = Literal["text", "numeric"]


class PracticeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    desired_retention: Annotated[float, Field(ge=0.7, le=0.99)] = 0.9
    new_per_day: Annotated[int, Field(ge=0, le=500)] = 20
    max_reviews_per_day: Annotated[int, Field(ge=0, le=5000)] = 200
    timezone: Annotated[str, Field(min_length=1, max_length=64)] = "UTC"
    interview_date: (
        Annotated[
            date,
            Field(
                description="ISO date of the interview, or null: reviews are planned to it",
            ),
        ]
        | None
    ) = None
