"""JSON shapes of the mock-interview API."""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.mock.rules import (
    DEFAULT_COUNT,
    DEFAULT_SECONDS,
    MAX_COUNT,
    MAX_SECONDS,
    MIN_COUNT,
    MIN_SECONDS,
)
from app.mock.views import iso
from app.models import MockInterview
from app.questions.schemas import GradeOut

TopicSlug = Annotated[str, Field(min_length=1, max_length=40)]
Verdict = Literal["got", "partly", "missed"]


class MockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topics: Annotated[list[TopicSlug], Field(max_length=50)] | None = Field(
        default=None, description="topic slugs; omitted or empty means every topic"
    )
    count: Annotated[int, Field(ge=MIN_COUNT, le=MAX_COUNT)] = DEFAULT_COUNT
    seconds_per_question: Annotated[int, Field(ge=MIN_SECONDS, le=MAX_SECONDS)] = DEFAULT_SECONDS
    numeric: bool = Field(default=True, description="include numeric (computed) questions")


class MockCreatedOut(BaseModel):
    id: int
    count: int = Field(description="questions drawn (fewer than asked when the choice is small)")
    seconds_per_question: int
    topics: list[str]
    started_at: str


class VariantOut(BaseModel):
    template: str
    title: str
    kind: str
    params: dict[str, Any]
    prompt: str
    answer_format: str | None


class CurrentOut(BaseModel):
    id: int
    index: int | None = Field(description="0-based; null once every item is done")
    finished: bool
    count: int
    started: bool = Field(
        default=False,
        description="the item's clock runs; until then (POST …/current starts it) no prompt",
    )
    topic: str | None = None
    kind: Literal["text", "numeric"] | None = None
    prompt: str | None = None
    template: str | None = None
    variant: VariantOut | None = None
    seconds_per_question: int | None = None
    shown_at: str | None = None
    deadline: str | None = Field(
        default=None, description="answers later than this + 2 s earn nothing"
    )
    server_now: str | None = None
    seconds_left: float | None = None


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: Annotated[int, Field(ge=0, le=MAX_COUNT - 1)]
    answer: Annotated[str, Field(max_length=5000)] = ""
    skip: bool = False


class AnswerOut(BaseModel):
    index: int
    accepted: bool = Field(description="arrived in time and was graded")
    timed_out: bool
    finished: bool = Field(description="that was the last item: the report is ready")


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict


class ReportItemOut(BaseModel):
    index: int
    question_id: str | None
    template: str | None
    topic: str
    kind: Literal["text", "numeric"]
    prompt: str
    answer: str | None
    correct: bool | None
    score: float
    auto_score: float | None
    self_score: float | None
    verdict: Verdict | None
    points_hit: list[str]
    points_missed: list[str]
    time_used_ms: int | None
    timed_out: bool
    skipped: bool
    shown: bool
    model_answer: str
    expected: str | None
    note: str | None
    scheduled: bool = Field(description="put into the deck as a lapse")
    missed: bool = Field(
        default=False, description="a miss by the final verdict (the learner's when given)"
    )
    deck: Literal["scheduled", "practised"] | None = Field(
        default=None,
        description="scheduled: the miss waits in the reviews; practised: a later pass could "
        "not take it back, the card was reviewed since",
    )
    points_to_make: list[str] = Field(
        default_factory=list, description="a missed text item: the key points to say next time"
    )
    short_answer: str | None = Field(default=None, description="the question's short answer")
    rubric: GradeOut | None = Field(
        default=None, description="a graded text answer: points with evidence, misconceptions"
    )


class TopicScoreOut(BaseModel):
    topic: str
    title: str
    count: int
    score: float


class ReportOut(BaseModel):
    id: int
    score: float = Field(description="0..1")
    count: int
    seconds_per_question: int
    topics_asked: list[str]
    include_numeric: bool
    started_at: str | None
    finished_at: str | None
    time_used_ms: int
    items: list[ReportItemOut]
    topics: list[TopicScoreOut] = Field(description="per-topic breakdown, weakest first")


class HistoryEntry(BaseModel):
    id: int
    started_at: str
    finished_at: str | None
    count: int
    seconds_per_question: int
    topics: list[str]
    score: float | None

    @classmethod
    def of(cls, interview: MockInterview) -> "HistoryEntry":
        return cls(
            id=interview.id, started_at=iso(interview.started_at) or "",
            finished_at=iso(interview.finished_at), count=interview.count,
            seconds_per_question=interview.seconds_per_question, topics=list(interview.topics or []),
            score=round(interview.score, 4) if interview.score is not None else None,
        )  # fmt: skip


class HistoryOut(BaseModel):
    items: list[HistoryEntry]
