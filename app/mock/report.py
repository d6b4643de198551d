"""The report of a finished interview: score, topics, time per item, answers beside the key.

One verdict per item: the learner's self-assessment, when given, replaces the grader's for
everything the item says — its score, its headline, whether it is a miss (and so in the
deck, with what to say next time). The grader's point-by-point reading stays visible,
labelled as the grader's.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.engine import format_answer, generate, get_template
from app.mock import service
from app.mock.items import is_miss, item_score
from app.mock.rules import VERDICTS
from app.mock.service import MockError, get, get_items
from app.mock.views import iso
from app.models import MockInterview, MockItem, Question, User
from app.questions.service import get_titles

TOPIC_FALLBACK_TITLES = {"numeric": "Numeric drills"}


@dataclass(frozen=True)
class ReportItem:
    """One item with everything the learner may now see, the answer key included."""

    item: MockItem
    prompt: str
    topic_title: str
    time_used_ms: int | None
    points_hit: list[str]
    points_missed: list[str]
    model_answer: str
    expected: str | None = None
    title: str | None = None
    labels: tuple[str, ...] = ()  # every key point of the question
    short_answer: str | None = None

    @property
    def index(self) -> int:
        return self.item.position

    @property
    def kind(self) -> str:
        return "numeric" if self.item.template_id else "text"

    @property
    def score(self) -> float:
        return item_score(self.item)

    @property
    def verdict(self) -> str | None:
        """The learner's self-assessment (got / partly / missed), if given."""
        found = [key for key, value in VERDICTS.items() if value == self.item.self_score]
        return found[0] if found else None

    @property
    def missed(self) -> bool:
        """A miss by the final verdict (the learner's when given): it goes into the deck."""
        return is_miss(self.item)

    @property
    def deck(self) -> str | None:
        """ "scheduled" when the miss went into the reviews; "practised" when a later pass
        could not take it back because the learner had reviewed the card since."""
        extra = self.item.extra
        if not extra.get("scheduled_at"):
            return None
        return "practised" if extra.get("practised_since") else "scheduled"

    @property
    def points_to_make(self) -> list[str]:
        """For a missed free-text item, the key points to say next time: those the grader
        did not find, or all of them when the learner judged the answer missed anyway."""
        if not self.missed or self.kind != "text":
            return []
        return self.points_missed or list(self.labels)

    @property
    def rubric(self) -> dict[str, Any] | None:
        """The grader's result for a graded text answer: points with evidence, misconceptions."""
        item = self.item
        graded = item.answered_at is not None and not item.timed_out and not item.skipped
        return item.extra.get("rubric") if graded else None

    @property
    def assessable(self) -> bool:
        item = self.item
        answered = item.answered_at is not None and not item.timed_out and not item.skipped
        return answered and item.template_id is None

    @property
    def late(self) -> bool:
        """Sent by the page as the countdown ended (inside the grace period)."""
        item = self.item
        return bool(item.answered_at and item.deadline and item.answered_at > item.deadline)

    def to_json(self) -> dict[str, Any]:
        item = self.item
        return {
            "index": item.position, "question_id": item.question_id, "template": item.template_id,
            "topic": item.topic, "kind": self.kind, "prompt": self.prompt, "answer": item.answer,
            "correct": item.correct, "score": round(self.score, 4), "auto_score": item.auto_score,
            "self_score": item.self_score, "verdict": self.verdict, "points_hit": self.points_hit,
            "points_missed": self.points_missed, "time_used_ms": self.time_used_ms,
            "timed_out": item.timed_out, "skipped": item.skipped, "shown": item.shown_at is not None,
            "model_answer": self.model_answer, "expected": self.expected,
            "note": item.extra.get("note"), "scheduled": bool(item.extra.get("scheduled_at")),
            "rubric": self.rubric, "missed": self.missed, "deck": self.deck,
            "points_to_make": self.points_to_make, "short_answer": self.short_answer,
        }  # fmt: skip


@dataclass(frozen=True)
class TopicScore:
    topic: str
    title: str
    count: int
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "title": self.title,
            "count": self.count,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Report:
    interview: MockInterview
    items: list[ReportItem]
    topics: list[TopicScore]

    @property
    def score(self) -> float:
        return self.interview.score or 0.0

    @property
    def time_used_ms(self) -> int:
        return sum(i.time_used_ms or 0 for i in self.items)

    @property
    def in_reviews(self) -> int:
        """Misses this interview put into the deck that still stand there."""
        return sum(1 for i in self.items if i.deck == "scheduled")

    def to_json(self) -> dict[str, Any]:
        interview = self.interview
        return {
            "id": interview.id, "score": round(self.score, 4), "count": interview.count,
            "seconds_per_question": interview.seconds_per_question, "topics_asked": interview.topics,
            "include_numeric": interview.include_numeric, "started_at": iso(interview.started_at),
            "finished_at": iso(interview.finished_at), "time_used_ms": self.time_used_ms,
            "items": [i.to_json() for i in self.items], "topics": [t.to_json() for t in self.topics],
        }  # fmt: skip


def _time_used_ms(interview: MockInterview, item: MockItem) -> int | None:
    if item.shown_at is None:
        return None
    limit = interview.seconds_per_question * 1000
    if item.answered_at is None:
        return limit  # ran out of time without an answer
    used = int((item.answered_at - item.shown_at).total_seconds() * 1000)
    return max(0, min(used, limit))  # the grace covers the network, not thinking time


def _report_item(
    session: Session, interview: MockInterview, item: MockItem, titles: dict[str, str]
) -> ReportItem:
    title = titles.get(item.topic) or TOPIC_FALLBACK_TITLES.get(item.topic, item.topic)
    used = _time_used_ms(interview, item)
    if item.template_id is not None and item.seed is not None:
        variant = generate(item.template_id, item.seed)
        return ReportItem(
            item, variant.prompt, title, used, [], [], variant.explanation,
            format_answer(variant.answer), get_template(item.template_id).title,
        )  # fmt: skip
    question = session.get(Question, item.question_id) if item.question_id else None
    labels = [kp.label for kp in question.key_points] if question else []
    graded = item.answered_at is not None and not item.timed_out and not item.skipped
    hit = list(item.points_hit) if graded else []
    missed = list(item.points_missed) if graded else labels
    prompt, model = (question.prompt, question.answer) if question else ("(question removed)", "")
    short = question.short_answer if question else None
    return ReportItem(
        item, prompt, title, used, hit, missed, model, labels=tuple(labels), short_answer=short
    )


def _topics(items: list[ReportItem]) -> list[TopicScore]:
    grouped: dict[str, list[ReportItem]] = {}
    for entry in items:
        grouped.setdefault(entry.item.topic, []).append(entry)
    return sorted(
        (
            TopicScore(
                topic, group[0].topic_title, len(group), sum(e.score for e in group) / len(group)
            )
            for topic, group in grouped.items()
        ),
        key=lambda t: (t.score, t.title),
    )


def build(session: Session, *, user: User, interview_id: int) -> Report:
    """The report of a finished interview; 409 while it is still running."""
    interview = get(session, user=user, interview_id=interview_id)
    if interview.finished_at is None:
        raise MockError(409, "this interview is still running: finish it to see the report")
    titles = get_titles(session)
    items = [
        _report_item(session, interview, item, titles) for item in get_items(session, interview)
    ]
    return Report(interview, items, _topics(items))


def finish(session: Session, *, user: User, interview_id: int, now: datetime) -> Report:
    """End the interview (see :func:`app.mock.service.finish`) and build its report."""
    service.finish(session, user=user, interview_id=interview_id, now=now)
    return build(session, user=user, interview_id=interview_id)


def assess(
    session: Session, *, user: User, interview_id: int, index: int, verdict: str, now: datetime
) -> Report:
    """Record a self-assessment (see :func:`app.mock.service.assess`) and rebuild the report."""
    service.assess(
        session, user=user, interview_id=interview_id, index=index, verdict=verdict, now=now
    )
    return build(session, user=user, interview_id=interview_id)
