"""The shape of a bank file, checked by pydantic (types, required and unknown keys)."""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.grading.safe_regex import UnsafePattern, compile_safe

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
TopicSlug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
Difficulty = Literal["easy", "medium", "hard"]
REGEX_PREFIX = "re:"
SHORT_ANSWER_MAX_WORDS = 60
Phrase = Annotated[str, Field(min_length=1, max_length=200)]
Phrases = Annotated[list[Phrase], Field(min_length=1, max_length=40)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


def check_phrases(phrases: list[str]) -> list[str]:
    """Every ``re:`` phrase must be one RE2 runs in linear time (see app.grading.safe_regex)."""
    for phrase in phrases:
        if phrase.startswith(REGEX_PREFIX):
            try:
                compile_safe(phrase[len(REGEX_PREFIX) :])
            except UnsafePattern as exc:
                raise ValueError(f"invalid regular expression {phrase!r}: {exc}") from None
    return phrases


def _strip_text(value: str) -> str:
    return value.strip()


class MisconceptionEntry(StrictModel):
    """A wrong claim a candidate may make, and phrases that assert it."""

    label: Annotated[str, Field(min_length=1, max_length=300)]
    phrases: Phrases

    _strip_label = field_validator("label")(_strip_text)
    _check_phrases = field_validator("phrases")(check_phrases)


Misconceptions = Annotated[list[MisconceptionEntry], Field(max_length=10)]


class KeyPointEntry(StrictModel):
    """A fact an interviewer listens for, the phrases that show it in a typed answer, and the
    misconceptions that assert its opposite."""

    label: Annotated[str, Field(min_length=1, max_length=300)]
    phrases: Phrases
    misconceptions: Misconceptions = Field(default_factory=list)

    _strip_label = field_validator("label")(_strip_text)
    _check_phrases = field_validator("phrases")(check_phrases)


class WorkedExample(StrictModel):
    """A number the answer states, recomputed by the engine so the bank cannot be wrong."""

    template: str
    params: dict[str, Any]
    answer: Any


class QuestionEntry(StrictModel):
    """One question of the bank, as written in YAML."""

    id: Slug
    source: Annotated[int, Field(ge=1, le=9999)] | None = None
    topic: TopicSlug
    difficulty: Difficulty
    prompt: Annotated[str, Field(min_length=1, max_length=2000)]
    answer: Annotated[str, Field(min_length=1, max_length=20000)]
    short_answer: Annotated[str, Field(min_length=1, max_length=600)] | None = None
    key_points: Annotated[list[KeyPointEntry], Field(min_length=2, max_length=5)]
    misconceptions: Misconceptions = Field(default_factory=list)
    siblings: list[Slug] = Field(default_factory=list)
    correction: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    template: str | list[str] | None = None
    worked_examples: list[WorkedExample] = Field(default_factory=list)
    retired: bool = False

    @field_validator("prompt", "correction")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return value.strip() if value is not None else None

    @field_validator("short_answer")
    @classmethod
    def _short_answer_is_short(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not value:
            raise ValueError("must not be blank")
        words = len(value.split())
        if words > SHORT_ANSWER_MAX_WORDS:
            raise ValueError(f"has {words} words; at most {SHORT_ANSWER_MAX_WORDS}")
        return value

    @property
    def templates(self) -> list[str]:
        if self.template is None:
            return []
        return [self.template] if isinstance(self.template, str) else list(self.template)


class BankFile(StrictModel):
    """A topic file: the topic's slug, title and place among topics, and its questions in order."""

    topic: TopicSlug
    title: Annotated[str, Field(min_length=1, max_length=120)]
    order: Annotated[int, Field(ge=0, le=10_000)] = 0
    questions: list[QuestionEntry]
