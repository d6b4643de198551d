"""Whether a phrase found in an answer is asserted: negation and clause boundaries.

A phrase counts only when the answer asserts it. "Not possible" does not assert "possible";
"bagging reduces variance, not bias" does not assert "bagging reduces bias". Negation is read
in the clause before the match (up to :data:`NEGATION_WINDOW` words, stopping at punctuation
and at clause words such as "but" or "and") and inside the matched span itself.

An answer made of fragments (a list of terms separated by commas, no sentences) makes no
claims; :func:`claim_share` measures how much of an answer sits in clause-sized segments.
"""

from __future__ import annotations

from bisect import bisect_right

from app.grading.answer import Answer
from app.grading.text import word_set

NEGATION_WINDOW = 4  # content words before a phrase that a negation may sit among
MAX_NEGATION_REACH = 8  # ... and words in all
NEGATORS = word_set(
    "not no never without nor neither hardly barely nothing none myth misconception mistake "
    "mistakenly wrongly incorrectly falsely untrue"
)
# "not only X but also Y" asserts X.
_NOT_NEGATING_AFTER_NOT = word_set("only just merely simply necessarily always")
# Two-word negations: "instead of X", "rather than X", "fails to X", "unable to X".
_NEGATING_PAIRS = frozenset(
    {("instead", "of"), ("rather", "than"), ("fail", "to"), ("fails", "to"), ("failed", "to"),
     ("unable", "to"), ("lack", "of"), ("lacks", "of"), ("absence", "of")}
)  # fmt: skip
# Words that start a new clause: negation before them does not reach past them.
CLAUSE_WORDS = word_set(
    "but whereas while whilst although though however yet because since unlike so and or then "
    "which who where when if unless instead rather"
)
_LIST_WORDS = word_set("or nor")
_LIST_NEGATORS = word_set("no without neither nor")
_SMALL_WORDS = word_set("the a an of to for any its their this that")
# Words a phrase never spans (nor clause punctuation): "bagging reduces variance but boosting
# reduces bias", "most used, popular, ReLU, sigmoid".
CONTRAST_WORDS = word_set("but whereas while whilst although though however unlike versus vs")
_CLAUSE_PUNCTUATION = frozenset(",;:()[]\n")
MIN_CLAIM_WORDS = 3  # a sentence of fewer words is a bare term ("Backprop.")
MIN_LIST_ITEMS = 3  # a sentence of this many comma-separated items ...
MAX_LIST_ITEM_WORDS = 3.0  # ... averaging fewer words each is a list of terms


def _breaks_clause(answer: Answer, left: int, right: int) -> bool:
    """Punctuation or a sentence end between token ``left`` and the next token ``right``."""
    tokens = answer.tokens
    if tokens[left].sentence != tokens[right].sentence:
        return True
    if tokens[left].word.isdigit() and tokens[right].word.isdigit():
        return False  # "[2, 0], [1, 3]", "5, 12": numbers, not clauses
    gap = answer.folded[tokens[left].end : tokens[right].start]
    return bool(_CLAUSE_PUNCTUATION & set(gap)) or " - " in gap


def _negation_at(answer: Answer, i: int, phrase_start: int = -1) -> bool:
    """Whether token ``i`` starts a negation ("not only X" does not negate X, but it does
    negate a phrase that starts with "only")."""
    tokens = answer.tokens
    word = tokens[i].word
    following = tokens[i + 1].word if i + 1 < len(tokens) else ""
    if word in NEGATORS:
        softened = word == "not" and following in _NOT_NEGATING_AFTER_NOT
        return not softened or i + 1 == phrase_start
    return (word, following) in _NEGATING_PAIRS


def negations_before(answer: Answer, first: int) -> int:
    """Negations in the clause before token ``first``, within the window of content words
    (small words such as "for", "the" or "to" do not use it up: "no need for the stored
    activations"). A list carries "no" or "without" over "or": "no labels or targets"."""
    count, used, listed = 0, 0, False
    tokens = answer.tokens
    for i in range(first - 1, max(first - 1 - MAX_NEGATION_REACH, -1), -1):
        if _breaks_clause(answer, i, i + 1):
            break
        word = tokens[i].word
        if _negation_at(answer, i, first) and (not listed or word in _LIST_NEGATORS):
            count += 1
        if word == "than":  # "no better than X" compares with X, "rather than X" negates it
            count += i > 0 and tokens[i - 1].word == "rather"
            break
        listed = listed or word in _LIST_WORDS
        if word in CLAUSE_WORDS and word not in _LIST_WORDS:
            break
        used += word not in _SMALL_WORDS
        if used >= NEGATION_WINDOW:
            break
    return count + prefix_negated(answer, first) + compared_with(answer, first)


def compound_tail(answer: Answer, first: int) -> bool:
    """Token ``first`` ends a hyphenated compound ("self-supervised", "cross-entropy")."""
    if first == 0:
        return False
    before, token = answer.tokens[first - 1], answer.tokens[first]
    return before.word.isalpha() and answer.folded[before.end : token.start] == "-"


def splits_compound(answer: Answer, words: frozenset[str], first: int, last: int) -> bool:
    """Whether tokens ``first..last`` take the tail of a hyphenated compound without its
    head, unless ``words`` (a phrase's words) hold the compound ("are self-supervised" is
    not "are supervised")."""
    tokens = answer.tokens
    return any(
        compound_tail(answer, i)
        and (i == first or tokens[i - 1].word + tokens[i].word not in words)
        for i in range(first, last + 1)
    )


_DETERMINERS = word_set("a an the one single plain simple")


def compared_with(answer: Answer, first: int) -> bool:
    """The phrase is what something is compared with ("more expressive than a single linear
    layer" says it is not one), unless the comparison is denied ("no better than")."""
    tokens = answer.tokens
    i = first - 1
    while i >= 0 and tokens[i].word in _DETERMINERS and not _breaks_clause(answer, i, i + 1):
        i -= 1
    if i < 1 or tokens[i].word != "than" or _breaks_clause(answer, i, i + 1):
        return False
    before = [tokens[j].word for j in range(max(i - 3, 0), i)]
    return not any(w in NEGATORS for w in before) and tokens[i - 1].word not in ("rather", "other")


def prefix_negated(answer: Answer, first: int) -> bool:
    """Token ``first`` carries a "non-" prefix: "non-linear classifier" is not a "linear
    classifier", "non-saturating" does not assert "saturating"."""
    if first == 0 or answer.tokens[first - 1].word != "non":
        return False
    gap = answer.folded[answer.tokens[first - 1].end : answer.tokens[first].start]
    return gap in ("", "-", " ")


_AUXILIARIES = word_set(
    "is are was were be been do does did can could will would should shall must may might has have"
)


_HEDGES = word_set("really actually basically generally usually just even always ever a an")
_DISMISSALS = word_set(
    "effect impact difference benefit role use point purpose value unnecessary irrelevant "
    "useless pointless needless myth false untrue wrong incorrect"
)  # after "no" (nouns) or after "is" (adjectives: "is a myth", "is false")
_AFTER_REACH = 4  # words after a phrase that a negating predicate may take


def negated_after(answer: Answer, last: int) -> bool:
    """A predicate negating the phrase right after it, in the same clause: "positional
    encodings aren't needed", "FFT convolution is not possible", "it never helps"; "it has
    no effect" and "it is useless" dismiss it."""
    tokens = answer.tokens
    auxiliary = tokens[last].word in _AUXILIARIES  # the span ended on one ("... aren't")
    verbs = 0
    for i in range(last + 1, min(last + 1 + _AFTER_REACH, len(tokens))):
        if _breaks_clause(answer, i - 1, i):
            return False
        word = tokens[i].word
        if word in ("not", "never") or word in _DISMISSALS:
            return auxiliary and not verbs
        if word == "no":
            return _dismissal_follows(answer, i)
        if word in _AUXILIARIES:
            auxiliary = True
        elif word not in _HEDGES:
            verbs += 1  # one verb may come before "no": "it makes no difference"
            if verbs > 1:
                return False
    return False


def _dismissal_follows(answer: Answer, i: int) -> bool:
    """ "no" then (within two words) a word that dismisses: "no real effect"."""
    tokens = answer.tokens
    for j in range(i + 1, min(i + 3, len(tokens))):
        if _breaks_clause(answer, j - 1, j):
            return False
        if tokens[j].word in _DISMISSALS:
            return True
    return False


def is_asserted(
    answer: Answer, first: int, last: int, phrase_negations: int, *, words_only: bool = True
) -> bool:
    """Whether tokens ``first..last`` (a phrase with ``phrase_negations`` negating words of
    its own) are asserted rather than negated, and stay within one clause. A phrase of words
    (``words_only``) never spans clause punctuation; a symbolic one carries its own."""
    inside = 0
    for i in range(first, last + 1):
        if _negation_at(answer, i):
            inside += 1
        if i > first and answer.tokens[i].word in CONTRAST_WORDS:
            return False
        if i > first and words_only and _breaks_clause(answer, i - 1, i):
            return False
    extra = max(inside - phrase_negations, 0) + negated_after(answer, last)
    return (negations_before(answer, first) + extra) % 2 == 0


def clause_spans(answer: Answer) -> list[tuple[int, int]]:
    """For each token, the (first, last) tokens of its clause: clauses end at clause
    punctuation, a sentence end or before a clause word such as "but", "so" or "because"
    (worked out once per answer)."""
    if "clauses" in answer.memo:
        return answer.memo["clauses"]
    tokens = answer.tokens
    starts = [
        i == 0 or tokens[i].word in CLAUSE_WORDS or _breaks_clause(answer, i - 1, i)
        for i in range(len(tokens))
    ]
    spans: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or starts[i]:
            spans.extend([(first, i - 1)] * (i - first))
            first = i
    answer.memo["clauses"] = spans
    return spans


def token_range(answer: Answer, start: int, end: int) -> tuple[int, int] | None:
    """The tokens overlapping the folded-text span ``start..end`` (``None`` if there are none
    before ``end``); a span without word tokens maps to the token before it."""
    tokens = answer.tokens
    if not tokens:
        return None
    ends = [t.end for t in tokens]
    first = bisect_right(ends, start)
    starts = [t.start for t in tokens]
    last = bisect_right(starts, end - 1) - 1
    if last < 0:
        return None
    return min(first, last), last


def phrase_negations(words: list[str]) -> int:
    return sum(word in NEGATORS for word in words)


def _segment_break(gap: str, depth: int) -> tuple[bool, int]:
    """Whether the text between two words ends a segment (a comma or semicolon outside
    brackets), and the bracket depth after it: "p(y|x), KL(q || p)" is one segment."""
    breaks = False
    for ch in gap:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch in ",;" and depth == 0:
            breaks = True
    return breaks, depth


def _sentences(answer: Answer) -> list[list[int]]:
    """Segment lengths (words between commas outside brackets), grouped by sentence."""
    tokens = answer.tokens
    sentences: list[list[int]] = [[1]] if tokens else []
    depth = 0
    for i in range(1, len(tokens)):
        gap = answer.folded[tokens[i - 1].end : tokens[i].start]
        breaks, depth = _segment_break(gap, depth)
        if tokens[i].sentence != tokens[i - 1].sentence:
            sentences.append([1])
            depth = 0
        elif breaks and not (tokens[i - 1].word.isdigit() and tokens[i].word.isdigit()):
            sentences[-1].append(1)
        else:
            sentences[-1][-1] += 1
    return sentences


def is_fragment_list(segments: list[int]) -> bool:
    """A sentence that is a list of terms ("CNNs, pooling, ReLU, dropout") or a bare term."""
    words = sum(segments)
    if len(segments) >= MIN_LIST_ITEMS:
        mean = words / len(segments)
        terms = sum(length <= 2 for length in segments)
        mostly_terms = terms * 2 >= len(segments) and mean < MAX_LIST_ITEM_WORDS + 1
        return mean < MAX_LIST_ITEM_WORDS or mostly_terms
    return words < MIN_CLAIM_WORDS


def claim_share(answer: Answer) -> float:
    """The share of the answer's words in sentences that can make a claim (not a list of
    terms, not a bare term); 0 for an empty answer."""
    sentences = _sentences(answer)
    total = sum(map(sum, sentences))
    if not total:
        return 0.0
    return sum(sum(s) for s in sentences if not is_fragment_list(s)) / total
