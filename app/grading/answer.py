"""An answer prepared once for matching: folded text, tokens and look-up tables."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from app.grading.lexicon import is_common, is_known, is_word
from app.grading.text import (
    MAX_ANSWER_CHARS,
    Token,
    canonical,
    fold,
    light_stem,
    stem,
    tokenize,
    word_set,
)

# Suffixes a whole English phrase word may gain and still match (``shift`` -> ``shifted``).
_REGULAR_SUFFIXES = word_set(
    "s es ed d ing er ers ly ion ions ation ations ment ments ness able ably ize ized izes izing "
    "ization izations ive ively ity ities or ors"
)
_MAX_JOINED = 3  # "mini batch", "many to one": up to three answer words read as one


@dataclass(frozen=True, slots=True)
class Slot:
    """One word of a bank phrase (hyphenated parts joined), with how it may be matched.

    ``budget`` is the number of edits tolerated as a typo (0 disables fuzzy matching);
    ``whole_word`` marks an everyday English word, which only matches longer words that add a
    regular suffix; ``author_stem`` marks a truncated stem such as ``saturat`` (not a word).
    """

    raw: str
    text: str
    stem: str
    light: str
    optional: bool
    budget: int
    light_budget: int
    whole_word: bool
    author_stem: bool

    @property
    def exact_only(self) -> bool:
        """Words of three characters or fewer ("lr", "sgd", "l2") only match exactly."""
        return len(self.text) <= 3


def typo_budget(word: str) -> int:
    """Edits tolerated in ``word``: none below 4 letters, 1 up to 7, 2 from 8."""
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) <= 7 else 2


@lru_cache(maxsize=8192)
def make_slot(raw: str, optional: bool = False, fuzzy: bool = True) -> Slot:
    """Build a slot from a folded phrase word such as ``mini-batch`` or ``normalis``."""
    joined = raw.replace("-", "")
    text = canonical(joined)
    light = light_stem(text)
    return Slot(
        raw=joined,
        text=text,
        stem=stem(text),
        light=light,
        optional=optional,
        budget=typo_budget(text) if fuzzy else 0,
        light_budget=typo_budget(light) if fuzzy else 0,
        whole_word=is_common(text),
        author_stem=not is_word(text),
    )


@dataclass(slots=True)
class Answer:
    """A learner's answer, folded and tokenised, with indexes for fast slot look-ups."""

    original: str
    folded: str
    offsets: list[int] | None
    tokens: list[Token]
    by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_canon: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_word: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_prefix: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    unknown: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # Tables derived once per answer by the claim readers (clause spans, directions).
    memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Answer:
        """Fold, tokenise and index the first ``MAX_ANSWER_CHARS`` characters of ``text``."""
        original = text[:MAX_ANSWER_CHARS]
        folded, offsets = fold(original)
        answer = cls(original, folded, offsets, tokenize(folded))
        by_stem, by_canon, by_word = answer.by_stem, answer.by_canon, answer.by_word
        by_prefix, unknown = answer.by_prefix, answer.unknown
        for i, token in enumerate(answer.tokens):
            canon = token.canon
            by_stem[token.stem].append(i)
            by_canon[canon].append(i)
            by_word[token.word].append(i)
            if len(canon) >= 5:
                by_prefix[canon[:5]].append(i)
            if len(canon) >= 4 and canon.isalpha() and not is_known(canon, token.stem):
                unknown.setdefault(canon[0], {}).setdefault(canon, []).append(i)
        return answer

    def span(self, first: int, last: int) -> str:
        """The original text from the start of token ``first`` to the end of token ``last``."""
        return self.original_span(self.tokens[first].start, self.tokens[last].end)

    def original_span(self, start: int, end: int) -> str:
        """Map a span of the folded text back to the original answer text."""
        if self.offsets is not None:
            start, end = self.offsets[start], self.offsets[end - 1] + 1
        return self.original[start:end]

    def matches(self, slot: Slot) -> list[tuple[int, int]]:
        """Token ranges ``(start, end)`` matching ``slot``, sorted by start."""
        return _slot_matches(self, slot)


def _slot_matches(answer: Answer, slot: Slot) -> list[tuple[int, int]]:
    text = slot.text
    if slot.exact_only:
        found = set(answer.by_canon.get(text, ()))
        if len(text) >= 2:
            found.update(answer.by_canon.get(text + "s", ()))
        return sorted({(i, i + 1) for i in found} | set(_joined(answer, slot)))
    found = set(answer.by_stem.get(slot.stem, ())) | set(answer.by_canon.get(text, ()))
    if len(text) >= 5:
        found.update(i for i in answer.by_prefix.get(text[:5], ()) if _prefix_ok(slot, i, answer))
    if slot.budget:
        found.update(_fuzzy(answer, slot))
    ranges = {(i, i + 1) for i in found}
    ranges.update(_joined(answer, slot))
    return sorted(ranges)


def _prefix_ok(slot: Slot, i: int, answer: Answer) -> bool:
    canon = answer.tokens[i].canon
    if not canon.startswith(slot.text) or canon == slot.text:
        return False
    return not slot.whole_word or canon[len(slot.text) :] in _REGULAR_SUFFIXES


def _fuzzy(answer: Answer, slot: Slot) -> list[int]:
    """Unknown (likely misspelled) answer words within the slot's typo budget."""
    found: list[int] = []
    for canon, positions in answer.unknown.get(slot.text[0], {}).items():
        if _is_typo(canon, slot):
            found.extend(positions)
    return found


def _is_typo(canon: str, slot: Slot) -> bool:
    text, budget = slot.text, slot.budget
    if len(canon) < len(slot.light) - budget:
        return False
    if slot.author_stem and text.startswith(canon):
        return False  # "regular" is a shorter word, not a typo of the stem "regulari"
    if OSA.distance(text, canon, score_cutoff=budget) <= budget:
        return True
    light = light_stem(canon)
    if (
        light != canon
        and slot.light_budget
        and (OSA.distance(slot.light, light, score_cutoff=slot.light_budget) <= slot.light_budget)
    ):
        return True
    if not slot.author_stem or len(text) < 8 or len(canon) <= len(text):
        return False
    # A misspelled word that extends an author's stem: "backpropogation" for "backpropagat".
    return any(
        OSA.distance(text, canon[:length], score_cutoff=1) <= 1
        for length in range(len(text) - 1, len(text) + 2)
    )


def _joined(answer: Answer, slot: Slot) -> list[tuple[int, int]]:
    """Ranges where two or three adjacent answer words spell the slot (``mini batch``)."""
    raw, tokens, found = slot.raw, answer.tokens, []
    for cut in range(1, len(raw)):
        for first in answer.by_word.get(raw[:cut], ()):
            word = tokens[first].word
            for last in range(first + 1, min(first + _MAX_JOINED, len(tokens))):
                gap = answer.folded[tokens[last - 1].end : tokens[last].start]
                if len(gap) > 2 or gap.strip(" -/") or len(word) > len(raw) + 6:
                    break
                word += tokens[last].word
                if _joined_matches(canonical(word), slot, cut):
                    found.append((first, last + 1))
    return found


def _joined_matches(canon: str, slot: Slot, first_length: int) -> bool:
    if canon == slot.text or stem(canon) == slot.stem:
        return True
    if len(slot.text) < 5 or len(slot.text) <= first_length or not canon.startswith(slot.text):
        return False
    return not slot.whole_word or canon[len(slot.text) :] in _REGULAR_SUFFIXES


def next_matches(ranges: list[tuple[int, int]], position: int) -> list[tuple[int, int]]:
    """The ranges of a sorted list that start at or after ``position``."""
    return ranges[bisect_left(ranges, (position, -1)) :]


def sentence_span(answer: Answer, span: tuple[int, int]) -> tuple[int, int]:
    """The tokens of the sentence holding ``span``, across semicolons ("...; so it is ..."
    goes on with the same claim): a sentence with a wrong claim earns nothing."""
    tokens = answer.tokens
    first, last = span
    while first > 0 and not _full_stop(answer, first - 1, first):
        first -= 1
    while last + 1 < len(tokens) and not _full_stop(answer, last, last + 1):
        last += 1
    return first, last


def _full_stop(answer: Answer, left: int, right: int) -> bool:
    """A sentence end other than a semicolon between tokens ``left`` and ``right``."""
    tokens = answer.tokens
    if tokens[left].sentence == tokens[right].sentence:
        return False
    gap = answer.folded[tokens[left].end : tokens[right].start]
    return any(mark in gap for mark in ".!?\n")
