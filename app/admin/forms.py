"""The question form: what it shows (a question, or what was typed) and what it sends."""

from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from app.admin.errors import Invalid
from app.admin.revisions import snapshot
from app.models import Question

Body = TypeVar("Body", bound=BaseModel)

KEY_POINT_ROWS = 5  # the bank allows 2 to 5; blank rows are ignored


def _lines(text: str) -> str:
    # Browsers send text areas with CRLF line ends; the bank uses LF.
    return text.replace("\r\n", "\n").replace("\r", "\n")


PHRASE_MARK = "- "


def misconceptions_text(items: list[dict[str, Any]]) -> str:
    """Misconceptions as the form shows them: a label line, then one ``- phrase`` line each."""
    return "\n".join(
        line
        for item in items
        for line in [item["label"], *(PHRASE_MARK + p for p in item["phrases"])]
    )


def parse_misconceptions(text: str) -> list[dict[str, Any]]:
    """The inverse of :func:`misconceptions_text`; a phrase line before any label is dropped."""
    items: list[dict[str, Any]] = []
    for raw in _lines(text).split("\n"):
        line = raw.strip()
        if line.startswith(PHRASE_MARK.strip()) and items:
            phrase = line[1:].strip()
            if phrase:
                items[-1]["phrases"].append(phrase)
        elif line and not line.startswith(PHRASE_MARK.strip()):
            items.append({"label": line, "phrases": []})
    return items


@dataclass
class QuestionForm:
    """The edit form's values, as plain strings, so typed input can be shown again unchanged."""

    id: str = ""
    version: int | None = None
    topic: str = ""
    difficulty: str = "medium"
    prompt: str = ""
    answer: str = ""
    short_answer: str = ""
    misconceptions: str = ""
    correction: str = ""
    siblings: str = ""
    templates: list[str] = field(default_factory=list)
    key_points: list[tuple[str, str]] = field(default_factory=list)
    # Per key point row (same order as key_points): its misconceptions as form text.
    kp_misconceptions: list[str] = field(default_factory=list)
    message: str = ""

    def __post_init__(self) -> None:
        rows = list(self.key_points)[:KEY_POINT_ROWS]
        self.key_points = rows + [("", "")] * (KEY_POINT_ROWS - len(rows))
        wrong = list(self.kp_misconceptions)[:KEY_POINT_ROWS]
        self.kp_misconceptions = wrong + [""] * (KEY_POINT_ROWS - len(wrong))

    @classmethod
    def of(cls, question: Question) -> "QuestionForm":
        """The stored question."""
        entry = snapshot(question)
        return cls(
            id=question.id,
            version=question.version,
            topic=question.topic,
            difficulty=question.difficulty,
            prompt=question.prompt,
            answer=question.answer,
            short_answer=question.short_answer or "",
            misconceptions=misconceptions_text(entry.get("misconceptions", [])),
            correction=question.correction or "",
            siblings=", ".join(entry["siblings"]),
            templates=list(question.templates or []),
            key_points=[(kp["label"], "\n".join(kp["phrases"])) for kp in entry["key_points"]],
            kp_misconceptions=[
                misconceptions_text(kp.get("misconceptions", [])) for kp in entry["key_points"]
            ],
        )

    @classmethod
    def parse(cls, form: dict[str, Any]) -> "QuestionForm":
        """What the browser posted (``kp_label``/``kp_phrases`` and ``template`` repeat)."""
        labels, phrases = form.get("kp_label", []), form.get("kp_phrases", [])
        wrong = form.get("kp_misconceptions", [])
        rows = [
            (_lines(a or ""), _lines(b or ""), _lines(c or ""))
            for a, b, c in zip_longest(labels, phrases, wrong)
        ]
        kept = [row for row in rows if row[0].strip() or row[1].strip() or row[2].strip()]
        version = str(form.get("version") or "")
        return cls(
            id=str(form.get("id") or "").strip(),
            version=int(version) if version.isdigit() else None,
            topic=str(form.get("topic") or ""),
            difficulty=str(form.get("difficulty") or ""),
            prompt=_lines(str(form.get("prompt") or "")),
            answer=_lines(str(form.get("answer") or "")),
            short_answer=_lines(str(form.get("short_answer") or "")),
            misconceptions=_lines(str(form.get("misconceptions") or "")),
            correction=_lines(str(form.get("correction") or "")),
            siblings=str(form.get("siblings") or ""),
            templates=[t for t in form.get("template", []) if t],
            key_points=[(label, text) for label, text, _ in kept],
            kp_misconceptions=[wrong_text for _, _, wrong_text in kept],
            message=str(form.get("message") or "").replace("\x00", "").strip()[:200],
        )

    def fields(self) -> dict[str, Any]:
        """The body the API would get for this form."""
        templates = list(dict.fromkeys(self.templates))
        return {
            "topic": self.topic,
            "difficulty": self.difficulty,
            "prompt": self.prompt,
            "answer": self.answer,
            "short_answer": self.short_answer.strip() or None,
            "misconceptions": parse_misconceptions(self.misconceptions),
            "correction": self.correction.strip() or None,
            "siblings": [s for s in self.siblings.replace(",", " ").split() if s],
            "template": None
            if not templates
            else templates[0]
            if len(templates) == 1
            else templates,
            "key_points": [
                {
                    "label": label,
                    "phrases": [p.strip() for p in text.splitlines() if p.strip()],
                    "misconceptions": parse_misconceptions(wrong),
                }
                for (label, text), wrong in zip(
                    self.key_points, self.kp_misconceptions, strict=True
                )
                if label.strip() or text.strip() or wrong.strip()
            ],
        }

    def body(self, model: type[Body], **extra: Any) -> Body:
        """The API body this form amounts to; raises :class:`Invalid` like the API would."""
        try:
            return model.model_validate({**self.fields(), **extra})
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"]) or "form"
            raise Invalid(f"{where}: {error['msg']}") from None
