"""What a learner is shown while sitting an interview: the current item, never its key."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.drill.service import ANSWER_FORMATS
from app.engine import Template
from app.models import MockInterview, MockItem


def iso(moment: datetime | None) -> str | None:
    """Millisecond ISO 8601 (browsers parse it the same everywhere)."""
    return moment.isoformat(timespec="milliseconds") if moment else None


@dataclass(frozen=True)
class Current:
    """The item on screen, or ``item=None`` once every item is done.

    Holds the prompt and, for numeric items, the template's public parameters; the seed
    is withheld too, since the public check endpoint would turn it into the answer.
    """

    interview: MockInterview
    item: MockItem | None
    now: datetime
    prompt: str = ""
    template: Template | None = None
    params: dict[str, Any] | None = None

    @property
    def finished(self) -> bool:
        return self.item is None

    @property
    def started(self) -> bool:
        """The item's clock runs (it has been shown); an unstarted item's prompt is withheld."""
        return self.item is not None and self.item.shown_at is not None

    @property
    def seconds_left(self) -> float:
        if self.item is None or self.item.deadline is None:
            return 0.0
        return max(0.0, (self.item.deadline - self.now).total_seconds())

    @property
    def answer_format(self) -> str | None:
        return ANSWER_FORMATS[self.template.kind] if self.template else None

    def to_json(self) -> dict[str, Any]:
        interview = self.interview
        if self.item is None:
            return {"id": interview.id, "index": None, "finished": True, "count": interview.count}
        if not self.started:
            return {
                "id": interview.id, "index": self.item.position, "count": interview.count,
                "finished": False, "started": False, "topic": self.item.topic,
                "seconds_per_question": interview.seconds_per_question,
            }  # fmt: skip
        variant = None
        if self.template is not None:
            variant = {
                "template": self.template.id, "title": self.template.title, "kind": self.template.kind,
                "params": self.params, "prompt": self.prompt, "answer_format": self.answer_format,
            }  # fmt: skip
        return {
            "id": interview.id, "index": self.item.position, "count": interview.count, "finished": False,
            "started": True, "topic": self.item.topic, "kind": "numeric" if self.template else "text", "prompt": self.prompt,
            "template": self.item.template_id, "variant": variant,
            "seconds_per_question": interview.seconds_per_question, "shown_at": iso(self.item.shown_at),
            "deadline": iso(self.item.deadline), "server_now": iso(self.now), "seconds_left": round(self.seconds_left, 3),
        }  # fmt: skip


@dataclass(frozen=True)
class AnswerOutcome:
    """What answering told the learner: recorded in time or not, and whether that was the last."""

    index: int
    accepted: bool
    timed_out: bool
    finished: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "accepted": self.accepted,
            "timed_out": self.timed_out,
            "finished": self.finished,
        }
