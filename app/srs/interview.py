"""The plan to the interview day, as pure rules over dates and memory (no database).

While a learner has an interview date ahead:

* no review is due after the interview: a review's next due date is capped at the start
  of the eve (or of the day itself for a review on the eve), so every card is seen again
  before the day;
* new cards are paced so that the whole deck has been introduced ``INTRODUCED_BEFORE_DAYS``
  before the day;
* in the last ``FINAL_STRETCH_DAYS`` the queue takes the due reviews least likely to be
  recalled first.

From the interview day on, normal FSRS scheduling resumes.
"""

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import numpy as np
from fsrs.scheduler import DEFAULT_PARAMETERS

from app.srs.days import day_start

INTRODUCED_BEFORE_DAYS = 3
FINAL_STRETCH_DAYS = 3
# Readiness is measured at noon on the interview day (the learning day starts at 04:00).
INTERVIEW_TIME_AFTER_DAY_START = timedelta(hours=8)
SECONDS_PER_DAY = 86_400.0


def review_deadline(interview_date: date | None, tz_name: str, now: datetime) -> datetime | None:
    """The latest a card reviewed at ``now`` may be due, or None (normal FSRS).

    The start of the interview's eve; for a review on the eve itself, the start of the
    interview day; from the interview day on, no cap."""
    if interview_date is None:
        return None
    for day in (interview_date - timedelta(days=1), interview_date):
        start = day_start(day, tz_name)
        if now < start:
            return start
    return None


def new_cards_quota(
    *, today: date, interview_date: date | None, unseen: int, new_per_day: int
) -> int:
    """New cards allowed today: the learner's daily limit, raised when needed so that the
    ``unseen`` cards (counted at the start of the day) are all introduced
    ``INTRODUCED_BEFORE_DAYS`` before the interview."""
    if interview_date is None or today >= interview_date or unseen <= 0:
        return new_per_day
    days = (interview_date - timedelta(days=INTRODUCED_BEFORE_DAYS) - today).days
    if days <= 0:
        return max(new_per_day, unseen)
    return max(new_per_day, math.ceil(unseen / days))


def in_final_stretch(today: date, interview_date: date | None) -> bool:
    """True in the last days before the interview, when the weakest cards come first."""
    if interview_date is None:
        return False
    return interview_date - timedelta(days=FINAL_STRETCH_DAYS) <= today < interview_date


def interview_moment(interview_date: date, tz_name: str) -> datetime:
    """When readiness is measured: noon (local) on the interview day."""
    return day_start(interview_date, tz_name) + INTERVIEW_TIME_AFTER_DAY_START


def decay(parameters: Sequence[float] | None) -> float:
    """FSRS-6's forgetting-curve decay (its last parameter, negated)."""
    return -float((parameters or DEFAULT_PARAMETERS)[20])


def retrievability(
    elapsed_days: np.ndarray, stability: np.ndarray, curve_decay: float
) -> np.ndarray:
    """FSRS-6's forgetting curve, vectorised: the chance of recall ``elapsed_days`` after
    the last review of cards with ``stability`` (the same formula as
    ``fsrs.Scheduler.get_card_retrievability``; a test keeps them equal)."""
    factor = 0.9 ** (1.0 / curve_decay) - 1.0
    elapsed = np.maximum(elapsed_days, 0.0)
    return (1.0 + factor * elapsed / np.maximum(stability, 1e-6)) ** curve_decay
