"""The phrase lint: everyday words, phrases found in misconceptions or in the seed's wrong claim."""

from app.bank.lint import everyday_word, lint_entry, seed_wrong_sentences, wrong_claim
from app.bank.schema import QuestionEntry
from app.bank.seed import seed_answers

BASE = {
    "id": "bagging-vs-boosting",
    "source": 2,
    "topic": "fundamentals",
    "difficulty": "medium",
    "prompt": "Bagging and boosting?",
    "answer": "Bagging reduces variance; boosting reduces bias.",
}


def _entry(key_points, **extra) -> QuestionEntry:
    return QuestionEntry.model_validate({**BASE, "key_points": key_points, **extra})


def _messages(entry, seed=None):
    return [(k, p, message) for k, p, message in lint_entry(entry, seed)]


def test_one_everyday_word_is_reported_and_technical_words_are_not():
    for word in ("reduce", "mean", "norm", "possible", "threshold", "robust", "Variance"):
        assert everyday_word(word) is not None, word
    for phrase in ("dropout", "batch norm", "re:norm", "clip by norm", "max(0", "L2"):
        assert everyday_word(phrase) is None, phrase


def test_a_phrase_found_in_a_misconception_is_reported_with_its_position():
    entry = _entry(
        [
            {"label": "Bagging reduces variance", "phrases": ["bagging reduces variance"]},
            {
                "label": "Boosting reduces bias",
                "phrases": ["boosting reduces bias", "reduces variance"],
                "misconceptions": [
                    {"label": "Boosting reduces variance", "phrases": ["boosting reduces variance"]}
                ],
            },
        ]
    )
    found = _messages(entry)
    assert [(k, p) for k, p, _ in found] == [(1, 1)]
    assert "also matches misconception 'Boosting reduces variance'" in found[0][2]


def test_a_negated_mention_in_a_misconception_is_not_a_match():
    entry = _entry(
        [
            {"label": "Bagging reduces variance", "phrases": ["bagging reduces variance"]},
            {"label": "Boosting reduces bias", "phrases": ["boosting reduces bias"]},
        ],
        misconceptions=[
            {"label": "Bagging does not reduce variance", "phrases": ["bagging is useless"]}
        ],
    )
    assert _messages(entry) == []


SEED = """1. Intro?

Nothing here.

2. Bagging and boosting?

Both are ensembles. Bagging mainly reduces the bias of weak trees and it is fast.
Boosting is sequential.

3. Next?
Other text.
"""


def test_seed_answers_are_split_by_question_number():
    answers = seed_answers(SEED)
    assert sorted(answers) == [1, 2, 3]
    assert answers[2].startswith("Both are ensembles.") and "Next" not in answers[2]


def test_a_phrase_found_in_the_seeds_wrong_answer_is_reported():
    correction = "The seed says bagging mainly reduces the bias of weak trees. In fact variance."
    assert wrong_claim(correction) == "bagging mainly reduces the bias of weak trees. "
    assert seed_wrong_sentences(seed_answers(SEED)[2], wrong_claim(correction)) == [
        "Bagging mainly reduces the bias of weak trees"
    ]
    entry = _entry(
        [
            {"label": "Bagging reduces variance", "phrases": ["bagging reduces variance"]},
            {"label": "Weak learners", "phrases": ["weak trees", "sequential"]},
        ],
        correction=correction,
    )
    found = _messages(entry, seed_answers(SEED))
    assert [(k, p) for k, p, _ in found] == [(1, 0)]
    assert "the seed's wrong claim" in found[0][2]
    no_correction = _entry(entry.model_dump()["key_points"])
    assert _messages(no_correction, seed_answers(SEED)) == []
