"""Drawing params whose declared mistakes stay clearly apart from the right answer.

A mistake the tolerance cannot tell from the right answer would be graded correct, so
samplers redraw until every mistake is either exactly the right answer (the mistake makes
no difference for these params) or misses it by several tolerances.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from app.engine.answers import tidy
from app.engine.base import Answer, Params
from app.engine.grading import distance, tolerances

MARGIN = 3.0  # a mistake must miss by this many tolerances (grading.distance)
MAX_TRIES = 200

Solver = Callable[[Params], Answer]


def pick(rng: np.random.Generator, options: Sequence[Any]) -> Any:
    """One of ``options`` (the option itself, never a NumPy scalar)."""
    return options[int(rng.integers(len(options)))]


def equal_or_apart(right: Answer, wrong: Answer) -> bool:
    """True when ``wrong`` equals ``right`` or misses it by more than MARGIN tolerances."""
    right, wrong = tidy(right), tidy(wrong)
    if right == wrong:
        return True
    return distance(right, wrong, tolerances(right)) > MARGIN


def _mistakes_separate(params: Params, solver: Solver, rivals: Sequence[Solver]) -> bool:
    right = solver(params)
    for rival in rivals:
        try:
            wrong = rival(params)
        except (ArithmeticError, ValueError):
            continue
        if not equal_or_apart(right, wrong):
            return False
    return True


def draw_separated(
    rng: np.random.Generator,
    draw: Callable[[np.random.Generator], Params],
    solver: Solver,
    rivals: Sequence[Solver],
) -> Params:
    """``draw(rng)`` repeated until every rival solver is equal to ``solver`` or clearly apart.

    Tests sweep many seeds to show the last-resort draw is never needed.
    """
    params = draw(rng)
    for _ in range(MAX_TRIES):
        if _mistakes_separate(params, solver, rivals):
            return params
        params = draw(rng)
    return params  # pragma: no cover - samplers are tuned so this is never reached
