"""A question as the admin API shows it: its bank entry, version and read-only facts."""

from typing import Any

from app.admin.revisions import snapshot
from app.bank.convert import content_hash
from app.models import Question

READ_ONLY = ("id", "source", "retired", "version", "created_at", "updated_at", "bank_state")


def bank_state(question: Question, entry: dict[str, Any] | None = None) -> str:
    """synced (as last loaded), edited (changed since) or admin-created (never loaded)."""
    if question.bank_hash is None:
        return "admin-created"
    entry = entry if entry is not None else snapshot(question)
    return "synced" if content_hash(entry) == question.bank_hash else "edited"


def represent(question: Question) -> dict[str, Any]:
    """Every entry field (absent optional ones as null/empty), the version, and metadata."""
    entry = snapshot(question)
    return {
        "id": question.id,
        "source": question.source,
        "topic": entry["topic"],
        "difficulty": entry["difficulty"],
        "prompt": entry["prompt"],
        "answer": entry["answer"],
        "short_answer": entry.get("short_answer"),
        "key_points": entry["key_points"],
        "misconceptions": entry.get("misconceptions", []),
        "siblings": entry["siblings"],
        "correction": entry.get("correction"),
        "template": entry.get("template"),
        "worked_examples": entry.get("worked_examples", []),
        "retired": question.retired,
        "version": question.version,
        "created_at": question.created_at,
        "updated_at": question.updated_at,
        "bank_state": bank_state(question, entry),
    }
