"""The shape of a bank file, checked by pydantic (types, required and unknown keys)."""

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
TopicSlug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
Difficulty = Literal["easy", "medium", "hard"]
REGEX_PREFIX = "re:"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class KeyPointEntry(StrictModel):
    """A fact an interviewer listens for, and the phrases that show it in a typed answer."""

    label: Annotated[str, Field(min_length=1, max_length=300)]

    @field_validator("label")
    @classmethod
    def _strip_label(cls, value: str) -> str:
        return value.strip()

    phrases: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]], Field(min_length=1)
    ]

    @field_validator("phrases")
    @classmethod
    def _regexes_compile(cls, phrases: list[str]) -> list[str]:
        for phrase in phrases:
            if phrase.startswith(REGEX_PREFIX):
                try:
                    re.compile(phrase[len(REGEX_PREFIX) :])
                except re.error as exc:
                    raise ValueError(f"invalid regular expression {phrase!r}: {exc}") from exc
        return phrases


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
    key_points: Annotated[list[KeyPointEntry], Field(min_length=2, max_length=5)]
    siblings: list[Slug] = Field(default_factory=list)
    correction: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    template: str | list[str] | None = None
    worked_examples: list[WorkedExample] = Field(default_factory=list)
    retired: bool = False

    @field_validator("prompt", "correction")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return value.strip() if value is not None else None

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
