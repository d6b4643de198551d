"""Grading a parsed answer: the tolerance of SPEC §2 and the declared common mistakes.

Integers must be exact. A real entry passes within about 1 % of the *quantity asked for*:
for most templates that is the answer itself; for an update step it is the update
(answer − reference, the old weights), so with a tiny learning rate the unchanged weights
are far outside it. Entries much smaller than the largest one are held to 1 % of a tenth
of the largest (so a softmax's 0.0012 next to 0.93 need not be typed to five decimals).

The tolerance is never loose enough to pass a listed mistake: where a mistake's answer
lies closer than two tolerances to the right one (say the lost factor 2 of a tiny
penalty), the tolerance shrinks for that variant. An answer is then graded as whichever
of the right answer and the mistakes it is nearest to, in units of the tolerance, if it
lies within the tolerance of it. Only a mistake that coincides with the right answer
(within 1 % of the tolerance: same integer, γ = 1 and β = 0, …) is ignored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.engine.answers import Answer, shape_of
from app.engine.base import Mistake, Params, Template

REL_TOLERANCE = 0.01
SMALL_ENTRY_SHARE = 0.1  # entries below this share of the largest use it as their size
_SLACK = 1e-9  # absorbs binary rounding at the exact tolerance edge
COINCIDENT = 0.01  # a mistake this close (in tolerances) is the right answer for the variant
SEPARATION = 2.0  # every other mistake ends up at least this many tolerances away


@dataclass(frozen=True)
class Verdict:
    """``correct`` and, for a refused answer, the declared mistake it equals (or ``None``)."""

    correct: bool
    mistake: Mistake | None = None


def flatten(value: Answer) -> list[int | float]:
    """Entries of a number, vector or matrix in row order."""
    if not isinstance(value, list):
        return [value]
    return [x for item in value for x in flatten(item)]


def tolerances(expected: Answer, reference: Answer | None = None) -> list[float]:
    """Allowed absolute error per entry of ``expected``; 0 means exact (integer entries).

    ``reference`` is subtracted first, so the tolerance is 1 % of the quantity asked for
    (e.g. of the update ``expected − reference`` for a step template).
    """
    entries = flatten(expected)
    base = flatten(reference) if reference is not None else [0.0] * len(entries)
    quantity = [abs(e - b) for e, b in zip(entries, base, strict=True)]
    floor = SMALL_ENTRY_SHARE * max(quantity, default=0.0)
    return [
        0.0
        if isinstance(e, int) and reference is None
        else REL_TOLERANCE * max(q, floor) + _SLACK * (1 + abs(e))
        for e, q in zip(entries, quantity, strict=True)
    ]


def distance(target: Answer, given: Answer, tols: list[float]) -> float:
    """Largest error of ``given`` from ``target`` in units of the tolerance (∞ if shapes differ)."""
    if shape_of(target) != shape_of(given):
        return math.inf
    worst = 0.0
    for t, g, tol in zip(flatten(target), flatten(given), tols, strict=True):
        if not math.isfinite(g):
            return math.inf
        error = abs(float(g) - float(t))
        if tol == 0:
            if error != 0:
                return math.inf
            continue
        worst = max(worst, error / tol)
    return worst


@dataclass(frozen=True)
class Targets:
    """What an answer is compared with: the right answer's tolerance and the mistakes."""

    tolerances: list[float]
    mistakes: list[tuple[Mistake, Answer]]


def targets(template: Template, params: Params, expected: Answer) -> Targets:
    """Tolerance per entry, shrunk so every distinct mistake lies two tolerances away.

    A mistake within :data:`COINCIDENT` tolerances of the right answer is the right answer
    for this variant and is dropped. Mistakes of another shape (e.g. a convolution without
    its padding) are kept: an answer of that shape is then named, not refused as malformed.
    """
    reference = template.reference(params) if template.reference else None
    tols = tolerances(expected, reference)
    shrink, kept = 1.0, []
    for mistake, wrong in template.mistake_answers(params):
        if shape_of(wrong) == shape_of(expected):
            gap = distance(expected, wrong, tols)
            if gap <= COINCIDENT:
                continue
            shrink = min(shrink, gap / SEPARATION)
        kept.append((mistake, wrong))
    return Targets([t * shrink for t in tols], kept)


def grade(template: Template, params: Params, expected: Answer, given: Answer) -> Verdict:
    """Verdict for ``given``: right, a named mistake, or simply wrong."""
    return classify(targets(template, params, expected), expected, given)


def classify(aims: Targets, expected: Answer, given: Answer) -> Verdict:
    """:func:`grade` with the targets already computed (one variant, many answers)."""
    right = distance(expected, given, aims.tolerances)
    nearest, mistake = math.inf, None
    for candidate, wrong in aims.mistakes:
        gap = distance(wrong, given, _tolerances_for(wrong, expected, aims.tolerances))
        if gap < nearest:
            nearest, mistake = gap, candidate
    if right <= 1 and right <= nearest:
        return Verdict(correct=True)
    return Verdict(correct=False, mistake=mistake if nearest <= 1 else None)


def _tolerances_for(wrong: Answer, expected: Answer, tols: list[float]) -> list[float]:
    """The right answer's tolerance, or (for a mistake of another shape) its own."""
    if shape_of(wrong) == shape_of(expected):
        return tols
    return tolerances(wrong)
