"""Serving tests drive a real server process (uvicorn), as production runs it."""

from collections.abc import Callable, Iterator

import httpx
import pytest

from app.dev.server import LiveServer, start_server, stop_server


@pytest.fixture
def serve(db_url: str) -> Iterator[Callable[..., LiveServer]]:
    """Start a server on the test database with extra ``BACKPROP_*`` settings."""
    started: list[LiveServer] = []

    def _start(**env: str) -> LiveServer:
        server = start_server(db_url, quiet=True, BACKPROP_SRS_FUZZING="false", **env)
        started.append(server)
        return server

    yield _start
    for server in started:
        stop_server(server)


@pytest.fixture
def guest() -> Iterator[Callable[[LiveServer], httpx.Client]]:
    """Clients signed in as new guest learners (closed after the test)."""
    clients: list[httpx.Client] = []

    def _guest(server: LiveServer) -> httpx.Client:
        client = httpx.Client(base_url=server.url, timeout=30)
        clients.append(client)
        client.post("/api/v1/auth/guest").raise_for_status()
        return client

    yield _guest
    for client in clients:
        client.close()
