"""Database engine, sessions and column types shared by every model."""

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

if TYPE_CHECKING:
    from app.config import Settings


class Base(DeclarativeBase):
    """Declarative base of every model; alembic reads its metadata."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite hands naive datetimes back even for ``DateTime(timezone=True)``; ``fsrs``
    refuses naive datetimes, so values are normalised to UTC in both directions.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def _enable_sqlite_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()


@dataclass(frozen=True)
class PoolLimits:
    """How many connections an engine keeps, how long a checkout may wait, and (PostgreSQL)
    how long one statement may run or wait on a lock before the server cancels it."""

    size: int = 5
    wait_seconds: float = 30.0
    statement_timeout_ms: int | None = None
    lock_timeout_ms: int | None = None

    @classmethod
    def from_settings(cls, settings: "Settings") -> "PoolLimits":
        return cls(
            size=settings.request_slots,
            wait_seconds=settings.db_wait_seconds,
            statement_timeout_ms=settings.db_statement_timeout_ms,
            lock_timeout_ms=settings.db_lock_timeout_ms,
        )


SQLITE_BUSY_TIMEOUT_MS = 10_000
# A few connections beyond the request slots, for work outside a request (periodic jobs).
POOL_HEADROOM = 2


_WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_HOLDS_WRITE_LOCK = "backprop_holds_write_lock"


def _queue_sqlite_writers(engine: Engine, wait_seconds: float) -> None:
    """SQLite allows one writer at a time. A writer that finds the database locked sleeps in
    SQLite's busy handler (1, 2, 5 … 100 ms at a time), so under contention writes spend most
    of their time asleep. Writers of this process queue on a lock instead and start the
    moment the previous one commits; the wait is bounded like PostgreSQL's lock_timeout."""
    lock = threading.Lock()

    def release(info: dict) -> None:  # type: ignore[type-arg]
        if info.pop(_HOLDS_WRITE_LOCK, False):
            lock.release()

    @event.listens_for(engine, "before_cursor_execute")
    def _before_write(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if conn.info.get(_HOLDS_WRITE_LOCK) or not _WRITE_STATEMENT.match(statement):
            return
        if not lock.acquire(timeout=wait_seconds):
            raise OperationalError(
                statement, parameters, sqlite3.OperationalError("database is locked")
            )
        conn.info[_HOLDS_WRITE_LOCK] = True

    event.listen(engine, "commit", lambda conn: release(conn.info))
    event.listen(engine, "rollback", lambda conn: release(conn.info))
    event.listen(engine.pool, "reset", lambda dbapi_conn, record, state: release(record.info))
    for name in ("close", "invalidate"):
        event.listen(engine.pool, name, lambda dbapi_conn, record, *_: release(record.info))


def make_engine(url: str, limits: PoolLimits | None = None) -> Engine:
    """An engine for ``url``; SQLite files get their folder, WAL and foreign keys.

    ``limits`` sizes the pool; the web app passes its request slots (see app/web/deps.py),
    command-line tools and tests take the small defaults."""
    limits = limits or PoolLimits()
    parsed = make_url(url)
    pool = {
        "pool_size": limits.size,
        "max_overflow": POOL_HEADROOM,
        "pool_timeout": limits.wait_seconds,
    }
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **pool
        )
        # A write waiting for another to commit waits as long as a PostgreSQL lock would.
        busy_timeout_ms = limits.lock_timeout_ms or SQLITE_BUSY_TIMEOUT_MS
        _enable_sqlite_pragmas(engine, busy_timeout_ms)
        _queue_sqlite_writers(engine, busy_timeout_ms / 1000)
        return engine
    engine = create_engine(url, pool_pre_ping=True, connect_args=_postgres_options(limits), **pool)
    _track_postgres_writes(engine)
    return engine


def _postgres_options(limits: PoolLimits) -> dict[str, str]:
    options = []
    if limits.statement_timeout_ms:
        options.append(f"-c statement_timeout={limits.statement_timeout_ms}")
    if limits.lock_timeout_ms:
        options.append(f"-c lock_timeout={limits.lock_timeout_ms}")
    return {"options": " ".join(options)} if options else {}


# Set on a PostgreSQL connection by any statement that is not a plain SELECT, or that
# failed, until its transaction ends.
_WROTE = "backprop_wrote"
_READ_STATEMENT = re.compile(r"\s*SELECT\b", re.IGNORECASE)


def _track_postgres_writes(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _mark(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if not _READ_STATEMENT.match(statement):
            conn.info[_WROTE] = True

    @event.listens_for(engine, "handle_error")
    def _failed(context):  # type: ignore[no-untyped-def]
        if context.connection is not None:
            context.connection.info[_WROTE] = True

    for name in ("commit", "rollback"):
        event.listen(engine, name, lambda conn: conn.info.pop(_WROTE, None))
    event.listen(
        engine.pool, "reset", lambda dbapi_conn, record, state: record.info.pop(_WROTE, None)
    )


def end_read_only(session: Session) -> None:
    """End a PostgreSQL transaction that only read with COMMIT instead of the ROLLBACK that
    closing the session would send: the same for the database, but psycopg forgets every
    prepared statement of the connection on ROLLBACK, so with rollbacks no statement was
    ever prepared and PostgreSQL parsed and planned each one every time (next-card with
    wrk, two A/B pairs: 263 -> 292 and 251 -> 285 requests/s). Anything else — a failed
    transaction, ORM changes not flushed, any statement but a SELECT, SQLite — is left to
    the rollback as before, so nothing the request did not commit is ever kept."""
    if not session.in_transaction() or not session.is_active:
        return
    if session.new or session.dirty or session.deleted:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql" and not connection.info.get(_WROTE):
        session.commit()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
