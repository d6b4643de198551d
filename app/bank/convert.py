"""Between bank entries (YAML dicts) and rows: one canonical form, one content hash."""

import hashlib
import json
from typing import Any

from app.bank.schema import KeyPointEntry, MisconceptionEntry, QuestionEntry
from app.models import KeyPoint, Question, QuestionSibling

ENTRY_KEYS = (
    "id", "source", "topic", "difficulty", "prompt", "answer", "short_answer", "key_points",
    "misconceptions", "siblings", "correction", "template", "worked_examples", "retired",
)  # fmt: skip


def _misconceptions(items: list[MisconceptionEntry]) -> list[dict[str, Any]]:
    return [{"label": m.label, "phrases": list(m.phrases)} for m in items]


def _key_point(kp: KeyPointEntry) -> dict[str, Any]:
    data: dict[str, Any] = {"label": kp.label, "phrases": list(kp.phrases)}
    if kp.misconceptions:
        data["misconceptions"] = _misconceptions(kp.misconceptions)
    return data


def canonical_entry(entry: QuestionEntry) -> dict[str, Any]:
    """The entry as the bank writes it: fixed key order, optional keys only when set."""
    data: dict[str, Any] = {
        "id": entry.id,
        "source": entry.source,
        "topic": entry.topic,
        "difficulty": entry.difficulty,
        "prompt": entry.prompt,
        "answer": entry.answer,
        "short_answer": entry.short_answer,
        "key_points": [_key_point(kp) for kp in entry.key_points],
        "misconceptions": _misconceptions(entry.misconceptions),
        "siblings": list(entry.siblings),
    }
    if entry.source is None:
        del data["source"]
    if entry.short_answer is None:
        del data["short_answer"]
    if not entry.misconceptions:
        del data["misconceptions"]
    if entry.correction is not None:
        data["correction"] = entry.correction
    templates = entry.templates
    if templates:
        data["template"] = templates[0] if len(templates) == 1 else templates
    if entry.worked_examples:
        data["worked_examples"] = [example.model_dump() for example in entry.worked_examples]
    if entry.retired:
        data["retired"] = True
    return data


def content_hash(data: dict[str, Any]) -> str:
    """A stable fingerprint of a canonical entry."""
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def entry_from_question(question: Question) -> QuestionEntry:
    """The bank entry a stored question corresponds to."""
    templates = list(question.templates or [])
    template: str | list[str] | None = None
    if len(templates) == 1:
        template = templates[0]
    elif templates:
        template = templates
    return QuestionEntry(
        id=question.id,
        source=question.source,
        topic=question.topic,
        difficulty=question.difficulty,  # type: ignore[arg-type]
        prompt=question.prompt,
        answer=question.answer,
        short_answer=question.short_answer,
        key_points=[
            {
                "label": kp.label,
                "phrases": list(kp.phrases),
                "misconceptions": list(kp.misconceptions or []),
            }
            for kp in question.key_points
        ],  # type: ignore[misc]
        misconceptions=list(question.misconceptions or []),  # type: ignore[arg-type]
        siblings=question.siblings,
        correction=question.correction,
        template=template,
        worked_examples=list(question.worked_examples or []),  # type: ignore[arg-type]
        retired=question.retired,
    )


def question_hash(question: Question) -> str:
    """The content hash of a stored question."""
    return content_hash(canonical_entry(entry_from_question(question)))


def apply_entry(question: Question, entry: QuestionEntry) -> None:
    """Copy an entry's content (all but siblings, which need every row to exist) onto a row."""
    question.source = entry.source
    question.topic = entry.topic
    question.difficulty = entry.difficulty
    question.prompt = entry.prompt
    question.answer = entry.answer
    question.short_answer = entry.short_answer
    question.misconceptions = _misconceptions(entry.misconceptions)
    question.correction = entry.correction
    question.templates = entry.templates
    question.worked_examples = [example.model_dump() for example in entry.worked_examples]
    question.retired = entry.retired
    question.key_points = [
        KeyPoint(
            position=i,
            label=kp.label,
            phrases=list(kp.phrases),
            misconceptions=_misconceptions(kp.misconceptions),
        )
        for i, kp in enumerate(entry.key_points)
    ]


def apply_siblings(question: Question, siblings: list[str]) -> None:
    """Replace a row's sibling links, keeping the bank's order."""
    if question.siblings == siblings:
        return
    question.sibling_links = [
        QuestionSibling(question_id=question.id, sibling_id=sibling, position=i)
        for i, sibling in enumerate(siblings)
    ]
