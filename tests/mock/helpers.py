"""Small factories and a controllable clock for mock-interview tests."""

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.models import MockInterview, MockItem, Question, User
from app.srs.deck import template_topics
from tests.factories import T0

# Answers written for real bank questions (tests/mock/test_mock_grading.py checks them).
GOOD_ANSWERS = {
    "data-normalization": (
        "Normalisation rescales the input features to a common scale, for example min-max scaling "
        "to [0, 1] or z-score standardisation (subtract the mean, divide by the std). Gradient "
        "descent then converges faster and more stably. Fit the statistics on the training set "
        "only, to avoid leakage."
    ),
    "dropout-and-batch-norm": (
        "Dropout randomly zeroes each unit with probability p during training; at test time it is "
        "switched off, and inverted dropout scales the kept units by 1/(1-p). Batch norm normalises "
        "each feature with the mini-batch mean and variance, then applies a learnable scale gamma "
        "and shift beta. It stabilises training and allows a higher learning rate."
    ),
    "vanishing-exploding-gradients": (
        "Backpropagated gradients shrink or explode exponentially because the chain rule multiplies "
        "many factors across layers or time steps. Vanishing gradients mean early layers stop "
        "learning; exploding ones give unstable updates and NaN. Fixes: ReLU, good initialization, "
        "LSTM/GRU and gradient clipping."
    ),
    "overfitting-and-underfitting": (
        "Overfitting: the model memorises noise in the training data and fails to generalise (high "
        "variance). Underfitting: the model is too simple, so training error and validation error are "
        "both high (high bias). Fix overfitting with regularisation, dropout, more data or early "
        "stopping; fix underfitting with a bigger model or longer training. Use a validation set "
        "to diagnose which one you have."
    ),
}
OFF_TOPIC = "I enjoy hiking in the mountains with my dog on sunny weekends."


class Clock:
    """The app's clock for a test: starts at ``T0`` and moves only when told."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def make_interview(
    session: Session,
    user: User,
    items: list[str | tuple[str, int]],
    *,
    seconds: int = 60,
    now: datetime = T0,
) -> MockInterview:
    """An interview asking exactly ``items``: question ids, or (template id, seed) pairs."""
    topics = template_topics(session)
    interview = MockInterview(
        user_id=user.id, started_at=now, seconds_per_question=seconds, count=len(items), topics=[]
    )
    session.add(interview)
    session.flush()
    for position, spec in enumerate(items):
        if isinstance(spec, tuple):
            template_id, seed = spec
            row = MockItem(
                template_id=template_id, seed=seed, topic=topics.get(template_id, "numeric")
            )
        else:
            row = MockItem(question_id=spec, topic=session.get(Question, spec).topic)
        row.interview_id, row.position = interview.id, position
        row.points_hit, row.points_missed, row.extra = [], [], {}
        session.add(row)
    session.commit()
    return interview
