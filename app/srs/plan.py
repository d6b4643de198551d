"""The plan to the interview day: readiness now and forecast, minutes a day, what-ifs.

Readiness is the share of the learner's live cards they would recall at the interview
(noon on the day): FSRS retrievability projected to then, 0 for cards never seen. The
forecast runs :mod:`app.srs.simulator` from the deck as it stands.
"""

import math
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import ServiceError
from app.models import Card, ReviewLog, Topic, User
from app.srs import queue
from app.srs.days import learning_day_in
from app.srs.interview import decay, interview_moment, retrievability
from app.srs.scheduler import NEW
from app.srs.simulator import Forecast, Scenario, SimCard, point_days, simulate

DEFAULT_SECONDS_PER_CARD = 20.0
ANSWER_TIMES_SAMPLE = 500  # the learner's latest timed answers
LONGEST_COUNTED_ANSWER_MS = 10 * 60 * 1000  # longer ones were a break, not an answer
COMPARED_NEW_PER_DAY = (10, 20)
_DAY = 86_400.0


class PlanError(ServiceError):
    """A plan request this domain cannot honour."""


@dataclass(frozen=True)
class TopicReadiness:
    topic: str
    title: str
    cards: int
    readiness: float  # projected from today's memory, no more study
    forecast: float | None  # following the plan
    curve: tuple[float, ...]  # forecast at each point of ``Plan.points``


@dataclass(frozen=True)
class Plan:
    interview_date: date | None
    days_left: int | None
    readiness: float
    topics: list[TopicReadiness]
    daily_minutes: int
    new_cards_done_by: date | None
    seconds_per_card: float
    forecast: float | None
    points: list[date]  # today … the eve, then the interview day
    curve: tuple[float, ...]  # forecast readiness at each point
    if_you_stop: tuple[float, ...]  # projected readiness at each point without more study


@dataclass(frozen=True)
class WhatIf:
    new_per_day: int
    minutes_per_day: float | None
    readiness: float
    new_cards_done_by: date | None
    points: list[date]
    curve: tuple[float, ...]


@dataclass(frozen=True)
class _Deck:
    """The learner's live cards, as the plan needs them."""

    today: date
    interview_at: float | None  # days from now to the interview moment
    days_left: int | None
    topics: list[tuple[str, str]]  # (slug, title) in bank order
    cards: list[SimCard]
    seconds_per_card: float


def _topics(session: Session, slugs: set[str]) -> list[tuple[str, str]]:
    known = session.execute(select(Topic.slug, Topic.title).order_by(Topic.position)).all()
    ordered = [(slug, title) for slug, title in known if slug in slugs]
    return ordered + [(slug, slug) for slug in sorted(slugs - {s for s, _ in ordered})]


def seconds_per_card(session: Session, *, user: User) -> float:
    """The learner's median answer time over their latest timed answers (default 20 s)."""
    times = session.scalars(
        select(ReviewLog.duration_ms)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.duration_ms > 0,
            ReviewLog.duration_ms <= LONGEST_COUNTED_ANSWER_MS,
        )
        .order_by(ReviewLog.reviewed_at.desc())
        .limit(ANSWER_TIMES_SAMPLE)
    ).all()
    timed = [t for t in times if t is not None]
    return statistics.median(timed) / 1000 if timed else DEFAULT_SECONDS_PER_CARD


# The plan reads every card of the learner: plain columns of the table (Core) and tuple
# unpacking, about half the cost of ORM attributes and named row access per card.
_cards = Card.__table__
_DECK_ROWS = (
    select(
        _cards.c.topic, _cards.c.state, _cards.c.stability, _cards.c.difficulty,
        _cards.c.last_review, _cards.c.due,
    )
    .where(_cards.c.user_id == bindparam("user_id"), _cards.c.suspended.is_(False))
    .order_by(_cards.c.position, _cards.c.id)
)  # fmt: skip


def _load(session: Session, user: User, now: datetime) -> _Deck:
    rows = session.execute(_DECK_ROWS, {"user_id": user.id}).all()
    day_of = learning_day_in(user.timezone)
    today = day_of(now)
    topics = _topics(session, {row[0] for row in rows})
    index = {slug: i for i, (slug, _) in enumerate(topics)}
    cards = [
        SimCard(
            topic=index[topic],
            stability=None if state == NEW or stability is None else stability,
            difficulty=difficulty,
            last_day=(last_review - now).total_seconds() / _DAY if last_review else 0.0,
            due_day=max(0, (day_of(due) - today).days),
        )
        for topic, state, stability, difficulty, last_review, due in rows
    ]
    days_left = (user.interview_date - today).days if user.interview_date else None
    interview_at = (
        (interview_moment(user.interview_date, user.timezone) - now).total_seconds() / _DAY
        if user.interview_date
        else None
    )
    return _Deck(
        today, interview_at, days_left, topics, cards, seconds_per_card(session, user=user)
    )


def _projected(deck: _Deck, at: float, parameters: list[float] | None) -> np.ndarray:
    """Each card's chance of recall ``at`` days from now with no more study."""
    stability = np.array([np.nan if c.stability is None else c.stability for c in deck.cards])
    last = np.array([c.last_day for c in deck.cards], dtype=float)
    seen = ~np.isnan(stability)
    recall = np.zeros(len(deck.cards))
    recall[seen] = retrievability(at - last[seen], stability[seen], decay(parameters))
    return recall


def _by_topic(deck: _Deck, values: np.ndarray) -> list[float]:
    topics = np.array([c.topic for c in deck.cards], dtype=int)
    return [
        float(values[topics == t].mean()) if (topics == t).any() else 0.0
        for t in range(len(deck.topics))
    ]


def _forecast(deck: _Deck, user: User, scenario: Scenario) -> Forecast:
    assert deck.days_left is not None and deck.interview_at is not None
    return simulate(
        deck.cards,
        n_topics=len(deck.topics),
        study_days=max(deck.days_left, 0),
        interview_at=deck.interview_at,
        scenario=scenario,
        parameters=user.fsrs_parameters,
        desired_retention=user.desired_retention,
    )


def _point_offsets(deck: _Deck) -> list[int]:
    days = max(deck.days_left or 0, 0)
    return [*point_days(days), days]


def _points(deck: _Deck) -> list[date]:
    return [deck.today + timedelta(days=d) for d in _point_offsets(deck)]


def _done_by(deck: _Deck, forecast: Forecast) -> date | None:
    day = forecast.all_introduced_day
    return None if day is None else deck.today + timedelta(days=day)


def get_plan(session: Session, *, user: User, now: datetime) -> Plan:
    """The learner's plan: with an interview date ahead, readiness on the day and the
    forecast of following the plan; without one, readiness today at their settings."""
    deck = _load(session, user, now)
    if deck.days_left is None or deck.days_left < 0 or deck.interview_at is None:
        return _plan_without_date(session, deck, user, now)
    scenario = Scenario(user.new_per_day, None, deck.seconds_per_card, paced=True)
    forecast = _forecast(deck, user, scenario)
    points = _points(deck)
    offsets = [float(d) for d in _point_offsets(deck)[:-1]] + [deck.interview_at]
    projected = _projected(deck, deck.interview_at, user.fsrs_parameters)
    stop_curve = tuple(
        float(_projected(deck, at, user.fsrs_parameters).mean()) if deck.cards else 0.0
        for at in offsets
    )
    return Plan(
        interview_date=user.interview_date,
        days_left=deck.days_left,
        readiness=float(projected.mean()) if deck.cards else 0.0,
        topics=_topic_rows(deck, projected, forecast),
        daily_minutes=math.ceil(forecast.mean_daily_minutes),
        new_cards_done_by=_done_by(deck, forecast),
        seconds_per_card=deck.seconds_per_card,
        forecast=forecast.readiness,
        points=points,
        curve=forecast.daily_readiness,
        if_you_stop=stop_curve,
    )


def _topic_rows(
    deck: _Deck, projected: np.ndarray, forecast: Forecast | None
) -> list[TopicReadiness]:
    counts = np.bincount([c.topic for c in deck.cards], minlength=len(deck.topics))
    return [
        TopicReadiness(
            topic=slug,
            title=title,
            cards=int(counts[t]),
            readiness=value,
            forecast=forecast.topic_readiness[t] if forecast else None,
            curve=forecast.daily_topic_readiness[t] if forecast else (),
        )
        for t, ((slug, title), value) in enumerate(
            zip(deck.topics, _by_topic(deck, projected), strict=True)
        )
    ]


def _done_at_daily_limit(today: date, unseen: int, new_per_day: int) -> date | None:
    """The day the last unseen card comes at ``new_per_day`` a day (None: never)."""
    if unseen == 0:
        return today
    if new_per_day == 0:
        return None
    return today + timedelta(days=math.ceil(unseen / new_per_day) - 1)


def _plan_without_date(session: Session, deck: _Deck, user: User, now: datetime) -> Plan:
    """Readiness now, today's workload and when new cards run out at the daily limit."""
    recall = _projected(deck, 0.0, user.fsrs_parameters)
    counts = queue.counts(session, user=user, now=now)
    unseen = sum(card.stability is None for card in deck.cards)
    work = (counts.new * 2 + counts.learning + counts.due) * deck.seconds_per_card
    return Plan(
        interview_date=user.interview_date,
        days_left=deck.days_left,
        readiness=float(recall.mean()) if deck.cards else 0.0,
        topics=_topic_rows(deck, recall, None),
        daily_minutes=math.ceil(work / 60),
        new_cards_done_by=_done_at_daily_limit(deck.today, unseen, user.new_per_day),
        seconds_per_card=deck.seconds_per_card,
        forecast=None,
        points=[],
        curve=(),
        if_you_stop=(),
    )


def what_if(
    session: Session,
    *,
    user: User,
    now: datetime,
    new_per_day: int,
    minutes_per_day: float | None,
) -> WhatIf:
    """Readiness on the interview day with ``new_per_day`` new cards and
    ``minutes_per_day`` (None: as long as it takes), starting from the deck as it is."""
    return what_ifs(
        session, user=user, now=now, options=[new_per_day], minutes_per_day=minutes_per_day
    )[0]


def what_ifs(
    session: Session,
    *,
    user: User,
    now: datetime,
    options: list[int],
    minutes_per_day: float | None,
) -> list[WhatIf]:
    """:func:`what_if` for several daily new-card counts (the deck is read once)."""
    deck = _load(session, user, now)
    if deck.days_left is None or deck.days_left < 0:
        raise PlanError(409, "interview_date: set an interview date ahead in your settings first")
    results = []
    for new_per_day in options:
        scenario = Scenario(new_per_day, minutes_per_day, deck.seconds_per_card)
        forecast = _forecast(deck, user, scenario)
        results.append(
            WhatIf(
                new_per_day=new_per_day,
                minutes_per_day=minutes_per_day,
                readiness=forecast.readiness,
                new_cards_done_by=_done_by(deck, forecast),
                points=_points(deck),
                curve=forecast.daily_readiness,
            )
        )
    return results
