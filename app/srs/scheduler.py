"""FSRS through the maintained `fsrs` package: our card state in, the next state out.

Pure: no database. Time is passed in. A review returns a new state; the caller keeps the
old one so the review can be undone (fsrs has no rollback).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


@dataclass(frozen=True)
class CardState:
    """What scheduling knows about a card (``state`` NEW means never reviewed)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CardState":
        last = data.get("last_review")
        return cls(
            state=data["state"],
            step=data["step"],
            stability=data["stability"],
            difficulty=data["difficulty"],
            due=datetime.fromisoformat(data["due"]),
            last_review=datetime.fromisoformat(last) if last else None,
            reps=data.get("reps", 0),
            lapses=data.get("lapses", 0),
        )


def make_scheduler(
    desired_retention: float,
    *,
    fuzzing: bool = True,
    parameters: Sequence[float] | None = None,
) -> Scheduler:
    """Anki's steps (1 m, 10 m; relearning 10 m) with the learner's retention and their
    fitted FSRS parameters (the defaults without them)."""
    if parameters is None:
        return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzzing)
    return Scheduler(
        parameters=tuple(parameters), desired_retention=desired_retention, enable_fuzzing=fuzzing
    )


def _to_fsrs(card: CardState) -> FsrsCard:
    # An explicit card_id: without one, fsrs.Card sleeps 1 ms to keep generated ids unique.
    if card.state == NEW:
        return FsrsCard(card_id=1, state=State.Learning, step=0, due=card.due)
    return FsrsCard(
        card_id=1,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def review(
    scheduler: Scheduler,
    card: CardState,
    rating: int,
    now: datetime,
    duration_ms: int | None = None,
    deadline: datetime | None = None,
) -> CardState:
    """The card after a review with ``rating`` (1 Again … 4 Easy) at ``now``; with a
    ``deadline`` (the interview plan), it is due again no later than that."""
    updated, _log = scheduler.review_card(
        _to_fsrs(card), Rating(rating), review_datetime=now, review_duration=duration_ms
    )
    due = min(updated.due, deadline) if deadline is not None and deadline > now else updated.due
    lapsed = card.state == REVIEW and rating == Rating.Again
    return CardState(
        state=int(updated.state),
        step=updated.step,
        stability=updated.stability,
        difficulty=updated.difficulty,
        due=due,
        last_review=updated.last_review,
        reps=card.reps + 1,
        lapses=card.lapses + (1 if lapsed else 0),
    )


def preview(
    scheduler: Scheduler, card: CardState, now: datetime, deadline: datetime | None = None
) -> dict[int, timedelta]:
    """How long until the card is due again for each rating (shown on the buttons)."""
    exact = Scheduler(
        parameters=scheduler.parameters,
        desired_retention=scheduler.desired_retention,
        enable_fuzzing=False,
    )
    return {
        rating: review(exact, card, rating, now, deadline=deadline).due - now
        for rating in (1, 2, 3, 4)
    }


def lapse_now(card: CardState, now: datetime) -> CardState:
    """A card forced due now as a lapse (a missed mock-interview item)."""
    if card.state == NEW:
        return replace(card, due=now)
    state = RELEARNING if card.state == REVIEW else card.state
    return replace(
        card, state=state, step=0, due=now, lapses=card.lapses + (1 if card.state == REVIEW else 0)
    )


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: 1m, 10m, 3h, 4d, 2.1mo, 1.3y."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
