"""A client's idempotency key can never collide with a mock interview's internal key."""

from sqlalchemy import select

from app.mock import service
from app.models import Card, ReviewLog
from app.srs.deck import ensure_deck
from app.srs.reviews import ReviewInput, submit_review
from tests.factories import T0, make_learner
from tests.mock.helpers import make_interview


def test_mock_finish_survives_a_practice_review_using_the_mock_key(session):
    user = make_learner(session)
    interview = make_interview(session, user, ["overfitting"], seconds=60)
    ensure_deck(session, user=user, now=T0)
    card = session.scalar(
        select(Card).where(Card.user_id == user.id, Card.question_id == "what-is-deep-learning")
    )
    forged = f"mock-{interview.id}-0"
    first = submit_review(
        session, user=user, data=ReviewInput(card_id=card.id, rating=3, idempotency_key=forged),
        now=T0,
    )  # fmt: skip
    service.current(session, user=user, interview_id=interview.id, now=T0)
    service.answer(session, user=user, interview_id=interview.id, index=0, text="no idea", now=T0)
    finished = service.finish(session, user=user, interview_id=interview.id, now=T0)
    assert finished.finished_at == T0
    logs = session.scalars(
        select(ReviewLog.source).where(
            ReviewLog.user_id == user.id, ReviewLog.idempotency_key == forged
        )
    ).all()
    assert sorted(logs) == ["mock", "practice"]
    # Replaying the client's key answers the client's review, never the mock's lapse.
    again = submit_review(
        session, user=user, data=ReviewInput(card_id=card.id, rating=3, idempotency_key=forged),
        now=T0,
    )  # fmt: skip
    assert again == first
