"""`make bench`: how fast the review endpoints are, as ratios measured in one run.

* requests/s of ``GET /api/v1/review/next`` and ``POST /api/v1/review`` against
  ``GET /healthz`` on the same server (goal ≥ 0.5);
* median latency of next-card with 1 000 versus 1 000 000 stored reviews (goal ≤ 1.3×);
* the engine's variants generated and checked per second.
"""

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from app.config import Settings
from app.db import make_engine, make_session_factory, utcnow
from app.dev.server import LiveServer, start_server, stop_server
from app.dev.synthetic import seed_synthetic
from app.startup import prepare_database

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CONCURRENCY = 8
LARGE_REVIEWS = int(os.environ.get("BENCH_LARGE_REVIEWS", "1000000"))


def build_database(path: Path, reviews: int, learners: int) -> str:
    url = f"sqlite:///{path}"
    prepare_database(Settings(database_url=url))
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        seed_synthetic(session, learners=learners, reviews=reviews, now=utcnow())
    engine.dispose()
    return url


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
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as client:
        (await client.post("/api/v1/auth/guest")).raise_for_status()
        card_id = (await client.get("/api/v1/review/next")).json()["card"]["card_id"]

        async def review_body() -> dict[str, int]:
            return {"card_id": card_id, "rating": 3}

        return {
            "healthz": await _rate(client, "GET", "/healthz"),
            "review_next": await _rate(client, "GET", "/api/v1/review/next"),
            "review_post": await _rate(client, "POST", "/api/v1/review", review_body),
        }


def next_card_latency(server: LiveServer, samples: int = 300) -> float:
    """Median milliseconds of ``GET /api/v1/review/next`` for a learner with some history."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.post("/api/v1/auth/guest").raise_for_status()
        for _ in range(30):  # give the learner a little history and warm the caches
            card = client.get("/api/v1/review/next").json()["card"]
            client.post(
                "/api/v1/review", json={"card_id": card["card_id"], "rating": 3}
            ).raise_for_status()
        timings = []
        for _ in range(samples):
            started = time.perf_counter()
            client.get("/api/v1/review/next").raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"Building databases (1 000 and {LARGE_REVIEWS:,} reviews)…", flush=True)
        small = build_database(Path(tmp) / "small.db", 1_000, 10)
        large = build_database(Path(tmp) / "large.db", LARGE_REVIEWS, 200)
        server = start_server(small)
        try:
            rates = asyncio.run(throughput(server))
            small_ms = next_card_latency(server)
        finally:
            stop_server(server)
        server = start_server(large)
        try:
            large_ms = next_card_latency(server)
        finally:
            stop_server(server)
    print(
        f"\nrequests/s with {CONCURRENCY} concurrent clients, {SECONDS:.0f} s each (SQLite, 1 worker):"
    )
    for name, rate in rates.items():
        print(f"  {name:<12} {rate:>8,.0f}/s   ratio to healthz {rate / rates['healthz']:.2f}")
    print("\nGET /api/v1/review/next median latency:")
    print(f"  1 000 reviews       {small_ms:6.2f} ms")
    print(
        f"  {LARGE_REVIEWS:,} reviews {large_ms:6.2f} ms   ratio {large_ms / small_ms:.2f} (goal ≤ 1.3)"
    )
    print("\nengine:")
    from app.engine.bench import main as engine_bench

    engine_bench()


if __name__ == "__main__":
    main()
