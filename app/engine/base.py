"""Core types: :class:`Template`, :class:`Variant`, :class:`Mistake`, :class:`CheckResult`."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.engine.answers import tidy

Params = dict[str, Any]
Answer = int | float | list[Any]
KINDS = ("int", "real", "vector", "matrix")


def _finite(value: Answer) -> bool:
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return value.bit_length() <= 1000  # comparable as a float
    return math.isfinite(value)


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
class Mistake:
    """A common wrong way to solve a template, declared as an alternative solver.

    ``id`` is a slug (``no_bias_correction``), ``message`` is shown to the learner
    ("This is the step without bias correction") and ``solver`` computes the wrong
    answer from the same params.
    """

    id: str
    message: str
    solver: Callable[[Params], Answer] = field(repr=False, compare=False)


@dataclass(frozen=True)
class CheckResult:
    """Outcome of checking a learner's answer against a variant.

    ``mistake`` names the declared common mistake the answer equals (the answer is
    then refused), or is ``None``.
    """

    correct: bool
    expected: str
    explanation: str
    mistake: Mistake | None = None


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
    mistakes: tuple[Mistake, ...] = field(default=(), repr=False, compare=False)
    # The quantity asked for is ``answer - reference(params)``: for an update step the
    # reference is the old weights, so the tolerance is 1 % of the update (SPEC §2).
    reference: Callable[[Params], Answer] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"template {self.id}: unknown kind {self.kind!r}")
        ids = [mistake.id for mistake in self.mistakes]
        if len(set(ids)) != len(ids):
            raise ValueError(f"template {self.id}: duplicate mistake ids")

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

    def mistake_answers(self, params: Params) -> list[tuple[Mistake, Answer]]:
        """Each declared mistake with the (tidied) wrong answer it gives for ``params``.

        A mistake that cannot be computed for these params (e.g. divides by zero) or that
        gives a non-finite number is left out.
        """
        self.validate(params)
        found = []
        for mistake in self.mistakes:
            try:
                wrong = tidy(mistake.solver(params))
            except (ArithmeticError, ValueError):
                continue
            if _finite(wrong):
                found.append((mistake, wrong))
        return found

    def prompt(self, params: Params) -> str:
        """Question text (Markdown + KaTeX)."""
        return self.prompter(params)

    def explain(self, params: Params) -> str:
        """Worked solution (Markdown + KaTeX)."""
        return self.explainer(params)
