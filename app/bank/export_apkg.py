"""The bank as an Anki package (.apkg) written by genanki.

One note per question (prompt, short answer, full answer, key points) and one per fixed
template variant (prompt, exact answer, worked solution), all of one note type. The ids of
the note type and the decks are fixed and every note's GUID derives from the question id
(or template and seed), so importing a newer export updates the notes a learner already
has, with their review history, instead of adding duplicates.
"""

import tempfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import genanki

from app.bank.export_content import ExportBank, ExportQuestion, ExportVariant
from app.bank.export_html import inline_html, list_html, markdown_html

MODEL_ID = 1_733_501_717
BANK_DECK_ID = 1_733_501_718
WEAK_DECK_ID = 1_733_501_719
BANK_DECK_NAME = "Backprop"
WEAK_DECK_NAME = "Backprop::Weak cards"
FIELDS = ("Prompt", "ShortAnswer", "Answer", "KeyPoints", "Id")

_BACK = (
    "{{FrontSide}}<hr id=answer>"
    "{{#ShortAnswer}}<p class=short>{{ShortAnswer}}</p>{{/ShortAnswer}}"
    "<div class=answer>{{Answer}}</div>"
    "{{#KeyPoints}}<h4>Key points</h4>{{KeyPoints}}{{/KeyPoints}}"
)
_CSS = (
    ".card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5;"
    " text-align: left; max-width: 40em; margin: 0 auto; }"
    " .short { font-weight: bold; } pre { white-space: pre-wrap; }"
)

MODEL = genanki.Model(
    MODEL_ID,
    "Backprop question",
    fields=[{"name": name} for name in FIELDS],
    templates=[{"name": "Recall", "qfmt": "<div class=prompt>{{Prompt}}</div>", "afmt": _BACK}],
    css=_CSS,
    sort_field_index=4,
)


# Anki updates a note on import only when the file's copy is newer: a question's note is
# stamped with the question's last change, so an unchanged bank re-imports as "unchanged"
# and an edited question as one update. Template variants change only with the engine.
VARIANTS_MODIFIED = datetime(2026, 12, 1, tzinfo=UTC).timestamp()


class _StampedNote(genanki.Note):
    """A note written with its own modification time instead of the package's."""

    def __init__(self, *, modified: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def _tag(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def question_note(question: ExportQuestion) -> genanki.Note:
    """The note of a bank question; its GUID is the question id's."""
    fields = [
        markdown_html(question.prompt),
        inline_html(question.short_answer) if question.short_answer else "",
        markdown_html(question.answer),
        list_html(question.key_points),
        question.id,
    ]
    tags = ["backprop", f"topic::{_tag(question.topic)}", f"difficulty::{question.difficulty}"]
    guid = genanki.guid_for("backprop", "question", question.id)
    modified = question.updated_at.timestamp() if question.updated_at else VARIANTS_MODIFIED
    return _StampedNote(model=MODEL, fields=fields, tags=tags, guid=guid, modified=modified)


def variant_note(variant: ExportVariant) -> genanki.Note:
    """The note of one fixed template variant; its GUID is the template's and seed's."""
    fields = [
        markdown_html(variant.prompt),
        f"<code>{escape(variant.answer_text)}</code>",
        markdown_html(variant.explanation),
        "",
        variant.id,
    ]
    tags = ["backprop", f"topic::{_tag(variant.topic)}", "numeric", f"template::{variant.template}"]
    guid = genanki.guid_for("backprop", "template", variant.template, variant.seed)
    return _StampedNote(
        model=MODEL, fields=fields, tags=tags, guid=guid, modified=VARIANTS_MODIFIED
    )


def build_deck(bank: ExportBank, *, deck_id: int = BANK_DECK_ID, name: str = BANK_DECK_NAME):
    """A genanki deck holding every question and variant of ``bank``."""
    deck = genanki.Deck(deck_id, name, description="Deep-learning interview practice.")
    for question in bank.questions:
        deck.add_note(question_note(question))
    for variant in bank.variants:
        deck.add_note(variant_note(variant))
    return deck


def write_apkg(bank: ExportBank, path: Path, *, weak: bool = False) -> int:
    """Write ``bank`` as an .apkg to ``path``; returns the number of notes."""
    deck_id, name = (WEAK_DECK_ID, WEAK_DECK_NAME) if weak else (BANK_DECK_ID, BANK_DECK_NAME)
    deck = build_deck(bank, deck_id=deck_id, name=name)
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)


def apkg_bytes(bank: ExportBank, *, weak: bool = False) -> bytes:
    """The .apkg file's bytes (for a download)."""
    with tempfile.TemporaryDirectory(prefix="backprop-apkg-") as folder:
        path = Path(folder) / "deck.apkg"
        write_apkg(bank, path, weak=weak)
        return path.read_bytes()
