"""The grading set's format: ids and labels must exist in the bank, errors say file:line."""

import shutil
from functools import cache

import pytest

from app.bank import service
from app.bank.validate import BankInvalid, read_bank
from tests.conftest import BANK_DIR

GOOD = """topic: cnn
answers:
  - question: {qid}
    kind: strong
    text: An answer in a candidate's words.
    earns: ["{label}"]
"""


def _bank_with(tmp_path, text: str):
    folder = tmp_path / "bank"
    folder.mkdir()
    for path in BANK_DIR.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    (folder / "grading").mkdir()
    (folder / "grading" / "cnn.yaml").write_text(text)
    return folder


@cache
def _first_cnn_question():
    files = read_bank(BANK_DIR)
    entry = next(f for f in files if f.bank_file.topic == "cnn").bank_file.questions[0]
    return entry.id, entry.key_points[0].label


def test_a_grading_file_with_known_ids_and_labels_passes(tmp_path):
    qid, label = _first_cnn_question()
    service.check(_bank_with(tmp_path, GOOD.format(qid=qid, label=label)))


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (lambda t: t.replace("question: ", "question: no-such-"), 3, "unknown question 'no-such-"),
        (lambda t: t.replace('earns: ["', 'earns: ["Not a '), 6, "has no key point 'Not a "),
        (lambda t: t.replace("strong", "misconception"), 3, "states its wrong claim"),
        (lambda t: t.replace("kind: strong", "kind: great"), 4, "Input should be 'strong'"),
        (lambda t: t.replace("topic: cnn", "topic: rnn"), 1, "must match the file name"),
        (lambda t: t + "    extra: 1\n", 7, "unknown key 'extra'"),
    ],
)
def test_grading_file_problems_name_file_and_line(tmp_path, edit, line, message):
    qid, label = _first_cnn_question()
    folder = _bank_with(tmp_path, edit(GOOD.format(qid=qid, label=label)))
    with pytest.raises(BankInvalid) as caught:
        service.check(folder)
    shown = [str(p) for p in caught.value.problems]
    assert any(f"grading/cnn.yaml:{line}: " in s and message in s for s in shown), shown
