"""Bank phrases compiled once, and matched against a prepared :class:`Answer`.

A phrase is one of three kinds:

* ``re:...`` — a regular expression run by RE2 (linear time; see :mod:`app.grading.safe_regex`),
  searched case-insensitively;
* words (letters, digits, ``_``, hyphens, apostrophes) — matched word by word with the tolerances
  of :mod:`app.grading.answer`, in order, with small gaps;
* anything else (``max(0``, ``1/(1-p)``, ``wx + b``) — a symbolic phrase, matched literally with
  any spacing around its symbols.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.grading.answer import Answer, Slot, make_slot, next_matches
from app.grading.claims import is_asserted, phrase_negations, splits_compound, token_range
from app.grading.safe_regex import UnsafePattern, compile_safe
from app.grading.text import fold, split_word, stem, word_set

REGEX_PREFIX = "re:"
MAX_STEP_GAP = 2  # answer words allowed between two consecutive phrase words
MAX_TOTAL_GAP = 3  # ... and in total over the phrase
_WORDY_RE = re.compile(r"^\w+(?:['-]\w+)*(?:\s+\w+(?:['-]\w+)*)*$")
_SYMBOL_PIECE_RE = re.compile(r"\w+|[^\w\s]")
_OPTIONAL = word_set("the a an of to by in on for at is are be with as it its and or")
_FUNCTION = _OPTIONAL | word_set("if not no than then per from")
_LINKING = word_set("is are was were be been being the a an all")
# Verbs of a directed relation ("bagging reduces variance"), by stem.
_RELATIONS = frozenset(
    stem(w)
    for w in [
        "reduces",
        "increases",
        "causes",
        "prevents",
        "lowers",
        "raises",
        "fixes",
        "improves",
        "mitigates",
        "eliminates",
        "solves",
        "hurts",
        "speeds",
        "stabilises",
        "stabilizes",
        "decreases",
    ]
)


@dataclass(frozen=True, slots=True)
class WordPhrase:
    """A phrase of words; each variant is a sequence of slots (e.g. as written, or joined)."""

    variants: tuple[tuple[Slot, ...], ...]
    negations: int = 0
    # A directed relation ("A reduces B"): its active form must not match a passive span
    # ("A is reduced by B" says the opposite).
    relation: bool = False


@dataclass(frozen=True, slots=True)
class PatternPhrase:
    """A regex or symbolic phrase, searched in the folded (and for regexes, original) text.

    Symbolic patterns are built from escaped literals (no nested repetition), so Python's
    engine runs them in linear time; bank regexes are RE2 programs."""

    pattern: re.Pattern[str] | re2._Regexp  # type: ignore[name-defined]  # noqa: F821
    on_original: bool


Phrase = WordPhrase | PatternPhrase


@lru_cache(maxsize=16384)
def compile_phrase(phrase: str) -> Phrase | None:
    """Compile one bank phrase; ``None`` for a phrase with nothing to match."""
    if phrase.startswith(REGEX_PREFIX):
        try:
            return PatternPhrase(compile_safe(phrase[len(REGEX_PREFIX) :]), True)
        except UnsafePattern:
            phrase = phrase[len(REGEX_PREFIX) :]
    folded = fold(phrase.strip())[0]
    if not folded:
        return None
    if _WORDY_RE.match(folded):
        return _word_phrase(folded)
    return PatternPhrase(_symbolic_pattern(folded), False)


@lru_cache(maxsize=4096)
def compile_phrases(phrases: tuple[str, ...]) -> tuple[Phrase, ...]:
    """Compile a key point's phrases, dropping empty ones."""
    return tuple(p for p in map(compile_phrase, phrases) if p is not None)


def _word_phrase(folded: str) -> WordPhrase:
    words = [part for word in folded.split() for part in _split_phrase_word(word)]
    # Small words may be skipped only between two real words: "equal to the input" matches
    # "equals the input", but "0 to 1" keeps its "to".
    content = sum(word not in _OPTIONAL and word.isalpha() for word in words)
    slots = tuple(make_slot(w, optional=content >= 2 and w in _OPTIONAL) for w in words)
    variants = [slots]
    if 2 <= len(words) <= 3:
        joined = make_slot("".join(words), fuzzy=False)
        if len(joined.text) > 3:
            variants.append((joined,))
    passive = _passive(words)
    if passive is not None:
        variants.append(passive)
    return WordPhrase(tuple(variants), phrase_negations(words), passive is not None)


def _passive(words: list[str]) -> tuple[Slot, ...] | None:
    """ "A reduces B" also reads as "B is reduced by A" (never as "A is reduced by B": the
    direction of a relation is what a misconception often gets wrong)."""
    verbs = [i for i, w in enumerate(words) if 0 < i < len(words) - 1 and stem(w) in _RELATIONS]
    if len(verbs) != 1 or "by" in words:
        return None
    i = verbs[0]
    subject, target = words[:i], [w for w in words[i + 1 :] if w not in _OPTIONAL]
    if not target or not [w for w in subject if w not in _OPTIONAL]:
        return None
    order = [*target, words[i], "by", *subject]
    return tuple(make_slot(w, optional=w in _OPTIONAL and w != "by") for w in order)


def _split_phrase_word(word: str) -> tuple[str, ...]:
    if "'" not in word and word != "cannot":
        return (word,)
    return tuple(part for piece in word.split("-") for part in split_word(piece))


def _symbolic_pattern(folded: str) -> re.Pattern[str]:
    pieces = _SYMBOL_PIECE_RE.findall(folded)
    parts = [r"(?<![\w.])" if pieces[0][0].isalnum() or pieces[0][0] == "_" else ""]
    for i, piece in enumerate(pieces):
        if i:
            both_words = _is_word(pieces[i - 1]) and _is_word(piece)
            parts.append(r"\s+" if both_words else r"\s*")
        parts.append(re.escape(piece))
    if _is_word(pieces[-1]):
        parts.append(r"(?!\w)")
    else:
        parts.append(r"(?![\d^])")  # "½(y − ŷ)" is not "½(y − ŷ)²" (folded to "...)2")
    return re.compile("".join(parts))


def _is_word(piece: str) -> bool:
    return piece[0].isalnum() or piece[0] == "_"


Accept = Callable[[int, int], bool]


def find_phrase(answer: Answer, phrase: Phrase) -> str | None:
    """The answer text matching ``phrase`` (first occurrence), or ``None``."""
    found = find_claim(answer, phrase, asserted_only=False)
    return found[0] if found else None


def find_claim(
    answer: Answer,
    phrase: Phrase,
    *,
    asserted_only: bool = True,
    outside: Sequence[tuple[int, int]] = (),
    whole_terms: bool = False,
) -> tuple[str, int, int] | None:
    """The answer text matching ``phrase`` and its token range (first, last); with
    ``asserted_only``, only where the answer asserts it (not negated, within one clause);
    never overlapping one of the token spans ``outside``; with ``whole_terms``, never as
    the tail of a hyphenated compound ("supervised" is not found in "self-supervised")."""
    words_only = isinstance(phrase, WordPhrase)
    negations = phrase.negations if isinstance(phrase, WordPhrase) else 0

    def accept(first: int, last: int) -> bool:
        if any(first <= b and a <= last for a, b in outside):
            return False
        if whole_terms and splits_compound(answer, _words(phrase), first, last):
            return False
        return not asserted_only or is_asserted(
            answer, first, last, negations, words_only=words_only
        )

    if isinstance(phrase, PatternPhrase):
        return _find_pattern(answer, phrase, accept)

    def active(first: int, last: int) -> bool:
        passive = any(t.word == "by" for t in answer.tokens[first : last + 1])
        return not passive and accept(first, last)

    for slots in phrase.variants:
        directed = phrase.relation and "by" not in (slot.text for slot in slots)
        found = _match_slots(answer, slots, active if directed else accept)
        if found is not None:
            return answer.span(*found), found[0], found[1]
    return None


def _words(phrase: Phrase) -> frozenset[str]:
    return frozenset(s.raw for v in getattr(phrase, "variants", ()) for s in v)


def _find_pattern(
    answer: Answer, phrase: PatternPhrase, accept: Accept
) -> tuple[str, int, int] | None:
    for text, on_folded in ((answer.folded, True), (answer.original, False)):
        if not on_folded and not phrase.on_original:
            break
        for count, match in enumerate(phrase.pattern.finditer(text)):
            if count >= 50:  # a pattern found this often is no evidence of anything
                break
            start, end = match.span()
            where = token_range(answer, start, end) if on_folded else None
            if where is not None and not accept(*where):
                continue
            shown = answer.original_span(start, end) if on_folded else match.group()
            first, last = where if where is not None else (0, 0)
            return shown, first, last
    return None


def _match_slots(answer: Answer, slots: tuple[Slot, ...], accept: Accept) -> tuple[int, int] | None:
    """The tightest accepted token range (first, last) where the slots match in order."""
    ranges = [answer.matches(slot) for slot in slots]
    if any(not r for r, slot in zip(ranges, slots, strict=True) if not slot.optional):
        return None
    if len(slots) == 1:
        return next(((s, e - 1) for s, e in ranges[0] if accept(s, e - 1)), None)
    best: tuple[int, int] | None = None
    for k in range(len(slots)):
        for start, end in ranges[k]:
            found = _extend(answer, slots, ranges, k + 1, (start, end), 0)
            if (
                found
                and accept(*found)
                and (best is None or found[1] - found[0] < best[1] - best[0])
            ):
                best = found
        if not slots[k].optional:
            break
    return best or _reversed_pair(answer, slots, ranges, accept)


def _extend(
    answer: Answer,
    slots: tuple[Slot, ...],
    ranges: list[list[tuple[int, int]]],
    k: int,
    prev: tuple[int, int],
    gap_used: int,
) -> tuple[int, int] | None:
    """Depth-first search for slots ``k..`` after ``prev`` = (first token, end of last)."""
    if k == len(slots):
        return prev[0], prev[1] - 1
    sentence = answer.tokens[prev[0]].sentence
    for start, end in next_matches(ranges[k], prev[1]):
        gap = start - prev[1]
        if gap > MAX_STEP_GAP or gap_used + gap > MAX_TOTAL_GAP:
            break
        if answer.tokens[start].sentence == sentence:
            found = _extend(answer, slots, ranges, k + 1, (prev[0], end), gap_used + gap)
            if found is not None:
                return found
    if slots[k].optional:
        return _extend(answer, slots, ranges, k + 1, prev, gap_used)
    return None


def _reversed_pair(
    answer: Answer, slots: tuple[Slot, ...], ranges: list[list[tuple[int, int]]], accept: Accept
) -> tuple[int, int] | None:
    """Two content words in swapped order joined by a linking verb: "weights are shared"."""
    content = [slot for slot in slots if not slot.optional]
    if len(content) != 2 or any(not s.text.isalpha() or s.text in _FUNCTION for s in content):
        return None
    required = [r for r, slot in zip(ranges, slots, strict=True) if not slot.optional]
    tokens = answer.tokens
    for start, end in required[1]:
        for later_start, later_end in next_matches(required[0], end):
            between = tokens[end:later_start]
            if len(between) > MAX_STEP_GAP:
                break
            if (
                all(t.canon in _LINKING for t in between)
                and tokens[start].sentence == tokens[later_start].sentence
                and accept(start, later_end - 1)
            ):
                return start, later_end - 1
    return None
