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


@dataclass
class QuestionForm:
    """The edit form's values, as plain strings, so typed input can be shown again unchanged."""

    id: str = ""
    version: int | None = None
    topic: str = ""
    difficulty: str = "medium"
    prompt: str = ""
    answer: str = ""
    correction: str = ""
    siblings: str = ""
    templates: list[str] = field(default_factory=list)
    key_points: list[tuple[str, str]] = field(default_factory=list)
    message: str = ""

    def __post_init__(self) -> None:
        rows = list(self.key_points)[:KEY_POINT_ROWS]
        self.key_points = rows + [("", "")] * (KEY_POINT_ROWS - len(rows))

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
            correction=question.correction or "",
            siblings=", ".join(entry["siblings"]),
            templates=list(question.templates or []),
            key_points=[(kp["label"], "\n".join(kp["phrases"])) for kp in entry["key_points"]],
        )

    @classmethod
    def parse(cls, form: dict[str, Any]) -> "QuestionForm":
        """What the browser posted (``kp_label``/``kp_phrases`` and ``template`` repeat)."""
        labels, phrases = form.get("kp_label", []), form.get("kp_phrases", [])
        rows = [(_lines(a or ""), _lines(b or "")) for a, b in zip_longest(labels, phrases)]
        version = str(form.get("version") or "")
        return cls(
            id=str(form.get("id") or "").strip(),
            version=int(version) if version.isdigit() else None,
            topic=str(form.get("topic") or ""),
            difficulty=str(form.get("difficulty") or ""),
            prompt=_lines(str(form.get("prompt") or "")),
            answer=_lines(str(form.get("answer") or "")),
            correction=_lines(str(form.get("correction") or "")),
            siblings=str(form.get("siblings") or ""),
            templates=[t for t in form.get("template", []) if t],
            key_points=[row for row in rows if row[0].strip() or row[1].strip()],
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
            "correction": self.correction.strip() or None,
            "siblings": [s for s in self.siblings.replace(",", " ").split() if s],
            "template": None
            if not templates
            else templates[0]
            if len(templates) == 1
            else templates,
            "key_points": [
                {"label": label, "phrases": [p.strip() for p in text.splitlines() if p.strip()]}
                for label, text in self.key_points
                if label.strip() or text.strip()
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
