"""Text folding, tokenising, spelling canonicalisation and a light stemmer for the grader.

Every string goes through the same steps on both sides (bank phrase and learner answer), so
the exact output of the stemmer matters less than its consistency: ``normalise``,
``normalizing`` and ``normalisation`` must all end up as ``normaliz``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

MAX_ANSWER_CHARS = 5000
"""Only this many characters of an answer are graded."""


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set."""
    return frozenset(text.split())


def _table(spec: str) -> dict[str, str]:
    """Parse ``"key:value key:value"`` into a dict."""
    return dict(pair.split(":") for pair in spec.split())


_CHAR_MAP = str.maketrans("‐‑‒–—―−’‘ʼ“”·⋅∙", "-------'''" + '""***')
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+(?!\w)|\w+(?:'\w+)*")
_SENTENCE_END_RE = re.compile(r"[.!?;](?:\s|$)|\n")
_NUMBERS = _table("zero:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10")
_GREEK = _table(
    "α:alpha β:beta γ:gamma δ:delta ε:epsilon η:eta θ:theta λ:lambda μ:mu σ:sigma τ:tau"
)
_NEGATED = _table("ca:can wo:will sha:shall ai:is")  # can't, won't, shan't, ain't
_IRREGULAR = _table(
    """
    axes:axis matrices:matrix vertices:vertex indices:index analyses:analysis
    hypotheses:hypothesis learnt:learn used:use uses:use using:use grey:gray criteria:criterion
    relus:relu gelus:gelu silus:silu elus:elu prelus:prelu gpus:gpu cpus:cpu tpus:tpu menus:menu
    """
)
# Singular words ending in "s" that must keep it.
_KEEP_S = word_set(
    """
    bias alias atlas canvas gas has was yes thus plus minus always perhaps whereas series species
    pandas keras news lens
    """
)
_SPELLING = (
    # British -ise/-isation/-yse and bare authoring stems like "normalis" -> American z.
    (re.compile(r"^(\w{3,})is(e|es|ed|er|ers|ing|ation|ations|ational|able)?$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,})ys(e|es|ed|er|ers|ing)$"), r"\1yz\2"),
    # colour, neighbour(ing), behaviour -> color, neighbor(ing), behavior.
    (re.compile(r"^(\w{2,})our(s|ed|ing|ful|hood|able|ite|ites)?$"), r"\1or\2"),
    # centre(s/d), centring -> center(s/ed), centering.
    (re.compile(r"^(\w{3,})tre(s?)$"), r"\1ter\2"),
    (re.compile(r"^(\w{3,})tr(ed|ing)$"), r"\1ter\2"),
    (re.compile(r"^(\w{3,})ogue(s?)$"), r"\1og\2"),
)
_VOWELS = frozenset("aeiouy")
# Words ending in "eat" whose -ed/-ing forms keep the "at" (treated, unlike created).
_EAT = ("treat", "repeat", "heat", "beat", "seat", "defeat", "cheat", "sweat", "threat")
# Derivational suffixes, each with the shortest stem it may leave.
_DERIVATIONAL = tuple(
    (suffix, int(min_rest))
    for suffix, min_rest in _table("ational:3 ation:3 ator:3 ate:3 able:4 ly:4 er:3 e:3").items()
)
_ITY_BASES = ("ar", "al", "ex", "s")


def fold(text: str) -> tuple[str, list[int] | None]:
    """Lower-case ``text``, unify dashes and quotes, and apply NFKC to non-ASCII characters.

    Returns the folded text and, when its length differs from the input's, a list mapping
    each folded character to its index in ``text`` (``None`` means the identity).
    """
    text = text.translate(_CHAR_MAP)
    if text.isascii():
        return text.lower(), None
    pieces = [_fold_char(ch) for ch in text]
    if all(len(piece) == 1 for piece in pieces):
        return "".join(pieces), None
    offsets = [i for i, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), offsets


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def word_pattern() -> re.Pattern[str]:
    """The regular expression that finds raw word tokens in folded text."""
    return _TOKEN_RE


class Token(NamedTuple):
    """One word of folded text: as written, spelling-canonical, stemmed, and its span."""

    word: str
    canon: str
    stem: str
    start: int
    end: int
    sentence: int


def tokenize(folded: str) -> list[Token]:
    """Split folded text into word tokens, expanding contractions and dropping possessives."""
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(folded)]
    tokens: list[Token] = []
    append = tokens.append
    sentence = 0
    for match in _TOKEN_RE.finditer(folded):
        start, end = match.span()
        while sentence < len(ends) and ends[sentence] < start:
            sentence += 1
        for word, canon, stemmed in analyse(match.group()):
            append(Token(word, canon, stemmed, start, end, sentence))
    return tokens


@lru_cache(maxsize=65536)
def analyse(raw: str) -> tuple[tuple[str, str, str], ...]:
    """The (word, canonical form, stem) of each word a raw token expands to."""
    return tuple(
        (word, canon, stem(canon)) for word in split_word(raw) for canon in [canonical(word)]
    )


@lru_cache(maxsize=8192)
def split_word(word: str) -> tuple[str, ...]:
    """Expand a raw token: ``doesn't`` -> ``does not``, ``model's`` -> ``model``."""
    if "'" not in word:
        return ("can", "not") if word == "cannot" else (word,)
    if word.endswith("'s"):
        return split_word(word[:-2])
    if word.endswith("n't"):
        base = word[:-3]
        return (_NEGATED.get(base, base), "not")
    return tuple(part for part in word.split("'") if part)


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """American spelling of a folded word; number words become digits, Greek letters names."""
    if word in _NUMBERS:
        return _NUMBERS[word]
    if word in _GREEK:
        return _GREEK[word]
    if len(word) < 5 or not word.isalpha():
        return word
    for pattern, replacement in _SPELLING:
        word, count = pattern.subn(replacement, word)
        if count:
            break
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip inflectional and common derivational suffixes from a canonical word.

    ``overfitting`` -> ``overfit``, ``normalization`` -> ``normaliz``, ``gates`` -> ``gat``.
    Words with digits or underscores, and words of three letters or fewer, are kept whole.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    inflected = _strip_inflection(word)
    if (
        word.endswith(("ated", "ating"))
        and inflected.endswith("at")
        and not inflected.endswith(_EAT)
    ):
        result = inflected[:-2] if len(inflected) >= 5 else inflected
    else:
        result = _strip_derivation(inflected)
    result = _undouble(result)
    return _NUMBERS.get(result, result)


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """Strip only an inflection (plural, -ed, -ing): ``sigmods`` -> ``sigmod``."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _strip_inflection(word)


def _strip_inflection(word: str) -> str:
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(word) > 5:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in _KEEP_S:
        return word[:-1]
    for suffix in ("ing", "ed"):
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= 3 and _VOWELS & set(rest):
            return word if word.endswith("eed") else rest
    return word


def _strip_derivation(word: str) -> str:
    if word.endswith("ity") and word[:-3].endswith(_ITY_BASES) and len(word) >= 8:
        return word[:-3]
    for suffix, min_rest in _DERIVATIONAL:
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= min_rest:
            if suffix == "ly" and rest.endswith("p"):
                return word
            return rest
    return word


def _undouble(word: str) -> str:
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiousz":
        return word[:-1]
    return word
