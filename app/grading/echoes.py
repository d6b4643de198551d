"""Echoes of a misconception: a clause that holds every content word of a wrong claim.

Misconception phrases are matched word by word in order with small gaps, so a learner who
words the same wrong claim a little differently ("the gradient of the loss with respect to
each of the network's weights") is not caught. A clause that holds every content word of a
misconception phrase (in any order, three or more such words) and negates nothing is taken to
echo it: it is no evidence for any key point, though it costs nothing by itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.grading.answer import Answer
from app.grading.claims import NEGATORS, clause_spans
from app.grading.phrases import WordPhrase, compile_phrases

MIN_CONTENT = 3  # content words a misconception phrase needs to be echoed


def echo_spans(answer: Answer, phrase_lists: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Token spans of the clauses that echo one of the misconception phrases."""
    tokens = answer.tokens
    if not tokens:
        return []
    clauses = clause_spans(answer)
    negated = {clauses[i] for i, t in enumerate(tokens) if t.word in NEGATORS or t.word == "non"}
    found: set[tuple[int, int]] = set()
    for phrases in phrase_lists:
        for phrase in compile_phrases(phrases):
            if isinstance(phrase, WordPhrase):
                found.update(_echoes(answer, phrase, clauses) - negated)
    return sorted(found)


def _echoes(
    answer: Answer, phrase: WordPhrase, clauses: list[tuple[int, int]]
) -> set[tuple[int, int]]:
    content = [slot for slot in phrase.variants[0] if not slot.optional]
    if len(content) < MIN_CONTENT or phrase.negations:
        return set()
    common: set[tuple[int, int]] | None = None
    for slot in content:
        here = {clauses[start] for start, _ in answer.matches(slot)}
        common = here if common is None else common & here
        if not common:
            return set()
    return common or set()
