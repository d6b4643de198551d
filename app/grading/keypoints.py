"""Grade a free-text answer against a question's key points and misconceptions.

A key point is covered when the answer asserts one of its phrases (not negated, within one
clause; see :mod:`app.grading.claims`). A misconception is detected when the answer asserts
one of its phrases; a key point whose misconception is detected is not credited, nor is
evidence in the sentence of a detected misconception, nor in a clause that states the
opposite direction of the point about the same quantity ("higher variance" against "lower
variance"; see :mod:`app.grading.direction`), nor in a sentence that asserts what the point
denies ("changes the accuracy" against "without changing the accuracy"; see
:mod:`app.grading.contrary`), nor in a clause that echoes a misconception (every content
word of one of its phrases, in any order; see :mod:`app.grading.echoes`). Every detected
misconception costs one
point's worth of score. An answer made of fragments (no claims) earns at most
:data:`CLAIMLESS_SHARE` of what its terms would earn, and has no point credited. Matching tolerates case, word forms, British/American spelling,
hyphenation, small typos and small gaps (see :mod:`app.grading.phrases`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.grading.answer import Answer, sentence_span
from app.grading.claims import claim_share
from app.grading.contrary import contrary_sentences, denied_terms
from app.grading.direction import (
    opposite_clauses,
    point_directions,
    prefixed_opposite_clauses,
    prefixed_opposites,
)
from app.grading.echoes import echo_spans
from app.grading.phrases import compile_phrases, find_claim

CLAIMLESS_SHARE = 0.1
MIN_CLAIM_SHARE = 0.5  # below this share of words in clauses, an answer is a list of terms


@dataclass(frozen=True)
class Misconception:
    """A wrong claim and the phrases that assert it."""

    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    """A key point, its phrases, and the misconceptions that assert its opposite."""

    label: str
    phrases: tuple[str, ...]
    misconceptions: tuple[Misconception, ...] = ()


@dataclass(frozen=True)
class KeyPointResult:
    """Whether one key point is covered, the answer words that showed it, and the
    misconception that cancelled it (if any)."""

    label: str
    covered: bool
    evidence: str | None
    contradicted_by: str | None = None


@dataclass(frozen=True)
class MisconceptionResult:
    """A misconception the answer asserts, its evidence, and the key point it contradicts."""

    label: str
    evidence: str
    point: str | None = None


@dataclass(frozen=True)
class RubricResult:
    """The outcome for every key point of a question; ``score`` is 0..1."""

    points: list[KeyPointResult]
    score: float
    misconceptions: list[MisconceptionResult] = field(default_factory=list)
    makes_claims: bool = True

    @property
    def covered(self) -> list[str]:
        """Labels of the key points the answer covers."""
        return [p.label for p in self.points if p.covered]

    @property
    def missed(self) -> list[str]:
        """Labels of the key points the answer misses."""
        return [p.label for p in self.points if not p.covered]


PointLike = Point | tuple[str, Sequence[str]] | Mapping[str, Any]


def as_misconception(item: Misconception | Mapping[str, Any]) -> Misconception:
    if isinstance(item, Misconception):
        return item
    return Misconception(str(item["label"]), tuple(item["phrases"]))


def as_point(item: PointLike) -> Point:
    """A :class:`Point` from a Point, a ``(label, phrases)`` pair or a bank dict."""
    if isinstance(item, Point):
        return item
    if isinstance(item, Mapping):
        wrong = tuple(as_misconception(m) for m in item.get("misconceptions") or ())
        return Point(str(item["label"]), tuple(item["phrases"]), wrong)
    label, phrases = item
    return Point(label, tuple(phrases))


def grade_answer(
    answer: str,
    key_points: Sequence[PointLike],
    misconceptions: Sequence[Misconception | Mapping[str, Any]] = (),
    *,
    require_claims: bool = True,
) -> RubricResult:
    """Decide which ``key_points`` the typed ``answer`` covers and which misconceptions it
    asserts. Only the first 5000 characters are read. An empty answer covers nothing.

    ``require_claims=False`` grades fragments too (for checking phrases against labels)."""
    points = [as_point(kp) for kp in key_points]
    if not answer.strip() or not points:
        return RubricResult([KeyPointResult(p.label, False, None) for p in points], 0.0)
    prepared = Answer.parse(answer)
    found: list[tuple[MisconceptionResult, tuple[int, int]]] = []
    for point in points:
        found.extend(_detect(prepared, point.misconceptions, point.label))
    found.extend(_detect(prepared, [as_misconception(m) for m in misconceptions], None))
    echoes = echo_spans(
        prepared,
        [m.phrases for p in points for m in p.misconceptions]
        + [as_misconception(m).phrases for m in misconceptions],
    )
    results = [_grade_point(prepared, point, found, echoes) for point in points]
    wrong = [m for m, _ in found]
    if not require_claims or claim_share(prepared) >= MIN_CLAIM_SHARE:
        return RubricResult(results, _score(results, wrong), wrong)
    # Terms without claims: nothing is credited; naming the terms earns a small share.
    named = _score(results, wrong) * CLAIMLESS_SHARE
    uncredited = [KeyPointResult(r.label, False, r.evidence, r.contradicted_by) for r in results]
    return RubricResult(uncredited, named, wrong, makes_claims=False)


def _detect(
    answer: Answer, misconceptions: Sequence[Misconception], point: str | None
) -> list[tuple[MisconceptionResult, tuple[int, int]]]:
    detected = []
    for wrong in misconceptions:
        hit = _first_claim(answer, wrong.phrases, (), whole_terms=True)
        if hit is not None:
            text, first, last = hit
            detected.append((MisconceptionResult(wrong.label, text, point), (first, last)))
    return detected


def _grade_point(
    answer: Answer,
    point: Point,
    found: list[tuple[MisconceptionResult, tuple[int, int]]],
    echoes: list[tuple[int, int]],
) -> KeyPointResult:
    against = next((m.label for m, _ in found if m.point == point.label), None)
    spans = [sentence_span(answer, span) for _, span in found] + echoes
    texts = (point.label, *point.phrases)
    spans += opposite_clauses(answer, point_directions(texts))
    spans += prefixed_opposite_clauses(answer, prefixed_opposites(texts))
    spans += contrary_sentences(answer, denied_terms(texts))
    hit = _first_claim(answer, point.phrases, spans)
    evidence = hit[0] if hit else None
    if against is not None:
        return KeyPointResult(point.label, False, evidence, against)
    return KeyPointResult(point.label, hit is not None, evidence)


def _first_claim(
    answer: Answer,
    phrases: Sequence[str],
    excluded: Sequence[tuple[int, int]],
    *,
    whole_terms: bool = False,
) -> tuple[str, int, int] | None:
    for phrase in compile_phrases(tuple(phrases)):
        hit = find_claim(answer, phrase, outside=excluded, whole_terms=whole_terms)
        if hit is not None:
            return hit
    return None


def _score(results: list[KeyPointResult], wrong: list[MisconceptionResult]) -> float:
    # A wrong claim costs a point's worth on top of the point it cancels, as in an interview.
    covered = sum(r.covered for r in results) - len(wrong)
    return max(covered, 0) / len(results)
