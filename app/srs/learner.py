"""A learner's own scheduling: their retention, fitted parameters and interview deadline."""

from datetime import datetime

from fsrs import Scheduler

from app.models import User
from app.srs.interview import review_deadline
from app.srs.scheduler import make_scheduler


def scheduler_for(user: User, *, fuzzing: bool = True) -> Scheduler:
    """The FSRS scheduler for ``user``: fitted parameters once adopted, else the defaults."""
    return make_scheduler(user.desired_retention, fuzzing=fuzzing, parameters=user.fsrs_parameters)


def deadline_for(user: User, now: datetime) -> datetime | None:
    """The latest a card reviewed now may be due (their interview plan), or None."""
    return review_deadline(user.interview_date, user.timezone, now)
