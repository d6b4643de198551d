"""Core types: :class:`Template`, :class:`Variant`, :class:`CheckResult`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.engine.answers import tidy

Params = dict[str, Any]
Answer = int | float | list[Any]
KINDS = ("int", "real", "vector", "matrix")


@dataclass(frozen=True)
class Variant:
    """One concrete question generated from a template and a seed."""

    template: str
    seed: int
    params: dict[str, Any]
    prompt: str
    answer: Answer
    explanation: str


@dataclass(frozen=True)
class CheckResult:
    """Outcome of checking a learner's answer against a variant."""

    correct: bool
    expected: str
    explanation: str


@dataclass(frozen=True)
class Template:
    """A computed-question template: sample params, solve, and explain."""

    id: str
    title: str
    params: tuple[str, ...]
    kind: str
    sampler: Callable[[np.random.Generator], Params] = field(repr=False, compare=False)
    solver: Callable[[Params], Answer] = field(repr=False, compare=False)
    prompter: Callable[[Params], str] = field(repr=False, compare=False)
    explainer: Callable[[Params], str] = field(repr=False, compare=False)
    validator: Callable[[Params], None] = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"template {self.id}: unknown kind {self.kind!r}")

    def sample(self, rng: np.random.Generator) -> Params:
        """Draw random, JSON-serialisable params."""
        return self.sampler(rng)

    def validate(self, params: Params) -> None:
        """Raise ``ValueError`` with a clear message when params are invalid."""
        if not isinstance(params, dict):
            raise ValueError(f"{self.id}: params must be a dict")
        missing = [name for name in self.params if name not in params]
        extra = [name for name in params if name not in self.params]
        if missing:
            raise ValueError(f"{self.id}: missing param(s) {', '.join(missing)}")
        if extra:
            raise ValueError(f"{self.id}: unknown param(s) {', '.join(extra)}")
        self.validator(params)

    def solve(self, params: Params) -> Answer:
        """Validate then compute the exact answer (float noise beyond 12 digits removed)."""
        self.validate(params)
        return tidy(self.solver(params))

    def prompt(self, params: Params) -> str:
        """Question text (Markdown + KaTeX)."""
        return self.prompter(params)

    def explain(self, params: Params) -> str:
        """Worked solution (Markdown + KaTeX)."""
        return self.explainer(params)
