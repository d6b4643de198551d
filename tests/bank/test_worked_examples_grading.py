"""The bank's worked examples state numbers that pass the grading of SPEC §2 (1 % of the
quantity asked for, for steps of the update, and no declared mistake)."""

from app.bank.validate import read_bank
from app.engine import get_template, solve
from app.engine.grading import grade
from tests.conftest import BANK_DIR


def test_every_worked_example_passes_the_learners_grading():
    examples = [
        (q.id, ex)
        for f in read_bank(BANK_DIR)
        for q in f.bank_file.questions
        for ex in q.worked_examples
    ]
    assert len(examples) > 100
    refused = []
    for question_id, ex in examples:
        verdict = grade(
            get_template(ex.template), ex.params, solve(ex.template, ex.params), ex.answer
        )
        if not verdict.correct:
            named = f" ({verdict.mistake.id})" if verdict.mistake else ""
            refused.append(f"{question_id}: {ex.template} states {ex.answer!r}{named}")
    assert refused == []
