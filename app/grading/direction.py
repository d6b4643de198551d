"""Opposite quantities: a clause that says the opposite of a key point's direction.

A key point often states a direction about some quantity: "lower variance", "the last
convolutional layer", "the loss increases". An answer that names the same quantity with the
opposite word ("higher variance", "the first convolutional layer", "the loss decreases") in
a clause asserts the opposite, so that clause is no evidence for the point, whatever other
phrase of the point it holds. The pairs below are ordinary English antonyms; a direction
counts only when the point itself uses one side and not the other for that quantity.

A word and its "un-" form are opposites too ("labelled" and "unlabelled"): a clause that
uses the opposite of one of the point's words, and not the word itself, is about the other
thing ("supervised learning works with unlabelled data" is no evidence that unsupervised
learning uses unlabelled data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from app.grading.answer import Answer
from app.grading.claims import clause_spans, compound_tail
from app.grading.lexicon import is_word
from app.grading.text import Token, fold, tokenize, word_set

# (dimension, side) for each direction word; a word may belong to several dimensions.
_PAIRS = (
    ("high higher highest", "low lower lowest"),
    ("more greater", "less fewer"),
    (
        "large larger largest big bigger biggest exploding",
        "small smaller smallest tiny vanishing",
    ),
    (
        "increase increases increased increasing raise raises raised raising",
        "decrease decreases decreased decreasing reduce reduces reduced reducing",
    ),
    ("better", "worse"),
    (
        "improve improves improved improving help helps",
        "hurt hurts worsen worsens degrade degrades",
    ),
    ("prevent prevents prevented preventing avoid avoids", "cause causes caused causing"),
    ("stable", "unstable"),
    ("parallel", "sequential"),
    ("explode explodes exploding", "vanish vanishes vanishing"),
    ("dense", "sparse"),
    ("positive", "negative"),
    ("local", "global"),
    ("above", "below"),
    ("static", "dynamic"),
    ("grow grows grew growing", "shrink shrinks shrank shrinking"),
    ("grow grows grew growing scales", "constant fixed"),
    ("before earlier", "after later"),
    ("first earliest", "last final"),
    ("fast faster fastest quick quicker", "slow slower slowest"),
    ("upper", "lower"),
    ("wide wider widest", "narrow narrower narrowest"),
    ("deep deeper deepest", "shallow shallower shallowest"),
    ("strong stronger strongest", "weak weaker weakest"),
    ("long longer longest", "short shorter shortest"),
    ("overconfident", "underconfident"),
    ("overfit overfits overfitting", "underfit underfits underfitting"),
    ("maximum maximise maximize maximises maximizes", "minimum minimise minimize minimises"),
)
_DIRECTIONS: dict[str, frozenset[tuple[int, int]]] = {}
for _dim, _sides in enumerate(_PAIRS):
    for _side, _words in enumerate(_sides):
        for _word in _words.split():
            _DIRECTIONS[_word] = _DIRECTIONS.get(_word, frozenset()) | {(_dim, _side)}
# Words skipped between a direction word and the quantity it is about.
_SKIPPED = word_set("the a an is are was were be been becomes become gets get much far even")
_REACH = 2  # words on either side of a direction word that may name its quantity

Directed = frozenset[tuple[int, int, str]]  # (dimension, side, stem of the quantity)


@lru_cache(maxsize=4096)
def point_directions(texts: tuple[str, ...]) -> Directed:
    """The directions a key point states (from its label and phrases): for each quantity and
    dimension, the side the point uses (a dimension the point uses both sides of is dropped:
    "gradients shrink (vanishing) or grow (exploding)" has no direction to contradict)."""
    found: set[tuple[int, int, str]] = set()
    for text in texts:
        tokens = tokenize(fold(text)[0])
        for i, token in enumerate(tokens):
            for dim, side in _DIRECTIONS.get(token.word, ()):
                found.update((dim, side, head) for head in _heads(tokens, i))
    sides = {(dim, side) for dim, side, _ in found}
    return frozenset(d for d in found if (d[0], 1 - d[1]) not in sides)


def _heads(tokens: Sequence[Token], i: int) -> Iterable[str]:
    """Stems of the content words within reach of the direction word at ``i``."""
    for step in (-1, 1):
        seen, j = 0, i + step
        while 0 <= j < len(tokens) and seen < _REACH and tokens[j].sentence == tokens[i].sentence:
            word = tokens[j].word
            if word not in _SKIPPED:
                seen += 1
                if word.isalpha() and word not in _DIRECTIONS and len(word) > 2:
                    yield tokens[j].stem
            j += step


def opposite_clauses(answer: Answer, directions: Directed) -> list[tuple[int, int]]:
    """Token spans of the clauses that state the opposite of one of ``directions`` about the
    same quantity (and not the point's own side of that dimension as well)."""
    if not directions:
        return []
    stated = _stated(answer)
    return [clause for clause, said in stated.items() if _contradicts(said, directions)]


def _stated(answer: Answer) -> dict[tuple[int, int], set[tuple[int, int, str]]]:
    """The directions each clause of the answer states (worked out once per answer)."""
    if "directions" in answer.memo:
        return answer.memo["directions"]
    tokens = answer.tokens
    clauses = clause_spans(answer)
    stated: dict[tuple[int, int], set[tuple[int, int, str]]] = {}
    for i, token in enumerate(tokens):
        for dim, side in _DIRECTIONS.get(token.word, ()):
            stated.setdefault(clauses[i], set()).update(
                (dim, side, head) for head in _heads(tokens, i)
            )
    answer.memo["directions"] = stated
    return stated


def _contradicts(said: set[tuple[int, int, str]], directions: Directed) -> bool:
    """Whether a clause states the opposite side of a dimension of ``directions`` and not,
    in that dimension, the point's own side as well."""
    opposite = {d for d, s, h in said if (d, 1 - s, h) in directions}
    same = {d for d, s, h in said if (d, s, h) in directions}
    return bool(opposite - same)


_UN = "un"
_COMPARED = word_set("unlike versus vs")  # a clause naming what the point is contrasted with


@lru_cache(maxsize=4096)
def prefixed_opposites(texts: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """Words of a key point paired with their "un-" opposite ("labelled" and "unlabelled",
    "unsupervised" and "supervised"); a word whose opposite the point also uses is dropped."""
    words = {t.canon for text in texts for t in tokenize(fold(text)[0]) if t.canon.isalpha()}
    pairs = set()
    for word in words:
        if len(word) < 5:
            continue
        if word.startswith(_UN) and len(word) >= 7 and is_word(word[2:]):
            pairs.add((word, word[2:]))
        else:
            pairs.add((word, _UN + word))
    return frozenset((word, other) for word, other in pairs if other not in words)


def prefixed_opposite_clauses(
    answer: Answer, pairs: frozenset[tuple[str, str]]
) -> list[tuple[int, int]]:
    """Token spans of the clauses that use the "un-" opposite of a point's word and not the
    word itself ("supervised learning works with unlabelled data" against "unsupervised ...
    unlabelled"), unless the clause only names a contrast ("unlike supervised learning")."""
    if not pairs:
        return []
    clauses = clause_spans(answer)

    def where(word: str) -> set[tuple[int, int]]:
        # "self-supervised" is not "supervised"
        found = answer.by_canon.get(word, ())
        return {clauses[i] for i in found if not compound_tail(answer, i)}

    spans: set[tuple[int, int]] = set()
    for word, other in pairs:
        against = where(other)
        if against:
            against -= where(word)
            spans.update(c for c in against if answer.tokens[c[0]].word not in _COMPARED)
    return sorted(spans)
