"""Database engine, sessions and column types shared by every model."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import Dialect, make_url
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


def _enable_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
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
            size=settings.db_pool_size,
            wait_seconds=settings.db_wait_seconds,
            statement_timeout_ms=settings.db_statement_timeout_ms,
            lock_timeout_ms=settings.db_lock_timeout_ms,
        )


# A few connections beyond the request slots, for work outside a request (periodic jobs).
POOL_HEADROOM = 2


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
        _enable_sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args=_postgres_options(limits), **pool)


def _postgres_options(limits: PoolLimits) -> dict[str, str]:
    options = []
    if limits.statement_timeout_ms:
        options.append(f"-c statement_timeout={limits.statement_timeout_ms}")
    if limits.lock_timeout_ms:
        options.append(f"-c lock_timeout={limits.lock_timeout_ms}")
    return {"options": " ".join(options)} if options else {}


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
