"""Fitted FSRS parameters per learner: on request and about once a week by itself.

The fit (:mod:`app.srs.fitting`) runs in a worker process, because fsrs-rs keeps the GIL
while it works; the calling thread only waits. The weekly refit is claimed with one
conditional UPDATE, so two requests (or two servers) never fit the same learner twice.
"""

import logging
import multiprocessing
import threading
from collections import defaultdict
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fsrs import Scheduler
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.errors import ServiceError
from app.models import ReviewLog, User
from app.srs import fitting
from app.srs.days import learning_day

REFIT_EVERY = timedelta(days=7)
REQUEST_COOLDOWN = timedelta(minutes=1)
FIT_TIMEOUT_SECONDS = 120
MAX_REVIEWS_USED = 50_000  # the latest ones; enough for any fit, bounded work

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_processes: ProcessPoolExecutor | None = None
_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fsrs-refit")


@dataclass(frozen=True)
class FitOutcome:
    adopted: bool
    reason: str
    reviews_used: int
    log_loss_default: float | None
    log_loss_fitted: float | None


def _pool() -> ProcessPoolExecutor:
    global _processes
    with _lock:
        if _processes is None:
            # spawn: forking a process that runs threads is unsafe.
            context = multiprocessing.get_context("spawn")
            _processes = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return _processes


def _histories(session: Session, user: User) -> list[list[tuple[float, int, int]]]:
    rows = session.execute(
        select(ReviewLog.card_id, ReviewLog.reviewed_at, ReviewLog.rating)
        .where(ReviewLog.user_id == user.id, ReviewLog.rating.between(1, 4))
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(MAX_REVIEWS_USED)
    ).all()
    by_card: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for card_id, at, rating in reversed(rows):
        day = learning_day(at, user.timezone).toordinal()
        by_card[card_id].append((at.timestamp(), day, rating))
    return list(by_card.values())


def _outcome(result: dict[str, Any]) -> FitOutcome:
    return FitOutcome(
        adopted=result["adopted"],
        reason=result["reason"],
        reviews_used=result["reviews_used"],
        log_loss_default=result["log_loss_default"],
        log_loss_fitted=result["log_loss_fitted"],
    )


def _fit(histories: list[list[tuple[float, int, int]]]) -> dict[str, Any]:
    if sum(len(h) for h in histories) < fitting.MIN_REVIEWS:
        return fitting.fit(histories)  # refused before any fitting: no process needed
    return _pool().submit(fitting.fit, histories).result(timeout=FIT_TIMEOUT_SECONDS)


def optimize(session: Session, *, user: User, now: datetime) -> FitOutcome:
    """Fit the learner's parameters from their review log; adopt them if they predict the
    held-out most recent reviews better than the defaults. Blocks until the fit is done
    (call it from a worker thread, never the event loop)."""
    result = _fit(_histories(session, user))
    if result["adopted"] and not _schedulable(result["parameters"]):
        result |= {
            "adopted": False,
            "reason": "the fitted parameters lie outside what the scheduler accepts",
            "parameters": None,
        }
    if result["adopted"]:
        user.fsrs_parameters = result["parameters"]
    user.fsrs_fit = {k: v for k, v in result.items() if k != "parameters"} | {"at": now.isoformat()}
    user.fsrs_fitted_at = now
    session.commit()
    return _outcome(result)


def _schedulable(parameters: list[float]) -> bool:
    """True when the ``fsrs`` scheduler takes these parameters (it checks their bounds)."""
    try:
        Scheduler(parameters=tuple(parameters))
    except ValueError:
        return False
    return True


def optimize_on_request(session: Session, *, user: User, now: datetime) -> FitOutcome:
    """:func:`optimize`, at most once a minute per learner (a fit is seconds of CPU)."""
    if user.fsrs_fitted_at is not None and now - user.fsrs_fitted_at < REQUEST_COOLDOWN:
        wait = REQUEST_COOLDOWN - (now - user.fsrs_fitted_at)
        raise ServiceError(429, "optimize: at most one fit a minute", int(wait.total_seconds()) + 1)
    return optimize(session, user=user, now=now)


def last_fit(user: User) -> FitOutcome | None:
    """The figures of the learner's last fit, if any (shown on the stats page)."""
    return _outcome(user.fsrs_fit | {"parameters": None}) if user.fsrs_fit else None


def _has_history(session: Session, user: User) -> bool:
    """At least ``MIN_REVIEWS`` reviews: an index walk of that many rows, not a count."""
    found = session.scalar(
        select(ReviewLog.id)
        .where(ReviewLog.user_id == user.id)
        .order_by(ReviewLog.reviewed_at)
        .offset(fitting.MIN_REVIEWS - 1)
        .limit(1)
    )
    return found is not None


def claim_weekly_refit(session: Session, *, user: User, now: datetime) -> bool:
    """True when this caller should refit the learner now (and has marked it done)."""
    if user.fsrs_fitted_at is not None and now - user.fsrs_fitted_at < REFIT_EVERY:
        return False
    if not _has_history(session, user):
        return False
    claimed = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.fsrs_fitted_at.is_(None), User.fsrs_fitted_at <= now - REFIT_EVERY),
        )
        .values(fsrs_fitted_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def _refit(sessions: sessionmaker[Session], user_id: int, now: datetime) -> None:
    try:
        with sessions() as session:
            user = session.get(User, user_id)
            if user is not None:
                optimize(session, user=user, now=now)
    except Exception:  # a background job has nobody to answer: log it, keep the defaults
        logger.exception("weekly FSRS refit failed for user %s", user_id)


def refit_weekly(
    session: Session, sessions: sessionmaker[Session], *, user: User, now: datetime
) -> Future[None] | None:
    """Start the weekly refit in the background when it is due; the request goes on."""
    if not claim_weekly_refit(session, user=user, now=now):
        return None
    return _background.submit(_refit, sessions, user.id, now)


def wait_for_background() -> None:
    """Wait until background refits started so far are done (for tests and shutdown)."""
    _background.submit(lambda: None).result()
