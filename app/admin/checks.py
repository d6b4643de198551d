"""Turn an edit into a valid bank entry, or say exactly which field breaks which rule."""

import re
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.admin.errors import Invalid
from app.admin.schemas import QuestionFields
from app.bank.schema import QuestionEntry
from app.bank.service import engine_hooks
from app.models import Question, QuestionRevision, Topic

_SLUG_PART = re.compile(r"[^a-z0-9]+")
RESERVED_IDS = frozenset({"new"})  # /admin/questions/new is the form for a new question
_EDITABLE = set(QuestionFields.model_fields) - {"worked_examples"}


def build_entry(
    session: Session,
    fields: QuestionFields,
    *,
    question_id: str,
    source: int | None,
    retired: bool,
    worked_examples: list[dict[str, Any]],
) -> QuestionEntry:
    """The edited entry, validated like a bank file; raises :class:`Invalid`."""
    data = fields.model_dump(include=_EDITABLE)
    data.update(id=question_id, source=source, retired=retired)
    data["worked_examples"] = (
        fields.worked_examples if fields.worked_examples is not None else worked_examples
    )
    try:
        entry = QuestionEntry.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "body"
        raise Invalid(f"{where}: {error['msg']}") from None
    _check_references(session, entry)
    return entry


def _check_references(session: Session, entry: QuestionEntry) -> None:
    if session.get(Topic, entry.topic) is None:
        raise Invalid(f"topic: unknown topic '{entry.topic}'")
    hooks = engine_hooks()
    for template_id in entry.templates:
        if template_id not in hooks.template_ids:
            raise Invalid(f"template: unknown template '{template_id}'")
    if len(set(entry.templates)) != len(entry.templates):
        raise Invalid("template: a template is linked twice")
    _check_siblings(session, entry)
    for index, example in enumerate(entry.worked_examples):
        where = f"worked_examples.{index}"
        if example.template not in hooks.template_ids:
            raise Invalid(f"{where}: unknown template '{example.template}'")
        try:
            expected = hooks.solve(example.template, example.params)
        except Exception as exc:  # any bad params from a client: a 422, never a 500
            raise Invalid(f"{where}: {exc}") from None
        if not hooks.matches(example.template, example.params, example.answer):
            raise Invalid(f"{where}: states {example.answer!r}, the engine computes {expected!r}")


def _check_siblings(session: Session, entry: QuestionEntry) -> None:
    if entry.id in entry.siblings:
        raise Invalid(f"siblings: '{entry.id}' cannot be its own sibling")
    if len(set(entry.siblings)) != len(entry.siblings):
        raise Invalid("siblings: a sibling is listed twice")
    known = set(session.scalars(select(Question.id).where(Question.id.in_(entry.siblings))))
    for sibling in entry.siblings:
        if sibling not in known:
            raise Invalid(f"siblings: unknown question id '{sibling}'")


def id_is_taken(session: Session, question_id: str) -> bool:
    """Ids are never reused: not by a question, nor by one whose history remains."""
    if question_id in RESERVED_IDS or session.get(Question, question_id) is not None:
        return True
    used = select(QuestionRevision.id).where(QuestionRevision.question_id == question_id)
    return session.scalar(used.limit(1)) is not None


def suggest_id(session: Session, prompt: str) -> str:
    """A free slug made of the prompt's first words."""
    words = [w for w in _SLUG_PART.split(prompt.lower()) if w][:8]
    base = "-".join(words)[:70].strip("-") or "question"
    candidate, n = base, 2
    while id_is_taken(session, candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate
