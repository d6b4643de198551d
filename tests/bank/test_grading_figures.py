"""The shipped grading set meets the issue's figures and the bank's phrases are lint-clean."""

import os
from functools import cache
from pathlib import Path

from app.bank.grading_figures import MAX_BUZZWORD, MAX_MISCONCEPTION, MIN_STRONG, grade_set
from app.bank.grading_set import KINDS, read_grading_set
from app.bank.lint import lint_bank
from app.bank.seed import read_seed
from app.bank.validate import read_bank
from tests.conftest import BANK_DIR

# The seed article lives outside the repository; the lint reads it where it is available.
SEED_FILE = Path(
    os.environ.get("BACKPROP_SEED_FILE", "/work/shared/seeds/000_bd24037118bfd58a.txt")
)


@cache
def _bank():
    return read_bank(BANK_DIR)


@cache
def _figures():
    grading, problems = read_grading_set(BANK_DIR, _bank())
    assert problems == []
    return grade_set(_bank(), grading)


def test_every_question_has_all_four_kinds_of_graded_answer():
    grading, _ = read_grading_set(BANK_DIR, _bank())
    kinds = {}
    for gf in grading:
        for answer in gf.grading_file.answers:
            kinds.setdefault(answer.question, set()).add(answer.kind)
    questions = {e.id for f in _bank() for e in f.bank_file.questions if not e.retired}
    assert {q for q in questions if kinds.get(q) != set(KINDS)} == set()


def test_strong_answers_earn_their_points():
    assert _figures().earned_share("strong") >= MIN_STRONG


def test_misconception_answers_are_never_credited_for_a_point_they_contradict():
    assert [str(m) for m in _figures().credited_against("misconception")] == []
    assert _figures().mean_score("misconception") <= MAX_MISCONCEPTION


def test_buzzword_strings_earn_almost_nothing():
    assert _figures().mean_score("buzzword") <= MAX_BUZZWORD


def test_the_bank_phrases_are_lint_clean():
    seed = read_seed(SEED_FILE) if SEED_FILE.is_file() else None
    assert [str(p) for p in lint_bank(_bank(), seed)] == []
