"""Password-guess protection that cannot be turned against the account's owner.

Failures are counted per *account and address* and per *account*, never per address alone:
guesses against other (or non-existent) accounts never slow a login to an untouched
account, so a crowd behind one NAT cannot lock each other out. Past a few free failures
each further one makes the next attempt wait longer (1 s, 2 s, 4 s … at most 60 s), instead
of a long lockout; the per-account counter allows more (guesses spread over many
addresses) before it delays everyone, and still by 60 s at most.

Every attempt is counted *before* the password is checked, by a compare-and-set on the
counter's row, and committed: concurrent guesses each need their own successful update,
so no more than the free attempts are ever checked at once. A success clears the counters.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts.errors import AccountError
from app.models import LoginThrottle

MAX_DELAY = timedelta(seconds=60)
# A counter whose last failure is older than this starts again from zero.
FORGET_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Counter:
    """One throttled key and how many failures it allows before delays start."""

    key: str
    free_failures: int


def keys_for(email: str, client: str) -> list[Counter]:
    """The counters one login (or current-password check) for ``email`` from ``client`` uses."""
    account = email.strip().lower()[:254]
    return [
        Counter(_digest(f"account:{account}|from:{client[:100]}"), free_failures=5),
        Counter(_digest(f"account:{account}"), free_failures=20),
    ]


def _digest(key: str) -> str:
    # Hashed so the table holds no e-mail addresses (most keys are for accounts that don't exist).
    return hashlib.sha256(key.encode("utf-8", "backslashreplace")).hexdigest()


def delay_after(failures: int, free_failures: int) -> timedelta:
    """How long the next attempt waits after ``failures`` counted failures."""
    if failures < free_failures:
        return timedelta(0)
    return min(MAX_DELAY, timedelta(seconds=2 ** min(failures - free_failures, 10)))


def count_attempt(session: Session, counters: list[Counter], now: datetime) -> None:
    """Count one attempt on every counter (committed), or raise 429 with ``Retry-After``."""
    for counter in counters:
        wait = _reserve(session, counter, now)
        session.commit()
        if wait is not None:
            raise AccountError(
                429, "too many failed attempts; try again in a moment", retry_after=wait
            )


_COUNTER_STATE = select(
    LoginThrottle.failures,
    LoginThrottle.version,
    LoginThrottle.last_failure_at,
    LoginThrottle.blocked_until,
)


def _state(
    session: Session, counter: Counter, now: datetime
) -> tuple[int, int, datetime, datetime]:
    """The counter's row, created (and committed) when it does not exist yet."""
    row = session.execute(_COUNTER_STATE.where(LoginThrottle.key == counter.key)).first()
    if row is not None:
        return tuple(row)  # type: ignore[return-value]
    try:
        session.execute(
            insert(LoginThrottle).values(
                key=counter.key, failures=0, version=0, last_failure_at=now, blocked_until=now
            )
        )
        session.commit()
    except IntegrityError:  # a concurrent attempt created it first
        session.rollback()
        found = session.execute(_COUNTER_STATE.where(LoginThrottle.key == counter.key)).one()
        return tuple(found)  # type: ignore[return-value]
    return 0, 0, now, now


def _reserve(session: Session, counter: Counter, now: datetime) -> int | None:
    """Seconds to wait, or None once this attempt is counted (compare-and-set on version)."""
    failures, version, last_failure_at, blocked_until = _state(session, counter, now)
    if blocked_until > now:
        return max(1, math.ceil((blocked_until - now).total_seconds()))
    failures = 1 if now - last_failure_at > FORGET_AFTER else failures + 1
    counted = session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == counter.key, LoginThrottle.version == version)
        .values(
            failures=failures,
            version=version + 1,
            last_failure_at=now,
            blocked_until=now + delay_after(failures, counter.free_failures),
        )
    )
    return None if counted.rowcount == 1 else 1


def forget(session: Session, counters: list[Counter]) -> None:
    """A correct password: clear the counters (the caller commits)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_([c.key for c in counters])))


def prune(session: Session, now: datetime) -> int:
    """Delete counters nobody needs any more; returns how many (the caller commits)."""
    result = session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.last_failure_at < now - FORGET_AFTER, LoginThrottle.blocked_until <= now
        )
    )
    return result.rowcount or 0
