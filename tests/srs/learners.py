"""Simulated learners: review histories drawn from a known FSRS memory model."""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, MemoryState
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import Card, ReviewLog, User
from app.srs.scheduler import NEW, REVIEW

# A learner whose memory differs from FSRS's default assumptions: small first
# stabilities, little growth, a steep forgetting curve.
FORGETFUL = [
    *(w * 0.1 for w in DEFAULT_PARAMETERS[:4]),
    *DEFAULT_PARAMETERS[4:8],
    DEFAULT_PARAMETERS[8] - 1.0,
    *DEFAULT_PARAMETERS[9:20],
    0.8,
]


def _recall(stability: float, elapsed: float, decay: float) -> float:
    factor = 0.9 ** (1 / -decay) - 1
    return (1 + factor * elapsed / stability) ** -decay


def card_history(
    rng: random.Random, parameters: Sequence[float], *, start_day: int, days: int
) -> list[tuple[int, int]]:
    """(day, rating) of one card's reviews as the app schedules them (FSRS defaults, a
    little early or late), the learner recalling as the true model ``parameters`` says:
    Good on a pass, Again on a lapse."""
    truth, app = FSRS(list(parameters)), FSRS(DEFAULT_PARAMETERS)
    rating = 3 if rng.random() < 0.75 else 1
    memories = [_after(model.next_states(None, 0.9, 0), rating) for model in (truth, app)]
    reviews, day = [(start_day, rating)], start_day
    while True:
        planned = app.next_interval(memories[1].stability, 0.9, 3)
        gap = max(1, round(planned * rng.uniform(0.3, 3.0)))
        day += gap
        if day >= days:
            return reviews
        rating = 3 if rng.random() < _recall(memories[0].stability, gap, parameters[20]) else 1
        memories = [
            _after(model.next_states(MemoryState(m.stability, m.difficulty), 0.9, gap), rating)
            for model, m in zip((truth, app), memories, strict=True)
        ]
        reviews.append((day, rating))


def _after(states, rating: int) -> MemoryState:
    return (states.good if rating == 3 else states.again).memory


def add_history(
    session: Session,
    user: User,
    *,
    parameters: Sequence[float],
    start: datetime,
    days: int,
    cards: int,
    seed: int = 1,
) -> int:
    """Bulk-insert a simulated history over the learner's first ``cards`` cards; the
    number of reviews added."""
    rng = random.Random(seed)
    card_ids = session.scalars(
        select(Card.id).where(Card.user_id == user.id).order_by(Card.position).limit(cards)
    ).all()
    rows = []
    for card_id in card_ids:
        history = card_history(rng, parameters, start_day=rng.randrange(days // 3), days=days)
        for index, (day, rating) in enumerate(history):
            at = start + timedelta(days=day, minutes=rng.randrange(600))
            row = {"user_id": user.id, "card_id": card_id, "rating": rating, "reviewed_at": at}
            rows.append(
                row
                | {
                    "state_before": NEW if index == 0 else REVIEW,
                    "duration_ms": rng.randint(5_000, 25_000),
                    "source": "practice",
                    "previous": {},
                    "result": {},
                }
            )
    session.execute(insert(ReviewLog), rows)
    session.commit()
    return len(rows)
