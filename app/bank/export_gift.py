"""The bank in Moodle's GIFT text format: one ``::title::`` question per entry.

Questions are essays (``{}``) with the model answer as general feedback (``####…``), the
only place GIFT has for it; fixed template variants with a single-number answer are
numerical (``{#answer:tolerance}``) with the worked solution as general feedback. Every
question stays on one line (newlines become ``&#10;``) and GIFT's special characters
``~ = # { } :`` and the backslash are escaped wherever text is written.
"""

from html import escape

from app.bank.export_content import ExportBank, ExportQuestion, ExportVariant
from app.bank.export_html import inline_html, list_html, markdown_html
from app.bank.export_moodle import CATEGORY_ROOT

_SPECIAL = {ch: "\\" + ch for ch in "\\~=#{}:"}
_TABLE = str.maketrans(_SPECIAL)


def gift_escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped, on one line."""
    return text.replace("\r", "").translate(_TABLE).replace("\n", "&\\#10;")


def _entry(title: str, prompt_html: str, answer: str, feedback_html: str) -> str:
    feedback = f"####{gift_escape(feedback_html)}" if feedback_html else ""
    return f"::{gift_escape(title)}::[html]{gift_escape(prompt_html)}{{{answer}{feedback}}}"


def _question(question: ExportQuestion) -> str:
    parts = []
    if question.short_answer:
        parts.append(f"<p><strong>{inline_html(question.short_answer)}</strong></p>")
    parts.append(markdown_html(question.answer))
    if question.key_points:
        parts.append("<h4>Key points</h4>" + list_html(question.key_points))
    return _entry(question.id, markdown_html(question.prompt), "", "".join(parts))


def _number(value: float | int) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def _variant(variant: ExportVariant) -> str:
    solution = markdown_html(variant.explanation)
    if variant.value is None:
        feedback = f"<p>Answer: <code>{escape(variant.answer_text)}</code></p>{solution}"
        return _entry(variant.id, markdown_html(variant.prompt), "", feedback)
    answer = f"#{_number(variant.value)}:{_number(float(variant.tolerance))}"
    return _entry(variant.id, markdown_html(variant.prompt), answer, solution)


def gift_text(bank: ExportBank) -> str:
    """``bank`` as a GIFT file: a ``$CATEGORY`` line per topic, then its questions."""
    blocks = ["// Backprop question bank, GIFT format (import into Moodle's question bank)"]
    for slug, title in bank.topics.items():
        entries = [_question(q) for q in bank.questions if q.topic == slug]
        entries += [_variant(v) for v in bank.variants if v.topic == slug]
        if entries:
            blocks.append(f"$CATEGORY: {CATEGORY_ROOT}/{title.replace('/', '-')}")
            blocks.extend(entries)
    return "\n\n".join(blocks) + "\n"
