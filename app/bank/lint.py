"""The phrase lint of ``bank check``: key-point phrases that would credit the wrong answers.

A phrase is reported (``file:line``) when it is

* one everyday word ("reduce", "mean", "norm", "possible", "threshold", "robust"): it shows
  up in right and wrong answers alike;
* found in one of the question's misconception phrases: it would credit the wrong claim;
* found in the seed's own wrong claim, where the question has a ``correction``: the claim as
  the correction quotes it ("The seed says X. In fact ..."), and the seed answer's sentences
  clauses that state it (with the seed file).
"""

import re
from collections.abc import Iterator

from app.bank.schema import REGEX_PREFIX, QuestionEntry
from app.bank.validate import LoadedFile, Problem
from app.grading.answer import Answer
from app.grading.lexicon import is_common
from app.grading.phrases import compile_phrase, find_claim
from app.grading.text import canonical, fold, tokenize, word_set

# Words of every deep-learning answer, right or wrong: one of them alone proves nothing.
EVERYDAY_ML_WORDS = word_set(
    """
    reduce increase decrease improve mean average norm possible impossible threshold robust
    value output input layer weight model data error loss rate step size function network
    neuron unit train training learn learning update feature parameter gradient bias variance
    time series sequence memory fast slow faster slower stable noise noisy scale sum zero one
    small large high low better worse deep shallow linear simple complex performance accuracy
    """
)
_WRONG_CLAIM_END = re.compile(r"\bin fact\b|\bactually\b|\bin reality\b", re.IGNORECASE)
_CLAIM_CLAUSE_END = re.compile(r";|, which\b|\s[—–-]\s")
_SEED_PREAMBLE = re.compile(
    r"^\s*the seed(?:'s answer)?(?:'s)?\s*(?:says|claims|states)?\s*", re.IGNORECASE
)
# Seed answers are matched clause by clause: a sentence often joins a wrong claim to a
# right one ("it leads to sparse weights and prevents co-adaptation").
_CLAUSE_RE = re.compile(r"[^.!?\n,;:]+")
_CLAUSE_JOIN = re.compile(r"\s(?:and|but|while|whereas)\s", re.IGNORECASE)
MIN_SHARED_WORDS = 3
MIN_SHARED_SHARE = 0.5


def everyday_word(phrase: str) -> str | None:
    """The word when ``phrase`` is a single everyday word, else ``None``."""
    if phrase.startswith(REGEX_PREFIX):
        return None
    tokens = tokenize(fold(phrase.strip())[0])
    if len(tokens) != 1 or not tokens[0].canon.isalpha():
        return None
    word = canonical(tokens[0].canon)
    everyday = is_common(word) or word in EVERYDAY_ML_WORDS or tokens[0].stem in _ML_STEMS
    return word if everyday else None


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(t.stem for w in words for t in tokenize(w))


_ML_STEMS = _stems(EVERYDAY_ML_WORDS)


def wrong_claim(correction: str) -> str:
    """What the seed got wrong, as the correction states it: its first clause, before "in
    fact" (what follows is the correction's comment on it)."""
    claim = _WRONG_CLAIM_END.split(correction, maxsplit=1)[0]
    claim = _CLAIM_CLAUSE_END.split(claim, maxsplit=1)[0]
    return _SEED_PREAMBLE.sub("", claim, count=1)


def _content(text: str) -> set[str]:
    return {t.stem for t in tokenize(fold(text)[0]) if len(t.canon) >= 4 and not is_common(t.canon)}


def seed_wrong_sentences(seed_answer: str, claim: str, prompt: str = "") -> list[str]:
    """The seed answer's clauses that state ``claim``: sharing enough of its content words,
    not counting the words of the question's ``prompt`` (every sentence shares those)."""
    wanted = _content(claim) - _content(prompt)
    if not wanted:
        return []
    found = []
    clauses = [c for part in _CLAUSE_RE.findall(seed_answer) for c in _CLAUSE_JOIN.split(part)]
    for clause in clauses:
        shared = wanted & _content(clause)
        if len(shared) >= min(MIN_SHARED_WORDS, len(wanted)) and (
            len(shared) >= MIN_SHARED_SHARE * len(wanted)
        ):
            found.append(clause.strip())
    return found


def _misconception_texts(entry: QuestionEntry) -> Iterator[tuple[str, str]]:
    """(misconception label, phrase) for every phrase of every misconception (the label is
    prose about the claim; the phrases are what a wrong answer says)."""
    wrong = [*entry.misconceptions, *(m for kp in entry.key_points for m in kp.misconceptions)]
    for item in wrong:
        for phrase in item.phrases:
            if not phrase.startswith(REGEX_PREFIX):
                yield item.label, phrase


def _wrong_texts(entry: QuestionEntry, seed: dict[int, str] | None) -> list[tuple[str, str]]:
    """(what it is, text) of every wrong statement a key-point phrase must not match."""
    texts = [(f"misconception '{label}'", text) for label, text in _misconception_texts(entry)]
    if entry.correction:
        claim = wrong_claim(entry.correction)
        texts.append(("the seed's wrong claim", claim))
        if seed and entry.source in seed:
            for sentence in seed_wrong_sentences(seed[entry.source], claim, entry.prompt):
                texts.append(("the seed's wrong answer", sentence))
    return texts


def lint_entry(entry: QuestionEntry, seed: dict[int, str] | None) -> Iterator[tuple[int, int, str]]:
    """(key point index, phrase index, message) for every problem phrase of ``entry``."""
    wrong = [(what, text, Answer.parse(text)) for what, text in _wrong_texts(entry, seed)]
    for k, kp in enumerate(entry.key_points):
        for p, phrase in enumerate(kp.phrases):
            word = everyday_word(phrase)
            if word is not None:
                yield k, p, f"phrase '{phrase}' is one everyday word: it proves nothing alone"
                continue
            compiled = compile_phrase(phrase)
            if compiled is None:
                continue
            for what, text, answer in wrong:
                if find_claim(answer, compiled) is not None:
                    shown = text if len(text) <= 80 else text[:77] + "..."
                    yield k, p, f"phrase '{phrase}' also matches {what}: \"{shown}\""
                    break


def lint_bank(files: list[LoadedFile], seed: dict[int, str] | None = None) -> list[Problem]:
    """Every phrase problem of the bank, with its file and line."""
    problems = []
    for lf in files:
        for q, entry in enumerate(lf.bank_file.questions):
            for k, p, message in lint_entry(entry, seed):
                loc = ("questions", q, "key_points", k, "phrases", p)
                line = lf.document.line_of(loc)
                problems.append(Problem(lf.display_path, line, f"lint: {entry.id}: {message}"))
    return problems
