"""Mock interviews: create, show the current item, answer, finish, self-assess, history.

The clock is the database's: an item's deadline is written when it is first shown, and
every state change is a conditional UPDATE, so two requests (or two server processes)
racing on one item record exactly one answer.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.engine import AnswerFormatError, generate, get_template
from app.errors import ServiceError
from app.mock import selection
from app.mock.deck import schedule_miss, unschedule_miss
from app.mock.items import (
    answer_values,
    claim,
    expired,
    is_miss,
    is_pending,
    skipped_values,
    timed_out_values,
)
from app.mock.rules import VERDICTS
from app.mock.views import AnswerOutcome, Current
from app.models import MockInterview, MockItem, Question, Topic, User

MAX_SEED = 2**31 - 1


class MockError(ServiceError):
    """A request the interview cannot honour; ``status`` is the HTTP status to answer with."""


def create(
    session: Session,
    *,
    user: User,
    topics: Sequence[str],
    count: int,
    seconds_per_question: int,
    include_numeric: bool,
    now: datetime,
    rng: random.Random | None = None,
) -> MockInterview:
    """Draw the questions and store the interview (no clock runs until an item is shown)."""
    rng = rng or random.SystemRandom()
    topics = sorted(set(topics))
    known = set(session.scalars(select(Topic.slug)))
    if unknown := [t for t in topics if t not in known]:
        raise MockError(422, f"topics: unknown topic(s) {', '.join(unknown)}")
    pool = selection.candidates(session, topics=topics, include_numeric=include_numeric)
    weakness = selection.topic_weakness(session, user=user)
    picks = selection.draw(pool, count=count, weakness=weakness, rng=rng)
    if not picks:
        raise MockError(422, "topics: no questions to ask for this choice")
    interview = MockInterview(
        user_id=user.id, started_at=now, seconds_per_question=seconds_per_question,
        count=len(picks), include_numeric=include_numeric, topics=topics,
    )  # fmt: skip
    session.add(interview)
    session.flush()
    for position, pick in enumerate(picks):
        seed = rng.randrange(MAX_SEED) if pick.template_id else None
        session.add(
            MockItem(
                interview_id=interview.id, position=position, question_id=pick.question_id,
                template_id=pick.template_id, seed=seed, topic=pick.topic, points_hit=[], points_missed=[], extra={},
            )
        )  # fmt: skip
    session.commit()
    return interview


def get(session: Session, *, user: User, interview_id: int) -> MockInterview:
    """The learner's own interview; 404 for anyone else's, so ids reveal nothing."""
    interview = session.get(MockInterview, interview_id)
    if interview is None or interview.user_id != user.id:
        raise MockError(404, f"mock interview {interview_id} not found")
    return interview


def get_items(session: Session, interview: MockInterview) -> list[MockItem]:
    """The interview's items in order."""
    return list(
        session.scalars(
            select(MockItem)
            .where(MockItem.interview_id == interview.id)
            .order_by(MockItem.position)
        )
    )


def get_all(session: Session, *, user: User, limit: int = 100) -> list[MockInterview]:
    """The learner's interviews, newest first."""
    return list(
        session.scalars(
            select(MockInterview)
            .where(MockInterview.user_id == user.id)
            .order_by(MockInterview.started_at.desc(), MockInterview.id.desc())
            .limit(limit)
        )
    )


def _show(session: Session, interview: MockInterview, item: MockItem, now: datetime) -> None:
    deadline = now + timedelta(seconds=interview.seconds_per_question)
    session.execute(
        update(MockItem)
        .where(MockItem.id == item.id, MockItem.shown_at.is_(None))
        .values(shown_at=now, deadline=deadline)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(item)  # another request may have shown it first: its deadline stands


def _view(interview: MockInterview, item: MockItem, now: datetime, session: Session) -> Current:
    if item.template_id is not None and item.seed is not None:
        variant = generate(item.template_id, item.seed)
        template = get_template(item.template_id)
        return Current(interview, item, now, variant.prompt, template, variant.params)
    question = session.get(Question, item.question_id) if item.question_id else None
    return Current(interview, item, now, question.prompt if question else "")


def current(session: Session, *, user: User, interview_id: int, now: datetime) -> Current:
    """The item to answer now, starting its clock on first sight; finishes when none is left.

    An item whose deadline and grace have passed is recorded as timed out on the way.
    """
    interview = get(session, user=user, interview_id=interview_id)
    while interview.finished_at is None:
        item = next((i for i in get_items(session, interview) if is_pending(i)), None)
        if item is None:
            _complete(session, user, interview, now)
            break
        if item.shown_at is None:
            _show(session, interview, item, now)
        elif expired(item, now):
            claim(session, item, **timed_out_values(item))
            session.commit()
            continue
        return _view(interview, item, now, session)
    return Current(interview, None, now)


def peek(session: Session, *, user: User, interview_id: int, now: datetime) -> Current:
    """Where the interview stands, changing nothing (for GET): the item on screen with its
    deadline (passed or not), or the next item unstarted and without its prompt, or none
    left. Starting clocks, timing out and finishing are :func:`current`'s, for POSTs."""
    interview = get(session, user=user, interview_id=interview_id)
    if interview.finished_at is not None:
        return Current(interview, None, now)
    item = next((i for i in get_items(session, interview) if is_pending(i)), None)
    if item is None or item.shown_at is None:
        return Current(interview, item, now)
    return _view(interview, item, now, session)


def _item(session: Session, interview: MockInterview, index: int) -> MockItem:
    item = session.scalar(
        select(MockItem).where(MockItem.interview_id == interview.id, MockItem.position == index)
    )
    if item is None:
        raise MockError(
            404, f"question index {index} not in this interview (0–{interview.count - 1})"
        )
    return item


def answer(
    session: Session,
    *,
    user: User,
    interview_id: int,
    index: int,
    text: str,
    skip: bool = False,
    now: datetime,
) -> AnswerOutcome:
    """Record the answer to item ``index``, or its skip; 409 when it already has one.

    Arriving after the deadline and its grace, the text is kept but earns nothing.
    """
    interview = get(session, user=user, interview_id=interview_id)
    item = _item(session, interview, index)
    if interview.finished_at is not None:
        raise MockError(409, "this interview is finished: see its report")
    if not is_pending(item):
        raise MockError(409, f"question {index + 1} was already answered")
    if item.shown_at is None:
        raise MockError(409, f"question {index + 1} has not been shown yet: GET …/current first")
    try:
        values = answer_values(session, item, text, skip=skip, now=now)
    except AnswerFormatError as exc:
        raise MockError(422, f"answer: {exc}") from exc
    if not claim(session, item, **values):
        session.rollback()
        raise MockError(409, f"question {index + 1} was already answered")
    session.commit()
    if not any(is_pending(i) for i in get_items(session, interview)):
        _complete(session, user, interview, now)
    return AnswerOutcome(
        index, not item.timed_out, item.timed_out, interview.finished_at is not None
    )


def _close(session: Session, item: MockItem, now: datetime) -> None:
    """End an unanswered item when the learner finishes early."""
    if item.shown_at is None:
        claim(session, item, **skipped_values(item, None))
    elif expired(item, now):
        claim(session, item, **timed_out_values(item))
    else:
        claim(session, item, **skipped_values(item, now))


def _score_of(interview: MockInterview) -> Any:
    """The mean item score, computed by the database from what is committed (race-free)."""
    return (
        select(
            func.coalesce(
                func.avg(func.coalesce(MockItem.self_score, MockItem.auto_score, 0.0)), 0.0
            )
        )
        .where(MockItem.interview_id == interview.id)
        .scalar_subquery()
    )


def _complete(session: Session, user: User, interview: MockInterview, now: datetime) -> None:
    """Score the interview and, once only, put its misses into the deck."""
    items = get_items(session, interview)
    session.execute(
        update(MockInterview)
        .where(MockInterview.id == interview.id, MockInterview.finished_at.is_(None))
        .values(finished_at=now, score=_score_of(interview))
        .execution_options(synchronize_session=False)
    )
    claimed = session.execute(
        update(MockInterview)
        .where(MockInterview.id == interview.id, MockInterview.misses_scheduled.is_(False))
        .values(misses_scheduled=True)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount == 1:  # type: ignore[attr-defined]
        for item in items:
            if is_miss(item):
                schedule_miss(session, user=user, item=item, now=now)
    session.commit()
    session.refresh(interview)


def finish(session: Session, *, user: User, interview_id: int, now: datetime) -> MockInterview:
    """End the interview now (unseen items count as skipped); finishing again changes nothing."""
    interview = get(session, user=user, interview_id=interview_id)
    if interview.finished_at is None:
        for item in get_items(session, interview):
            if is_pending(item):
                _close(session, item, now)
        session.commit()
        _complete(session, user, interview, now)
    return interview


def assess(
    session: Session, *, user: User, interview_id: int, index: int, verdict: str, now: datetime
) -> MockItem:
    """The learner's own verdict on a free-text answer (got / partly / missed) replaces the
    grader's: it sets the score and decides the deck (a miss is put in, a pass takes back
    the lapse the grader's miss wrote)."""
    interview = get(session, user=user, interview_id=interview_id)
    item = _item(session, interview, index)
    if interview.finished_at is None:
        raise MockError(409, "finish the interview before assessing your answers")
    if item.template_id is not None:
        raise MockError(409, f"question {index + 1} is numeric: the engine grades it")
    if item.timed_out or item.skipped or item.answered_at is None:
        raise MockError(409, f"question {index + 1} was not answered in time: it earns nothing")
    item.self_score = VERDICTS[verdict]
    session.flush()
    session.execute(
        update(MockInterview)
        .where(MockInterview.id == interview.id)
        .values(score=_score_of(interview))
        .execution_options(synchronize_session=False)
    )
    if is_miss(item):
        schedule_miss(session, user=user, item=item, now=now)
    else:
        unschedule_miss(session, user=user, item=item)
    try:
        session.commit()
    except IntegrityError:  # a racing request put this miss into the deck first
        session.rollback()
        return assess(
            session, user=user, interview_id=interview_id, index=index, verdict=verdict, now=now
        )
    session.refresh(interview)
    return item
