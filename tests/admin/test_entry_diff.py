"""Field-by-field diffs of bank entries, each field and the page bounded (app.admin.entry_diff)."""

import time

from app.admin.entry_diff import (
    MAX_COMPARED,
    MAX_LINE_CHARS,
    MAX_LINES,
    field_diff,
    question_diff,
    within_budget,
)

OLD = {"id": "q", "topic": "cnn", "prompt": "Why?", "answer": "one\ntwo\nthree", "siblings": []}


def test_question_diff_lists_only_the_changed_fields_with_their_lines():
    new = {**OLD, "answer": "one\n2\nthree", "siblings": ["other"]}
    diff = question_diff("q", OLD, new)
    assert diff.change == "changed"
    assert [f.label for f in diff.fields] == ["Model answer", "Siblings"]
    assert diff.fields[0].lines == [
        ("hunk", "@@ -1,3 +1,3 @@"),
        ("ctx", " one"),
        ("del", "-two"),
        ("add", "+2"),
        ("ctx", " three"),
    ]
    assert diff.fields[1].lines == [("hunk", "@@ -0,0 +1 @@"), ("add", "+[other]")]


def test_question_diff_of_new_and_retired_entries():
    new = question_diff("q", None, OLD)
    assert new.change == "new" and ("add", "+Why?") in new.fields[2].lines
    assert [f.key for f in new.fields] == ["id", "topic", "prompt", "answer"]  # [] adds no line
    retired = question_diff("q", OLD, {**OLD, "retired": True})
    assert retired.change == "retired" and retired.fields[0].lines[-2:] == [
        ("del", "-false"),
        ("add", "+true"),
    ]


def test_field_diff_shows_at_most_max_lines_and_counts_the_rest():
    diff = field_diff("answer", "", "\n".join(f"line {i}" for i in range(100)))
    assert len(diff.lines) == MAX_LINES and diff.more == 101 - MAX_LINES  # + the hunk header


def test_field_diff_is_quick_and_bounded_for_huge_fields():
    old = "\n".join(f"old {i} " + "x" * 5_000 for i in range(20_000))
    new = "\n".join(f"new {i} " + "x" * 5_000 for i in range(20_000))
    started = time.perf_counter()
    diff = field_diff("answer", old, new)
    assert time.perf_counter() - started < 2.0
    assert len(diff.lines) == MAX_LINES
    assert diff.more == 2 * MAX_COMPARED + 1 - MAX_LINES + 2 * (20_000 - MAX_COMPARED)
    assert all(len(text) <= MAX_LINE_CHARS + 2 for _, text in diff.lines)


def test_within_budget_names_the_questions_past_it():
    diffs = [question_diff(f"q{i}", OLD, {**OLD, "prompt": f"Why {i}?"}) for i in range(5)]
    size = sum(len(f.lines) for f in diffs[0].fields)  # 3: hunk, -, +
    shown, rest = within_budget(diffs, budget=2 * size + 1)
    assert [d.question_id for d in shown] == ["q0", "q1"] and rest == ["q2", "q3", "q4"]
    assert within_budget(diffs) == (diffs, [])
