"""One practice step as pages and the API show it: the next card, its variant, the counts."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.engine import generate, get_template
from app.models import Card, Question, User
from app.srs import queue
from app.srs.deck import ensure_deck
from app.srs.reviews import card_state, variant_seed
from app.srs.scheduler import format_interval, make_scheduler, preview


@dataclass(frozen=True)
class PracticeView:
    card: Card | None
    question: Question | None
    variant: dict[str, Any] | None
    counts: queue.Counts
    intervals: dict[int, str]
    next_due: datetime | None

    def card_json(self) -> dict[str, Any] | None:
        if self.card is None:
            return None
        prompt = (
            self.variant["prompt"]
            if self.variant
            else (self.question.prompt if self.question else "")
        )
        return {
            "card_id": self.card.id,
            "question_id": self.card.question_id,
            "template": self.card.template_id,
            "kind": self.card.kind,
            "topic": self.card.topic,
            "state": self.card.state,
            "prompt": prompt,
            "variant": self.variant,
            "intervals": {str(k): v for k, v in self.intervals.items()},
        }


def practice_view(
    session: Session, *, user: User, now: datetime, filters: queue.Filters
) -> PracticeView:
    """Prepare the deck, pick the next card and everything needed to show it."""
    if ensure_deck(session, user=user, now=now):
        session.commit()
    card = queue.next_card(session, user=user, now=now, filters=filters)
    counts = queue.counts(session, user=user, now=now, filters=filters)
    if card is None:
        next_due = queue.next_due_at(session, user=user, now=now, filters=filters)
        return PracticeView(None, None, None, counts, {}, next_due)
    question = session.get(Question, card.question_id) if card.question_id else None
    variant = None
    if card.template_id:
        seed = variant_seed(session, card)
        generated = generate(card.template_id, seed)
        variant = {
            "seed": seed,
            "params": generated.params,
            "prompt": generated.prompt,
            "title": get_template(card.template_id).title,
        }
    scheduler = make_scheduler(user.desired_retention, fuzzing=False)
    intervals = {
        rating: format_interval(delta)
        for rating, delta in preview(scheduler, card_state(card), now).items()
    }
    return PracticeView(card, question, variant, counts, intervals, None)
