"""Grade a free-text answer against a question's key points.

Each key point is ``(label, phrases)``; it is covered when any of its phrases is found in the
answer. Matching tolerates case, word forms, British/American spelling, hyphenation, small typos
and small gaps inside multi-word phrases (see :mod:`app.grading.phrases`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.grading.answer import Answer
from app.grading.phrases import compile_phrases, find_phrase


@dataclass(frozen=True)
class KeyPointResult:
    """Whether one key point is covered, and the answer words that showed it."""

    label: str
    covered: bool
    evidence: str | None


@dataclass(frozen=True)
class RubricResult:
    """The outcome for every key point of a question; ``score`` is covered / total (0..1)."""

    points: list[KeyPointResult]
    score: float

    @property
    def covered(self) -> list[str]:
        """Labels of the key points the answer covers."""
        return [p.label for p in self.points if p.covered]

    @property
    def missed(self) -> list[str]:
        """Labels of the key points the answer misses."""
        return [p.label for p in self.points if not p.covered]


def grade_answer(answer: str, key_points: Sequence[tuple[str, Sequence[str]]]) -> RubricResult:
    """Decide which ``key_points`` (``(label, phrases)`` pairs) the typed ``answer`` covers.

    Only the first 5000 characters of the answer are read. An empty answer covers nothing.
    """
    if not answer.strip():
        points = [KeyPointResult(label, False, None) for label, _ in key_points]
        return RubricResult(points, 0.0)
    prepared = Answer.parse(answer)
    points = [
        KeyPointResult(label, evidence is not None, evidence)
        for label, phrases in key_points
        for evidence in [_evidence(prepared, phrases)]
    ]
    covered = sum(p.covered for p in points)
    return RubricResult(points, covered / len(points) if points else 0.0)


def _evidence(answer: Answer, phrases: Sequence[str]) -> str | None:
    for phrase in compile_phrases(tuple(phrases)):
        found = find_phrase(answer, phrase)
        if found is not None:
            return found
    return None
