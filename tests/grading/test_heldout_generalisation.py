"""The grader on answers it was never tuned on: tests/grading/heldout/ was written apart
from the phrase lists and from the shipped grading set (questions/grading/), by a writer who
saw only the prompts, model answers and key-point labels.

The mean figures must hold as on the shipped set. How often a misconception answer is still
credited for a point it contradicts is printed (``-s``): on the shipped set it is zero, on
held-out answers it is not yet (see the README's "How typed answers are graded").

The held-out topics are split in two halves. The grader's general rules (negation scope,
predicates that deny or dismiss a phrase, comparisons with "than", opposite directions and
"un-" opposites, sentences asserting what a point denies, clauses echoing a misconception,
wrong-claim sentences across semicolons, whole terms for misconceptions) were studied on the
DEV half only; the TEST half was only ever measured in aggregate, never read. That work took
the misconception answers credited for a contradicted point from 50 to 32 on the dev half
and from 31 to 30 on the test half, while strong answers kept their share of points
(dev 0.869 -> 0.871, test 0.879 -> 0.879; shipped set 0.926 -> 0.928, still 0 credited).
Most of what is left is a point's bare term named inside a wrong claim ("the KL term
measures distance to the reward model"), which these rules do not read. The bounds below
are the figures reached, so a regression fails; lower them when the grader improves."""

from functools import cache
from pathlib import Path

import pytest

from app.bank import grading_set
from app.bank.grading_figures import MAX_BUZZWORD, MAX_MISCONCEPTION, MIN_STRONG, Figures, grade_set
from app.bank.validate import read_bank
from tests.conftest import BANK_DIR

HELDOUT_DIR = Path(__file__).parent / "heldout"
DEV_HALF = [
    "activations",
    "applied",
    "cnn",
    "evaluation",
    "foundations",
    "fundamentals",
    "generative",
    "llms",
    "optimisation",
]
TEST_HALF = [
    "pytorch",
    "regularisation",
    "representation",
    "rnn",
    "scale",
    "tooling",
    "training",
    "transformers",
    "vision",
]
# Misconception answers credited for a point they contradict, at most (see the docstring).
MAX_CREDITED = {"dev": 32, "test": 30}


@cache
def _heldout(half: str | None = None) -> Figures:
    bank = read_bank(BANK_DIR)
    labels = {e.id: {kp.label for kp in e.key_points} for f in bank for e in f.bank_file.questions}
    topics = {"dev": DEV_HALF, "test": TEST_HALF}.get(half or "", DEV_HALF + TEST_HALF)
    files, problems = [], []
    for path in sorted(HELDOUT_DIR.glob("*.yaml")):
        if path.stem not in topics:
            continue
        loaded, found = grading_set._parse(path)
        problems += found
        if loaded is not None:
            files.append(loaded)
            problems += grading_set._reference_problems(loaded, labels)
    assert [str(p) for p in problems] == []
    return grade_set(bank, files)


def test_heldout_set_covers_every_topic_with_every_kind():
    figures = _heldout()
    assert len(list(HELDOUT_DIR.glob("*.yaml"))) == len(list(BANK_DIR.glob("*.yaml")))
    assert all(figures.answers[kind] > 200 for kind in grading_set.KINDS)


def test_strong_heldout_answers_earn_their_points():
    assert _heldout().earned_share("strong") >= MIN_STRONG


def test_misconception_and_buzzword_heldout_answers_score_low():
    figures = _heldout()
    credited = figures.credited_against("misconception")
    print(f"held-out misconception answers credited against a contradicted point: {len(credited)}")
    assert figures.mean_score("misconception") <= MAX_MISCONCEPTION
    assert figures.mean_score("buzzword") <= MAX_BUZZWORD


def test_the_halves_split_the_heldout_topics():
    assert sorted(DEV_HALF + TEST_HALF) == sorted(p.stem for p in HELDOUT_DIR.glob("*.yaml"))


@pytest.mark.parametrize("half", ["dev", "test"])
def test_each_half_keeps_strong_answers_and_few_credited_misconceptions(half):
    figures = _heldout(half)
    credited = len(figures.credited_against("misconception"))
    print(f"{half} half: {credited} misconception answers credited against a contradicted point")
    assert figures.earned_share("strong") >= MIN_STRONG
    assert credited <= MAX_CREDITED[half]
