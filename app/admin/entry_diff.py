"""What an upload changes in a question, field by field, bounded for the preview page.

Each field is diffed on its own with ``difflib`` (text as its lines, lists and mappings as
the bank's YAML), so an edited answer reads as the answer's removed and added lines. Every
field shows at most ``MAX_LINES`` lines and compares at most ``MAX_COMPARED`` lines a side,
and one page at most ``MAX_PAGE_LINES``: a huge upload gives a page of bounded size, in
time linear in the upload.
"""

import difflib
from dataclasses import dataclass
from typing import Any

from app.admin.revisions import DiffLine, tagged
from app.bank.exporter import dump_yaml

MAX_LINES = 40  # diff lines shown per field
MAX_COMPARED = 400  # lines per side handed to difflib (its matcher is not linear)
MAX_LINE_CHARS = 400  # a one-line answer of 100 kB is still one line
MAX_PAGE_LINES = 3000  # diff lines on one preview page; later questions are only named
LABELS = {
    "id": "Id",
    "source": "Source",
    "topic": "Topic",
    "difficulty": "Difficulty",
    "prompt": "Prompt",
    "answer": "Model answer",
    "short_answer": "Short answer",
    "key_points": "Key points",
    "misconceptions": "Misconceptions",
    "siblings": "Siblings",
    "correction": "Correction",
    "template": "Numeric templates",
    "worked_examples": "Worked examples",
    "retired": "Retired",
}


@dataclass(frozen=True)
class FieldDiff:
    key: str
    label: str
    lines: list[DiffLine]
    more: int  # diff lines left out


@dataclass(frozen=True)
class QuestionDiff:
    question_id: str
    change: str  # "new", "changed" or "retired"
    fields: list[FieldDiff]


def _text_lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        text = value
    elif isinstance(value, list | dict):
        text = dump_yaml(value) if value else ""
    else:
        text = str(value).lower() if isinstance(value, bool) else str(value)
    lines = text.splitlines()
    return [line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + "…" for line in lines]


def field_diff(key: str, old: Any, new: Any) -> FieldDiff:
    """One field's change as a unified diff, cut to ``MAX_LINES`` lines."""
    before, after = _text_lines(old), _text_lines(new)
    unseen = max(0, len(before) - MAX_COMPARED) + max(0, len(after) - MAX_COMPARED)
    unified = difflib.unified_diff(before[:MAX_COMPARED], after[:MAX_COMPARED], n=2, lineterm="")
    lines = tagged(unified)
    return FieldDiff(key, LABELS.get(key, key), lines[:MAX_LINES], len(lines[MAX_LINES:]) + unseen)


def _value(entry: dict[str, Any], key: str, stored: dict[str, Any] | None) -> Any:
    # The bank writes ``retired`` only when true: a stored question without it is not retired.
    if key == "retired" and stored is not None:
        return bool(entry.get(key))
    return entry.get(key)


def question_diff(
    question_id: str, old: dict[str, Any] | None, new: dict[str, Any]
) -> QuestionDiff:
    """The fields that differ between a stored entry (None: not stored yet) and an upload's."""
    before = old or {}
    keys = [k for k in dict.fromkeys([*before, *new]) if before.get(k) != new.get(k)]
    fields = [field_diff(key, _value(before, key, old), _value(new, key, new)) for key in keys]
    if old is None:
        change = "new"
    elif new.get("retired") and not old.get("retired"):
        change = "retired"
    else:
        change = "changed"
    return QuestionDiff(question_id, change, [f for f in fields if f.lines or f.more])


def within_budget(
    diffs: list[QuestionDiff], budget: int = MAX_PAGE_LINES
) -> tuple[list[QuestionDiff], list[str]]:
    """The diffs that fit in ``budget`` lines together, and the ids of those that do not."""
    shown: list[QuestionDiff] = []
    for index, diff in enumerate(diffs):
        size = sum(len(f.lines) for f in diff.fields)
        if size > budget:
            return shown, [d.question_id for d in diffs[index:]]
        budget -= size
        shown.append(diff)
    return shown, []
