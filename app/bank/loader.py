"""Apply a validated bank to the database in one transaction, never losing an admin edit.

Each stored question remembers the hash of the entry it was last loaded from
(``bank_hash``). Comparing that with the file and with the row gives a three-way merge:

* file == row            → unchanged (and that content becomes the new ancestor)
* row untouched by admins → take the file
* file unchanged          → keep the admin's edit
* both changed            → conflict: reported, not overwritten
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.convert import (
    apply_entry,
    apply_siblings,
    canonical_entry,
    content_hash,
    question_hash,
)
from app.bank.schema import QuestionEntry
from app.bank.validate import LoadedFile
from app.models import Question, Topic
from app.srs.deck import set_question_suspended

Progress = Callable[[int, int], None]


class ConflictPolicy(StrEnum):
    ABORT = "abort"  # change nothing when any question conflicts
    KEEP_DB = "keep-db"  # load the rest, keep the database's version of conflicts
    OVERWRITE = "overwrite"  # the bank wins


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    topics_changed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.overwritten or self.topics_changed)

    def summary(self) -> str:
        if not self.changed and not self.conflicts:
            kept = f", {len(self.kept_edits)} admin edits kept" if self.kept_edits else ""
            return f"Bank is up to date: {len(self.unchanged)} questions unchanged{kept}."
        parts = [
            f"{len(self.created)} created",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.kept_edits:
            parts.append(f"{len(self.kept_edits)} admin edits kept")
        if self.overwritten:
            parts.append(f"{len(self.overwritten)} admin edits overwritten")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflicts")
        return "Bank loaded: " + ", ".join(parts) + "."


class BankConflict(Exception):
    """Questions edited in the database and changed in the bank since the last load."""

    def __init__(self, report: LoadReport) -> None:
        super().__init__(", ".join(report.conflicts))
        self.report = report


def _sync_topics(session: Session, files: list[LoadedFile]) -> int:
    changed = 0
    for lf in files:
        slug, title, position = lf.bank_file.topic, lf.bank_file.title, lf.bank_file.order
        topic = session.get(Topic, slug)
        if topic is None:
            session.add(Topic(slug=slug, title=title, position=position))
            changed += 1
        elif (topic.title, topic.position) != (title, position):
            topic.title, topic.position = title, position
            changed += 1
    session.flush()
    return changed


def _plan(file_hash: str, row: Question | None) -> str:
    if row is None:
        return "create"
    row_hash = question_hash(row)
    if file_hash == row_hash:
        return "unchanged"
    if row.bank_hash == row_hash:
        return "update"
    if row.bank_hash == file_hash:
        return "keep"
    return "conflict"


def load_bank(
    session: Session,
    files: list[LoadedFile],
    *,
    policy: ConflictPolicy = ConflictPolicy.ABORT,
    progress: Progress | None = None,
) -> LoadReport:
    """Load validated ``files``; the caller commits. Raises :class:`BankConflict` (policy abort)."""
    report = LoadReport(topics_changed=_sync_topics(session, files))
    entries = [(position, e) for lf in files for position, e in enumerate(lf.bank_file.questions)]
    rows = {
        q.id: q
        for q in session.scalars(
            select(Question).where(Question.id.in_([e.id for _, e in entries]))
        )
    }
    to_link: list[tuple[Question, QuestionEntry]] = []
    retirements: dict[str, bool] = {}  # question id → retired now (was the opposite)
    for done, (position, entry) in enumerate(entries, start=1):
        row = rows.get(entry.id)
        file_hash = content_hash(canonical_entry(entry))
        action = _plan(file_hash, row)
        if action == "conflict" and policy is ConflictPolicy.OVERWRITE:
            action = "overwrite"
        if action == "create":
            row = Question(id=entry.id, position=position, version=1)
            session.add(row)
        if action in ("create", "update", "overwrite"):
            assert row is not None
            if action != "create" and row.retired != entry.retired:
                retirements[row.id] = entry.retired
            apply_entry(row, entry)
            row.position = position
            row.bank_hash = file_hash
            if action != "create":
                row.version += 1
            to_link.append((row, entry))
        else:
            assert row is not None
            if action == "unchanged":
                # The file caught up with an admin's edit (say, an exported edit committed
                # to questions/): that content is now the common ancestor of both sides.
                row.bank_hash = file_hash
            if row.position != position:
                row.position = position
        {"create": report.created, "update": report.updated, "unchanged": report.unchanged,
         "keep": report.kept_edits, "conflict": report.conflicts,
         "overwrite": report.overwritten}[action].append(entry.id)  # fmt: skip
        if progress:
            progress(done, len(entries))
    if report.conflicts and policy is ConflictPolicy.ABORT:
        raise BankConflict(report)
    session.flush()
    for row, entry in to_link:
        apply_siblings(row, list(entry.siblings))
    # As when an admin retires or restores a question: its cards leave or rejoin every deck.
    for question_id, retired in retirements.items():
        set_question_suspended(session, question_id=question_id, suspended=retired)
    session.flush()
    return report
