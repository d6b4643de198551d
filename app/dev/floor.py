"""The floor under every database route: what the serving stack costs before any app work.

``make bench`` serves this app (the real one, with a few probe routes in front) and drives
each probe with wrk beside ``/healthz`` of the same process. Each probe adds one layer of
what every practice request must do under the web layer's concurrency model
(``app.web.deps``), so the ratios show the best that model allows on this machine:

* ``hand-off``: one trip to the thread pool and back, doing nothing;
* ``session``: a request slot and a database session opened and closed in that trip;
* ``lookup``: the session lookup every signed-in request makes (one indexed SELECT of the
  auth session joined to its user), through SQLAlchemy Core;
* ``lookup-dbapi``: the same SELECT on the pool's raw DB-API connection (no SQLAlchemy).

Served only by ``make bench`` (``uvicorn --factory app.dev.floor:create_floor_app``); the
shipped app has none of these routes.
"""

from fastapi import FastAPI, Request, Response
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.accounts.service import token_hash
from app.models import AuthSession, User
from app.web.app import create_app
from app.web.auth import COOKIE_NAME
from app.web.deps import run_in_session

PROBES = {
    "hand-off": "/_floor/hand-off",
    "session": "/_floor/session",
    "lookup": "/_floor/lookup",
    "lookup-dbapi": "/_floor/lookup-dbapi",
}

_sessions, _users = AuthSession.__table__, User.__table__
_LOOKUP = (
    select(_sessions.c.id, _sessions.c.expires_at, _users.c.id, _users.c.role)
    .join(_users, _users.c.id == _sessions.c.user_id)
    .where(_sessions.c.id == bindparam("token_hash"))
)
_EMPTY = b"{}"


def _empty() -> Response:
    return Response(_EMPTY, media_type="application/json")


def _found(row: object) -> Response:
    """200 when the lookup found the session, 401 (an error to wrk) when it did not."""
    return _empty() if row is not None else Response(status_code=401)


def create_floor_app() -> FastAPI:
    app = create_app()
    engine = app.state.engine
    # The Core statement compiled once for this driver: the raw probe runs the same SQL.
    compiled = _LOOKUP.compile(dialect=engine.dialect)
    lookup_sql = str(compiled)

    def driver_parameters(key: str) -> tuple[object, ...] | dict[str, object]:
        params = compiled.construct_params({"token_hash": key})
        return (
            tuple(params[name] for name in compiled.positiontup or ())
            if compiled.positional
            else params
        )

    async def hand_off(request: Request) -> Response:
        await run_in_threadpool(lambda: None)
        return _empty()

    async def session(request: Request) -> Response:
        await run_in_session(request, lambda db: None)
        return _empty()

    async def lookup(request: Request) -> Response:
        key = token_hash(request.cookies.get(COOKIE_NAME, ""))

        def work(db: Session) -> object:
            return db.connection().execute(_LOOKUP, {"token_hash": key}).first()

        return _found(await run_in_session(request, work))

    async def lookup_dbapi(request: Request) -> Response:
        key = token_hash(request.cookies.get(COOKIE_NAME, ""))

        def work() -> object:
            connection = engine.raw_connection()
            try:
                cursor = connection.cursor()
                cursor.execute(lookup_sql, driver_parameters(key))
                return cursor.fetchone()
            finally:
                connection.close()

        async with request.app.state.slots.slot():
            return _found(await run_in_threadpool(work))

    for name, endpoint in zip(PROBES, (hand_off, session, lookup, lookup_dbapi), strict=True):
        app.add_api_route(PROBES[name], endpoint, include_in_schema=False)
    # Matched first (/healthz comes right after /openapi.json and /static), so routing costs
    # the probes no more than it costs /healthz.
    probes = app.router.routes[-len(PROBES) :]
    app.router.routes[:] = probes + app.router.routes[: -len(PROBES)]
    return app
