"""What a study plan buys: a seeded Monte Carlo of the learner's deck up to the interview.

Pure (no database). Memory follows FSRS through ``fsrs_rs_python`` (its ``next_states``
gives each card's stability and interval after a pass or a lapse); a review passes with
the card's retrievability. Each study day, due cards are reviewed weakest first within the
time budget, then new cards are introduced; intervals are capped at the eve, as the app
schedules them. Draws are shared between scenarios (card by card, review by review), so
comparing "10 vs 20 new cards a day" compares plans, not luck.

Time is in days from now: study day ``d`` (0 = today) happens at ``d``; readiness is
measured at ``interview_at`` (noon on the interview day).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, MemoryState

from app.srs.interview import decay, new_cards_quota, retrievability

RUNS = 4
MAX_CURVE_POINTS = 60
FIRST_ANSWER_RIGHT = 0.75  # chance a new card's first answer is right
NEW_CARD_VIEWS = 2  # a new card takes its first view and one learning step
LAPSE_VIEWS = 2  # a lapse takes the review and one relearning step
_DRAWS_PER_CARD = 32
_EPOCH = date(2000, 1, 1)  # new_cards_quota reasons in dates; the simulator in day numbers


@dataclass(frozen=True)
class SimCard:
    topic: int  # index into the caller's topics
    stability: float | None  # None: never seen
    difficulty: float | None
    last_day: float  # when it was last reviewed, in days from now (≤ 0)
    due_day: int  # the study day it is due (0 = today)


@dataclass(frozen=True)
class Scenario:
    new_per_day: int
    minutes_per_day: float | None  # None: as long as it takes
    seconds_per_card: float
    paced: bool = False  # raise new cards per day as the interview plan does


@dataclass(frozen=True)
class Forecast:
    readiness: float  # expected share of cards recalled at the interview
    topic_readiness: tuple[float, ...]
    daily_readiness: tuple[
        float, ...
    ]  # at the start of each of ``point_days``, then at the interview
    daily_topic_readiness: tuple[tuple[float, ...], ...]  # [topic][point]
    mean_daily_minutes: float
    all_introduced_day: int | None  # the study day the last new card came, None if never


@dataclass
class _Deck:
    """One run's mutable state, as arrays over the cards."""

    stability: np.ndarray
    difficulty: np.ndarray
    last: np.ndarray
    due: np.ndarray
    draws: list[list[float]]  # per card, the uniform draws its reviews use in turn
    drawn: list[int]

    def draw(self, i: int) -> float:
        n = self.drawn[i]
        self.drawn[i] = n + 1
        return self.draws[i][n % _DRAWS_PER_CARD]


def simulate(
    cards: Sequence[SimCard],
    *,
    n_topics: int,
    study_days: int,
    interview_at: float,
    scenario: Scenario,
    parameters: Sequence[float] | None,
    desired_retention: float,
    runs: int = RUNS,
    seed: int = 0,
) -> Forecast:
    """Forecast readiness at ``interview_at`` after ``study_days`` days of ``scenario``."""
    memory = _Memory(
        FSRS(list(parameters or DEFAULT_PARAMETERS)), desired_retention, decay(parameters)
    )
    topics = np.array([c.topic for c in cards], dtype=int)
    draws = np.random.default_rng(seed).random((runs, len(cards), _DRAWS_PER_CARD))
    sampled = set(point_days(study_days))
    curves, minutes, introduced = [], [], []
    for run in range(runs):
        deck = _start(cards, draws[run])
        points, spent = [], 0.0
        all_seen = 0 if not np.isnan(deck.stability).any() else None
        for day in range(study_days):
            if day in sampled:
                points.append(_recall(deck, day, memory.decay))
            if all_seen is not None and not (deck.due <= day).any():
                continue  # nothing due and nothing new: a day off
            spent += _study_day(deck, day, study_days, scenario, memory)
            if all_seen is None and not np.isnan(deck.stability).any():
                all_seen = day
        points.append(_recall(deck, interview_at, memory.decay))
        curves.append(points)
        minutes.append(spent / 60 / max(study_days, 1))
        introduced.append(all_seen)
    return _summary(np.array(curves), topics, n_topics, minutes, introduced)


def point_days(study_days: int) -> list[int]:
    """The study days the forecast curve reports (every day, thinned to at most
    ``MAX_CURVE_POINTS`` for far interviews); the interview itself comes after them."""
    stride = max(1, math.ceil(study_days / MAX_CURVE_POINTS))
    return list(range(0, study_days, stride))


@dataclass(frozen=True)
class _Memory:
    """The learner's memory model: FSRS with their parameters and retention."""

    fsrs: FSRS
    retention: float
    decay: float


def _start(cards: Sequence[SimCard], draws: np.ndarray) -> _Deck:
    def column(values: list[float | None]) -> np.ndarray:
        return np.array([np.nan if v is None else v for v in values], dtype=float)

    return _Deck(
        stability=column([c.stability for c in cards]),
        difficulty=column([c.difficulty for c in cards]),
        last=np.array([c.last_day for c in cards], dtype=float),
        due=np.array([c.due_day for c in cards], dtype=int),
        draws=draws.tolist(),
        drawn=[0] * len(cards),
    )


def _recall(deck: _Deck, at: float, curve_decay: float) -> np.ndarray:
    """Each card's chance of recall at ``at`` (0 for cards never seen)."""
    seen = ~np.isnan(deck.stability)
    recall = np.zeros(len(deck.stability))
    recall[seen] = retrievability(at - deck.last[seen], deck.stability[seen], curve_decay)
    return recall


def _next_due(day: int, interval: float, study_days: int) -> int:
    """The study day a card comes back: capped at the eve, the interview day from the eve."""
    due = day + max(1, int(interval + 0.5))
    return min(due, study_days - 1) if day < study_days - 1 else study_days


def _study_day(
    deck: _Deck, day: int, study_days: int, scenario: Scenario, memory: _Memory
) -> float:
    """Review the due cards weakest first, then introduce new ones, within the budget;
    returns the seconds spent."""
    budget = math.inf if scenario.minutes_per_day is None else scenario.minutes_per_day * 60
    cost, spent = scenario.seconds_per_card, 0.0
    recall = _recall(deck, day, memory.decay)
    due = np.flatnonzero(~np.isnan(deck.stability) & (deck.due <= day))
    order = due[np.argsort(recall[due], kind="stable")].tolist()
    # Plain Python floats from here: indexing numpy arrays one element at a time is slow.
    stability, difficulty = deck.stability[order].tolist(), deck.difficulty[order].tolist()
    elapsed, chances = (day - deck.last[order]).tolist(), recall[order].tolist()
    for k, i in enumerate(order):
        if spent + cost > budget:
            break
        states = memory.fsrs.next_states(
            MemoryState(stability[k], difficulty[k]),
            memory.retention,
            max(0, int(elapsed[k] + 0.5)),
        )
        passed = deck.draw(i) < chances[k]
        spent += cost if passed else cost * LAPSE_VIEWS
        _apply(deck, i, states.good if passed else states.again, day, study_days)
    unseen = np.flatnonzero(np.isnan(deck.stability))
    quota = _new_quota(scenario, day, study_days, len(unseen))
    first = memory.fsrs.next_states(None, memory.retention, 0) if quota else None
    for i in unseen[:quota].tolist():
        if spent + cost * NEW_CARD_VIEWS > budget:
            break
        spent += cost * NEW_CARD_VIEWS
        right = deck.draw(i) < FIRST_ANSWER_RIGHT
        _apply(deck, i, first.good if right else first.again, day, study_days)  # type: ignore[union-attr]
    return spent


def _apply(deck: _Deck, i: int, state: object, day: int, study_days: int) -> None:
    memory = state.memory  # type: ignore[attr-defined]
    deck.stability[i], deck.difficulty[i] = memory.stability, memory.difficulty
    deck.last[i] = day
    deck.due[i] = _next_due(day, state.interval, study_days)  # type: ignore[attr-defined]


def _new_quota(scenario: Scenario, day: int, study_days: int, unseen: int) -> int:
    if not scenario.paced:
        return scenario.new_per_day
    return new_cards_quota(
        today=_EPOCH + timedelta(days=day),
        interview_date=_EPOCH + timedelta(days=study_days),
        unseen=unseen,
        new_per_day=scenario.new_per_day,
    )


def _summary(
    curves: np.ndarray,
    topics: np.ndarray,
    n_topics: int,
    minutes: list[float],
    introduced: list[int | None],
) -> Forecast:
    """Average the runs: ``curves`` is [run][point][card]."""
    mean = curves.mean(axis=0)  # [point][card]
    overall = mean.mean(axis=1) if mean.shape[1] else np.zeros(mean.shape[0])
    per_topic = tuple(
        tuple(float(v) for v in mean[:, topics == t].mean(axis=1))
        if (topics == t).any()
        else tuple(0.0 for _ in range(mean.shape[0]))
        for t in range(n_topics)
    )
    days = [day for day in introduced if day is not None]
    done = max(days, default=0) if len(days) == len(introduced) else None
    return Forecast(
        readiness=float(overall[-1]),
        topic_readiness=tuple(points[-1] for points in per_topic),
        daily_readiness=tuple(float(v) for v in overall),
        daily_topic_readiness=per_topic,
        mean_daily_minutes=float(np.mean(minutes)) if minutes else 0.0,
        all_introduced_day=done,
    )
