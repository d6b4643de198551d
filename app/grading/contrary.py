"""Points that deny something: a sentence asserting what the point denies is no evidence.

A key point such as "Pooling has no parameters", "Not zero-centred" or "Temperature scaling
fixes it without changing the accuracy" denies something ("parameters", "zero-centred",
"changing the accuracy"). A sentence of the answer that asserts it, and negates nothing,
says the opposite of the point, so none of the point's phrases counts in that sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from app.grading.answer import Answer, sentence_span
from app.grading.claims import CLAUSE_WORDS, NEGATORS
from app.grading.phrases import WordPhrase, compile_phrase, find_claim
from app.grading.text import Token, fold, tokenize, word_set

_DENYING = word_set("not no never without nothing none cannot")
# Words skipped before what a negation denies ("cannot be used", "no real effect").
_LEADING = word_set(
    "be been being is are was were do does did can could will would should may might must "
    "the a an any real really longer more such"
)
# Words that deny or take away without a negation: a sentence holding one is not read as
# asserting what a point denies ("it skips the reward model", "blocks future tokens").
_PRIVATIVE = word_set(
    "skip skips skipped skipping drop drops dropped dropping remove removes removed removing "
    "avoid avoids avoided avoiding free instead fail fails failed block blocks blocked "
    "blocking prevent prevents prevented lack lacks lacking eliminate eliminates eliminated "
    "omit omits omitted stop stops stopped stopping"
)
_SMALL = word_set("the a an of to for in on at by with as and or any its it")
MIN_DENIED_WORDS, MAX_DENIED_WORDS = 2, 3  # content words read after a negation
MAX_SEARCHES = 20  # sentences looked at per denied term


@lru_cache(maxsize=4096)
def denied_terms(texts: tuple[str, ...]) -> tuple[WordPhrase, ...]:
    """What a key point's label and phrases deny, as phrases to look for."""
    terms: list[WordPhrase] = []
    for text in texts:
        folded = fold(text)[0]
        for words in _denied_words(folded, tokenize(folded)):
            phrase = compile_phrase(" ".join(words))
            if isinstance(phrase, WordPhrase) and phrase not in terms:
                terms.append(phrase)
    return tuple(terms)


def _denied_words(folded: str, tokens: Sequence[Token]) -> Iterator[list[str]]:
    denied_before = False  # "stops the logits growing without bound" denies nothing
    for i, token in enumerate(tokens):
        if i and _clause_break(folded, tokens, i):
            denied_before = False
        if token.word not in _DENYING or denied_before:
            denied_before = denied_before or _denies(token.word)
            continue
        denied_before = True
        words: list[str] = []
        for j in range(i + 1, len(tokens)):
            word = tokens[j].word
            if _clause_break(folded, tokens, j) or word in NEGATORS:
                break
            if words or word not in _LEADING:
                words.append(word)
            if len(_content(words)) >= MAX_DENIED_WORDS:
                break
        if len(_content(words)) >= MIN_DENIED_WORDS:  # one word is too often a bare term
            yield words


def _clause_break(folded: str, tokens: Sequence[Token], j: int) -> bool:
    gap = folded[tokens[j - 1].end : tokens[j].start]
    return bool(set(gap) & set(",;:()[]")) or tokens[j].word in CLAUSE_WORDS


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w.isalpha() and w not in _SMALL]


def _denies(word: str) -> bool:
    return word in NEGATORS or word in _PRIVATIVE


def contrary_sentences(answer: Answer, terms: Sequence[WordPhrase]) -> list[tuple[int, int]]:
    """Token spans of the sentences that assert one of ``terms`` and deny nothing."""
    spans: list[tuple[int, int]] = []
    seen: list[tuple[int, int]] = []
    for term in terms:
        for _ in range(MAX_SEARCHES):
            hit = find_claim(answer, term, outside=seen)
            if hit is None:
                break
            sentence = sentence_span(answer, (hit[1], hit[2]))
            seen.append(sentence)
            zero = hit[1] > 0 and answer.tokens[hit[1] - 1].word == "zero"  # "zero extra cost"
            if not zero and not any(
                _denies(t.word) for t in answer.tokens[sentence[0] : sentence[1] + 1]
            ):
                spans.append(sentence)
    return spans
