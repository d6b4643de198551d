"""`make bench`: how fast the review endpoints are, as ratios measured in one run.

* requests/s of ``GET /api/v1/review/next`` and ``POST /api/v1/review`` against
  ``GET /healthz`` on the same server (goal ≥ 0.5);
* median latency of next-card with 1 000 versus 1 000 000 stored reviews (goal ≤ 1.3×);
* the engine's variants generated and checked per second.
"""

import asyncio
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from app.accounts import service as accounts
from app.config import Settings
from app.db import make_engine, make_session_factory, utcnow
from app.dev.server import LiveServer, start_server, stop_server
from app.dev.synthetic import seed_synthetic
from app.models import User
from app.startup import prepare_database
from app.web.auth import COOKIE_NAME

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CONCURRENCY = 8
ROUNDS = 3
LARGE_REVIEWS = int(os.environ.get("BENCH_LARGE_REVIEWS", "1000000"))
SMALL_LEARNERS, LARGE_LEARNERS = 10, 200


def build_database(path: Path, reviews: int, learners: int) -> str:
    url = f"sqlite:///{path}"
    prepare_database(Settings(database_url=url))
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        seed_synthetic(session, learners=learners, reviews=reviews, now=utcnow())
    engine.dispose()
    return url


def sign_in_synthetic_learner(url: str) -> str:
    """A session cookie for the first synthetic learner (their share of the history)."""
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        user = session.scalars(select(User).where(User.email == "synthetic0@example.com")).one()
        token = accounts.open_session(session, user=user, now=utcnow()).token
        session.commit()
    engine.dispose()
    return token


async def _rate(client: httpx.AsyncClient, method: str, path: str, body_for=None) -> float:  # type: ignore[no-untyped-def]
    done, deadline = 0, time.perf_counter() + SECONDS

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            kwargs = {"json": await body_for()} if body_for else {}
            response = await client.request(method, path, **kwargs)
            response.raise_for_status()
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return done / (time.perf_counter() - started)


async def throughput(server: LiveServer) -> dict[str, float]:
    """Median requests/s of each endpoint over ``ROUNDS`` interleaved rounds (a shared
    machine drifts; interleaving exposes every endpoint to the same drift). Each phase is a
    fresh guest learner, so no phase inherits the thousands of reviews another recorded."""
    rounds: dict[str, list[float]] = {"healthz": [], "review_next": [], "review_post": []}
    for _ in range(ROUNDS):
        for name in rounds:
            rounds[name].append(await _phase(server, name))
    return {name: statistics.median(rates) for name, rates in rounds.items()}


async def _phase(server: LiveServer, name: str) -> float:
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as client:
        if name == "healthz":
            return await _rate(client, "GET", "/healthz")
        (await client.post("/api/v1/auth/guest")).raise_for_status()
        if name == "review_next":
            return await _rate(client, "GET", "/api/v1/review/next")
        card_id = (await client.get("/api/v1/review/next")).json()["card"]["card_id"]

        async def review_body() -> dict[str, int]:
            return {"card_id": card_id, "rating": 3}

        return await _rate(client, "POST", "/api/v1/review", review_body)


def next_card_latencies(learners: list[tuple[LiveServer, str]], samples: int = 400) -> list[float]:
    """Median milliseconds of ``GET /api/v1/review/next`` for each (server, session) pair.

    The requests alternate between the servers, so drift on a shared machine affects every
    server alike and the ratio between them stays meaningful."""
    clients = [
        httpx.Client(base_url=server.url, cookies={COOKIE_NAME: token}, timeout=30)
        for server, token in learners
    ]
    try:
        for client in clients:
            for _ in range(30):  # some reviews today too, and warm caches
                card = client.get("/api/v1/review/next").json()["card"]
                client.post(
                    "/api/v1/review", json={"card_id": card["card_id"], "rating": 3}
                ).raise_for_status()
        timings: list[list[float]] = [[] for _ in clients]
        for _ in range(samples):
            for client, spent in zip(clients, timings, strict=True):
                started = time.perf_counter()
                client.get("/api/v1/review/next").raise_for_status()
                spent.append((time.perf_counter() - started) * 1000)
    finally:
        for client in clients:
            client.close()
    return [statistics.median(spent) for spent in timings]


def describe_machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.machine(),
    )
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


def main() -> None:
    print(f"machine: {describe_machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"Building databases (1 000 and {LARGE_REVIEWS:,} reviews)…", flush=True)
        small = build_database(Path(tmp) / "small.db", 1_000, SMALL_LEARNERS)
        large = build_database(Path(tmp) / "large.db", LARGE_REVIEWS, LARGE_LEARNERS)
        small_server = start_server(small, quiet=True)
        large_server = start_server(large, quiet=True)
        try:
            rates = asyncio.run(throughput(small_server))
            small_ms, large_ms = next_card_latencies(
                [
                    (small_server, sign_in_synthetic_learner(small)),
                    (large_server, sign_in_synthetic_learner(large)),
                ]
            )
        finally:
            stop_server(small_server)
            stop_server(large_server)
    print(
        f"\nrequests/s, {CONCURRENCY} concurrent clients, median of {ROUNDS} rounds of "
        f"{SECONDS:.0f} s (SQLite, 1 worker; goal ≥ 0.5 of healthz):"
    )
    for name, rate in rates.items():
        print(f"  {name:<12} {rate:>8,.0f}/s   ratio to healthz {rate / rates['healthz']:.2f}")
    print("\nGET /api/v1/review/next median latency, one learner's session (goal ≤ 1.3×):")
    small_share, large_share = 1_000 // SMALL_LEARNERS, LARGE_REVIEWS // LARGE_LEARNERS
    print(f"  {1_000:>9,} reviews stored ({small_share:,} theirs) {small_ms:6.2f} ms")
    print(
        f"  {LARGE_REVIEWS:>9,} reviews stored ({large_share:,} theirs) {large_ms:6.2f} ms"
        f"   ratio {large_ms / small_ms:.2f}"
    )
    print("\nengine:")
    from app.engine.bench import main as engine_bench

    engine_bench()


if __name__ == "__main__":
    main()
