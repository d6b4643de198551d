"""A database with a long review history, for benchmarks (``backprop dev seed-synthetic``).

Learners get full decks; reviews are bulk-inserted with plausible states and dates, so the
tables have the size of a busy production database.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import Card, ReviewLog, User
from app.srs.deck import ensure_deck
from app.srs.scheduler import LEARNING, NEW, REVIEW

BATCH = 5_000


def _learners(session: Session, count: int, now: datetime) -> list[User]:
    users = [
        User(email=f"synthetic{i}@example.com", role="learner", is_guest=False, created_at=now)
        for i in range(count)
    ]
    session.add_all(users)
    session.flush()
    for user in users:
        ensure_deck(session, user=user, now=now)
    session.commit()
    return users


def _review_rows(card_ids: list[tuple[int, int]], reviews: int, now: datetime, rng: random.Random):
    for i in range(reviews):
        user_id, card_id = card_ids[i % len(card_ids)]
        yield {
            "user_id": user_id, "card_id": card_id, "rating": rng.choice((1, 3, 3, 3, 4)),
            "state_before": rng.choice((NEW, LEARNING, REVIEW, REVIEW)),
            "reviewed_at": now - timedelta(days=rng.uniform(1, 365)), "duration_ms": rng.randint(2_000, 30_000),
            "source": "practice", "previous": {}, "result": {},
        }  # fmt: skip


def seed_synthetic(
    session: Session,
    *,
    learners: int,
    reviews: int,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Add ``learners`` learners with decks and ``reviews`` reviews spread over their cards."""
    rng = random.Random(1234)
    users = _learners(session, learners, now)
    card_ids = [
        (u, c)
        for c, u in session.execute(
            select(Card.id, Card.user_id).where(Card.user_id.in_([u.id for u in users]))
        )
    ]
    rng.shuffle(card_ids)
    batch: list[dict[str, object]] = []
    for done, row in enumerate(_review_rows(card_ids, reviews, now, rng), start=1):
        batch.append(row)
        if len(batch) == BATCH or done == reviews:
            session.execute(insert(ReviewLog), batch)
            batch = []
            if progress:
                progress(done, reviews)
    # Some of those cards are now in review, due over the coming months.
    for start in range(0, len(card_ids), BATCH):
        ids = [c for _, c in card_ids[start : start + BATCH : 2]]
        session.query(Card).filter(Card.id.in_(ids)).update(
            {Card.state: REVIEW, Card.stability: 10.0, Card.difficulty: 5.0, Card.step: None, Card.reps: 3,
             Card.last_review: now - timedelta(days=5), Card.due: now + timedelta(days=rng.randint(1, 90))},
            synchronize_session=False,
        )  # fmt: skip
    session.commit()
