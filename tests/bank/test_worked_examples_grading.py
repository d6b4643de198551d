"""The bank's worked examples state numbers that pass the grading of SPEC §2 (1 % of the
quantity asked for, for steps of the update, and no declared mistake)."""

import shutil

import pytest

from app.bank import service
from app.bank.validate import BankInvalid, read_bank
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


def test_a_worked_example_with_an_oversized_padding_is_refused_by_the_check(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    path = folder / "cnn.yaml"
    text = path.read_text()
    original = "          stride: 1\n          padding: 0\n        answer: [[12, 9], [15, 20]]\n"
    assert original in text
    huge = "          stride: 1000000000\n          padding: 4000\n        answer: [[12, 9], [15, 20]]\n"
    path.write_text(text.replace(original, huge, 1))
    with pytest.raises(BankInvalid) as info:
        service.check(folder)
    assert any("conv2d: stride must be at most 10" in str(p) for p in info.value.problems)


def test_a_worked_example_stating_the_unchanged_weights_is_refused_by_the_check(tmp_path):
    """With lr = 0.001 the unchanged weights lie within 0.01 of the new ones: the loose
    absolute rule passed them; the check now grades the example as a learner's answer."""
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    path = folder / "optimisation.yaml"
    text = path.read_text()
    original = "          lr: 0.01\n          beta1: 0.9\n          beta2: 0.999\n          eps: 1.0e-08\n        answer: [0.4900000005, -0.290000000025]\n"
    assert original in text
    no_step = original.replace("lr: 0.01", "lr: 0.001").replace(
        "[0.4900000005, -0.290000000025]", "[0.5, -0.3]"
    )
    path.write_text(text.replace(original, no_step, 1))
    with pytest.raises(BankInvalid) as info:
        service.check(folder)
    assert any(
        "worked example for adam_step states [0.5, -0.3]" in str(p) for p in info.value.problems
    )
