"""Named dependencies shared by routes, and the one concurrency model of the web layer.

The event loop only parses HTTP, waits and writes responses. Everything that blocks — a
query, a connection checkout, a password hash, a regex or parse over user input, a large
render — runs in Starlette's thread pool:

* every route and dependency that uses the database (or hashes, or parses an answer) is a
  plain ``def``, which FastAPI runs in the thread pool; ``async def`` is kept for work that
  never blocks (``/healthz``, the clock, reading settings);
* a request takes one of ``Settings.request_slots`` *slots* (``app.web.slots``) before it
  opens its database session and returns it after the session is closed. The pool holds
  exactly that many connections and the thread pool has more threads than slots, so a
  checkout never waits and a thread never waits for a connection: the deadlock where
  requests holding connections wait for threads held by requests waiting for connections
  cannot happen. The slots are few (SQLite 2, PostgreSQL 4 unless ``db_pool_size`` is set):
  the work in them is CPU-bound Python, and more runnable threads only take turns at the
  GIL more often (POST review with 10 slots served 0.6–0.7× the requests/s of 2);
* the two routes every practice step calls (``GET /api/v1/review/next``, ``POST
  /api/v1/review``) are ``async def`` and hand their whole body — session, sign-in check,
  service, close — to the thread pool in one call, ``run_in_session``, where FastAPI would
  run each ``def`` dependency in a hand-off of its own. Measured with wrk in two A/B pairs:
  next-card 144 → 165 and 123 → 132 requests/s, POST review 101 → 132 and 124 → 126.
  Same model, one hop;
* when every slot is busy a request waits on the loop (costing nothing) for at most
  ``db_wait_seconds`` and then gets 503 with ``Retry-After``; on PostgreSQL every session has
  a ``statement_timeout`` and a ``lock_timeout``, and a statement cancelled by either is
  answered 503 too (``app.web.errors``). A request stuck on a lock holds one slot; every
  other request goes on.

Why threads and not SQLAlchemy's asyncio extension: measured with wrk on this code, the
services' queries are short and CPU-bound in SQLAlchemy itself, and aiosqlite adds a thread
hand-off per statement where the thread pool adds one per dependency; the synchronous
services stay as they are, and tests call them directly. ``backprop serve --workers N`` (or
more hosts) scales out; the README's "Capacity" section budgets connections for N processes.
"""

from collections.abc import AsyncIterator, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.config import Settings
from app.db import end_read_only


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A session per request, opened inside a request slot; closed (which returns its
    connection to the pool) in the thread pool, then the slot is given back."""
    async with request.app.state.slots.slot():
        session = request.app.state.sessions()
        succeeded = False
        try:
            yield session
            succeeded = True
        finally:
            await close_session(session, succeeded=succeeded)


async def close_session(session: Session, *, succeeded: bool = False) -> None:
    """Close ``session``, returning its connection to the pool; after a request that
    ``succeeded``, a transaction that only read ends with COMMIT (:func:`end_read_only`).

    Ending a transaction that the driver still has open is a round trip (PostgreSQL) or
    a rollback (SQLite): that takes a thread. A SQLite connection that only read has no
    driver transaction, and handing it back is bookkeeping in memory, done here."""
    if session.in_transaction() and _driver_in_transaction(session):
        await run_in_threadpool(_end, session, succeeded)
    else:
        session.close()


def _end(session: Session, succeeded: bool) -> None:
    if succeeded:
        end_read_only(session)
    session.close()


def _driver_in_transaction(session: Session) -> bool:
    if not session.is_active:  # a statement failed: the rollback must really happen
        return True
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return True
    return bool(connection.connection.dbapi_connection.in_transaction)  # type: ignore[union-attr]


T = TypeVar("T")


async def run_in_session(request: Request, work: Callable[[Session], T]) -> T:
    """``work(session)`` in the thread pool, inside a request slot, with a session of its
    own that is closed (its connection back in the pool) before the slot is given back."""
    async with request.app.state.slots.slot():
        return await run_in_threadpool(_with_session, request.app.state.sessions, work)


def _with_session(sessions: Callable[[], Session], work: Callable[[Session], T]) -> T:
    with sessions() as session:
        result = work(session)
        end_read_only(session)
        return result


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
