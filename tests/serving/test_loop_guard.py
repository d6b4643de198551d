"""Nothing blocking runs on the event loop: no coroutine route or dependency gets a session.

FastAPI runs ``async def`` callables on the loop and plain ``def`` ones in the thread pool.
A coroutine that receives the database session (or a user, which is looked up with it)
would run its queries on the loop and stall every request of the process; this walks
every route's dependency tree and fails on the first such callable. ``get_db`` itself is
the one coroutine allowed to hold the session: it only creates and closes it.

A coroutine *route* is checked too: it must hand its work to the thread pool through
``run_in_session`` (the two practice routes), or be one of the few that never block.
"""

import inspect

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.config import Settings
from app.web.api.health import healthz
from app.web.app import create_app
from app.web.deps import get_db, run_in_session

BLOCKING_DEPENDENCIES = {get_db}
# Coroutine routes that do their work on the loop because it never blocks (a constant).
LOOP_ONLY_ROUTES = {healthz}


def _coroutine_route_off_the_pool(route: APIRoute) -> str | None:
    """A coroutine endpoint that neither hands its work to ``run_in_session`` nor is known
    to do nothing blocking; None when the route is a ``def`` or one of those."""
    endpoint = route.endpoint
    if not inspect.iscoroutinefunction(endpoint) or endpoint in LOOP_ONLY_ROUTES:
        return None
    used = inspect.getclosurevars(endpoint)
    if run_in_session in {*used.globals.values(), *used.nonlocals.values()}:
        return None
    return f"{route.path}: async {endpoint.__name__} runs on the loop without run_in_session"


def _blocking_coroutines(dependant: Dependant, path: str) -> list[str]:
    found = []
    is_coroutine = inspect.iscoroutinefunction(dependant.call) or inspect.isasyncgenfunction(
        dependant.call
    )
    for sub in dependant.dependencies:
        if is_coroutine and dependant.call not in BLOCKING_DEPENDENCIES and _uses_database(sub):
            found.append(f"{path}: async {dependant.call.__name__} depends on {sub.call.__name__}")
        found += _blocking_coroutines(sub, path)
    return found


def _uses_database(dependant: Dependant) -> bool:
    return dependant.call in BLOCKING_DEPENDENCIES or any(
        _uses_database(sub) for sub in dependant.dependencies
    )


def _api_routes(routes: list) -> list[APIRoute]:  # type: ignore[type-arg]
    """Every APIRoute, looking inside included routers."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += _api_routes(route.original_router.routes)
    return found


def test_no_coroutine_route_or_dependency_touches_the_database(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}"))
    routes = _api_routes(app.routes)
    assert len(routes) > 40  # every router is included
    problems = [p for route in routes for p in _blocking_coroutines(route.dependant, route.path)]
    assert problems == []


def test_every_coroutine_route_hands_its_work_to_the_thread_pool(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}"))
    routes = _api_routes(app.routes)
    coroutines = [r.path for r in routes if inspect.iscoroutinefunction(r.endpoint)]
    assert "/api/v1/review/next" in coroutines  # the one-hop practice routes are checked
    assert [p for r in routes if (p := _coroutine_route_off_the_pool(r))] == []


def test_the_guard_catches_an_async_route_that_calls_a_service_on_the_loop():
    from fastapi import FastAPI, Request

    from app.srs import queue

    app = FastAPI()

    @app.get("/bad")
    async def bad(request: Request) -> None:  # the mistake: queries on the loop
        with request.app.state.sessions() as db:
            queue.today(db, user=None, now=None)  # type: ignore[arg-type]

    @app.get("/good")
    async def good(request: Request) -> object:
        return await run_in_session(request, lambda db: None)

    bad_route, good_route = _api_routes(app.routes)
    assert _coroutine_route_off_the_pool(bad_route) == (
        "/bad: async bad runs on the loop without run_in_session"
    )
    assert _coroutine_route_off_the_pool(good_route) is None


def test_the_guard_catches_an_async_route_that_takes_a_session():
    from fastapi import FastAPI

    from app.web.deps import SessionDep

    app = FastAPI()

    @app.get("/bad")
    async def bad(db: SessionDep) -> None:  # the mistake the guard exists for
        return None

    route = _api_routes(app.routes)[0]
    assert _blocking_coroutines(route.dependant, "/bad") == ["/bad: async bad depends on get_db"]


# The two tests that time loop steps run alone, after the parallel part (Makefile).
@pytest.mark.serial
def test_practice_flow_never_holds_the_loop_in_asyncio_debug_mode(db_url, tmp_path):
    """With loop_slow_callback_ms set, asyncio's debug mode logs every loop step longer than
    that ("Executing … took"): the practice flow must produce none."""
    import httpx

    from app.dev.server import start_server, stop_server

    log = tmp_path / "server.log"
    server = start_server(db_url, log_path=str(log), BACKPROP_LOOP_SLOW_CALLBACK_MS="100")
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            client.post("/api/v1/auth/guest").raise_for_status()
            client.get("/api/v1/review/next").raise_for_status()  # builds the deck
            warmed = log.stat().st_size
            for path in ("/", "/practice", "/questions", "/stats", "/mock", "/settings"):
                client.get(path).raise_for_status()
            for _ in range(10):
                card = client.get("/api/v1/review/next").json()["card"]
                body = {"card_id": card["card_id"], "rating": 3}
                client.post("/api/v1/review", json=body).raise_for_status()
            client.get("/api/v1/stats").raise_for_status()
    finally:
        stop_server(server)
    after_warm_up = log.read_bytes()[warmed:].decode(errors="replace")
    assert "Executing" not in after_warm_up, after_warm_up[:2000]


@pytest.mark.serial
def test_loop_debug_setting_reports_a_blocking_coroutine(tmp_path, caplog):
    import time

    from fastapi.testclient import TestClient

    app = create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}", loop_slow_callback_ms=50)
    )

    async def blocks_the_loop() -> dict[str, str]:
        time.sleep(0.2)  # the mistake the setting exists to expose
        return {}

    app.add_api_route("/blocks", blocks_the_loop)
    with caplog.at_level("WARNING", logger="asyncio"), TestClient(app) as client:
        client.get("/blocks")
    assert any("Executing" in record.getMessage() for record in caplog.records)
