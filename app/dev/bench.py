"""`make bench`: how fast the server is, measured with wrk, as ratios from one run.

* requests/s of ``GET /api/v1/review/next`` and ``POST /api/v1/review`` against
  ``GET /healthz`` of the same server, at 32 and 256 connections, on SQLite and (when
  ``BACKPROP_BENCH_POSTGRES_URL`` or ``BACKPROP_TEST_POSTGRES_URL`` is set) PostgreSQL, with
  p50/p99 latency and errors (goals: ≥ 0.3× on SQLite, ≥ 0.2× on PostgreSQL, no errors,
  p99 < 1 s);
* next-card server time with 1 000 versus 1 000 000 stored reviews (goal ≤ 1.3×);
* the server time of every page on the shipped bank, slowest first (goal ≤ 15 ms);
* the floor: the same ratio for probes that do only what every practice request must do
  under the web layer's concurrency model — a thread hand-off, a session, the session
  lookup (``app.dev.floor``) — the best ratio that model allows on this machine;
* the engine's variants generated and checked per second.

wrk is a native client: ``/healthz`` reaching many times the rate of the endpoints shows the
client is not what limits them. Server times come from the ``Server-Timing`` header, so no
client overhead is in them.
"""

import os
import platform
import sqlite3
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.dev import bench_pages, floor
from app.dev.bench_setup import build_database, fresh_postgres, learner_cookie, synthetic_cookie
from app.dev.server import LiveServer, start_server, stop_server
from app.dev.wrk import WrkResult, run_wrk

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = (32, 256)
LARGE_REVIEWS = int(os.environ.get("BENCH_LARGE_REVIEWS", "1000000"))
SMALL_LEARNERS, LARGE_LEARNERS = 10, 200
GOALS = {"sqlite": 0.3, "postgresql": 0.2}
ENDPOINTS = ("healthz", "review_next", "review_post")


@dataclass(frozen=True)
class Throughput:
    connections: int
    results: dict[str, WrkResult]  # endpoint → the median round (by requests/s)

    def ratio(self, endpoint: str) -> float:
        return (
            self.results[endpoint].requests_per_second / self.results["healthz"].requests_per_second
        )


def throughput(server: LiveServer, connections: int) -> Throughput:
    """Each endpoint for ``ROUNDS`` interleaved rounds (a shared machine drifts; interleaving
    exposes every endpoint to the same drift); the median round of each is kept.

    Next-card and POST review have a learner each: the POST rounds add thousands of reviews
    to their learner's day, and next-card's queries read today's reviews (the daily limits,
    the siblings resting until tomorrow), so measured on that learner next-card would slow
    down round by round (441 → 177 requests/s over four rounds here)."""
    reader, _ = learner_cookie(server.url)
    reviewer, card_id = learner_cookie(server.url)
    rounds: dict[str, list[WrkResult]] = {name: [] for name in ENDPOINTS}
    for _ in range(ROUNDS):
        rounds["healthz"].append(
            run_wrk(server, "/healthz", connections=connections, seconds=SECONDS)
        )
        rounds["review_next"].append(
            run_wrk(
                server,
                "/api/v1/review/next",
                connections=connections,
                seconds=SECONDS,
                cookie=reader,
            )
        )
        rounds["review_post"].append(
            run_wrk(server, "/api/v1/review", connections=connections, seconds=SECONDS,
                    cookie=reviewer, script="review.lua", env={"BENCH_CARD_ID": str(card_id), "BENCH_COOKIE": reviewer})
        )  # fmt: skip
    return Throughput(connections, _median_rounds(rounds))


def _median_rounds(rounds: dict[str, list[WrkResult]]) -> dict[str, WrkResult]:
    """Each endpoint's median round by requests/s (a whole wrk report, not mixed figures)."""
    return {
        name: sorted(results, key=lambda r: r.requests_per_second)[len(results) // 2]
        for name, results in rounds.items()
    }


def floor_ratios(server: LiveServer) -> dict[str, WrkResult]:
    """Each probe of ``app.dev.floor`` and ``/healthz`` at 32 connections, ``ROUNDS``
    interleaved rounds, the median round of each kept."""
    cookie, _ = learner_cookie(server.url)
    paths = {"healthz": "/healthz", **floor.PROBES}
    rounds: dict[str, list[WrkResult]] = {name: [] for name in paths}
    for _ in range(ROUNDS):
        for name, path in paths.items():
            rounds[name].append(
                run_wrk(server, path, connections=32, seconds=SECONDS, cookie=cookie)
            )
    return _median_rounds(rounds)


def report_floor(results: dict[str, WrkResult]) -> None:
    healthz = results["healthz"].requests_per_second
    print("  floor at 32 connections (app.dev.floor: what any request reading the database costs)")
    for name, r in results.items():
        if name != "healthz":
            print(f"  {name:<12} {r.requests_per_second:>8,.0f} req/s {r.requests_per_second / healthz:>5.2f}× "
                  f"healthz {1000 / r.requests_per_second:>6.2f} ms/request {r.errors:>4} errors")  # fmt: skip


def next_card_server_ms(server: LiveServer, cookie: str, samples: int = 300) -> float:
    """Median server time of next-card for one learner (Server-Timing, no client in it)."""
    return statistics.median(
        bench_pages.server_times(server.url, "/api/v1/review/next", cookie, samples)
    )


def describe_machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.machine(),
    )
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; {_wrk_version()}"
    )


def _wrk_version() -> str:
    try:
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    except OSError:
        return "wrk not installed"
    return out.splitlines()[0].split(" [")[0] if out else "wrk"


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


def report_throughput(database: str, runs: list[Throughput]) -> None:
    goal = GOALS[database]
    print(f"\n{database}: requests/s with wrk (1 thread), median of {ROUNDS} rounds of {SECONDS:.0f} s, "
          f"1 worker; goal ≥ {goal}× healthz, no errors, p99 < 1 s")  # fmt: skip
    print(
        "  (Little: wrk's mean latency agrees with connections / rate, so its latencies are true)"
    )
    print(
        f"  {'endpoint':<12} {'conns':>5} {'req/s':>8} {'× healthz':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'Little':>6}"
    )
    for run in runs:
        for name in ENDPOINTS:
            r = run.results[name]
            ratio = "" if name == "healthz" else f"{run.ratio(name):.2f}"
            little = "ok" if r.consistent(run.connections) else f"NO ({r.mean_ms:.0f} ms)"
            print(f"  {name:<12} {run.connections:>5} {r.requests_per_second:>8,.0f} {ratio:>9} "
                  f"{r.p50_ms:>8.1f} {r.p99_ms:>8.1f} {r.errors:>6} {little:>6}")  # fmt: skip


def bench_database(database: str, url: str) -> None:
    Settings(database_url=url)  # validates the URL early
    build_database(url, reviews=1_000, learners=SMALL_LEARNERS)
    server = start_server(url, quiet=True)
    try:
        runs = [throughput(server, connections) for connections in CONNECTIONS]
    finally:
        stop_server(server)
    two_workers = start_server(url, quiet=True, workers=2)
    try:
        scaled = throughput(two_workers, CONNECTIONS[0])
    finally:
        stop_server(two_workers)
    probes = start_server(url, quiet=True, factory="app.dev.floor:create_floor_app")
    try:
        floor_results = floor_ratios(probes)
    finally:
        stop_server(probes)
    report_throughput(database, runs)
    report_scale_out(runs[0], scaled)
    report_floor(floor_results)


def report_scale_out(one: Throughput, two: Throughput) -> None:
    """``--workers 2`` against 1 worker at the same connections: what a second process adds
    on this machine (the README's capacity section)."""
    print(f"  --workers 2 at {two.connections} connections (the same wrk, the same CPUs):")
    for name in ENDPOINTS:
        a, b = one.results[name].requests_per_second, two.results[name].requests_per_second
        print(f"  {name:<12} {b:>8,.0f} req/s vs {a:,.0f} with 1 worker = {b / a:.2f}×, "
              f"{two.results[name].errors} errors")  # fmt: skip


def bench_latency(tmp: Path) -> None:
    print(
        f"\nnext-card server time, 1 000 vs {LARGE_REVIEWS:,} stored reviews (SQLite; goal ≤ 1.3×):",
        flush=True,
    )
    small = build_database(f"sqlite:///{tmp / 'small.db'}", reviews=1_000, learners=SMALL_LEARNERS)
    large = build_database(
        f"sqlite:///{tmp / 'large.db'}", reviews=LARGE_REVIEWS, learners=LARGE_LEARNERS
    )
    times = []
    for url, learners, reviews in (
        (small, SMALL_LEARNERS, 1_000),
        (large, LARGE_LEARNERS, LARGE_REVIEWS),
    ):
        server = start_server(url, quiet=True)
        try:
            times.append(next_card_server_ms(server, synthetic_cookie(url)))
        finally:
            stop_server(server)
        print(
            f"  {reviews:>9,} reviews stored ({reviews // learners:,} theirs) {times[-1]:6.2f} ms"
        )
    print(f"  ratio {times[1] / times[0]:.2f}")


def main() -> None:
    print(f"machine: {describe_machine()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bench_database("sqlite", f"sqlite:///{tmp / 'bench.db'}")
        postgres = os.environ.get("BACKPROP_BENCH_POSTGRES_URL") or Settings().test_postgres_url
        if postgres:
            with fresh_postgres(postgres) as url:
                bench_database("postgresql", url)
        else:
            print("\npostgresql: skipped (set BACKPROP_BENCH_POSTGRES_URL to measure it)")
        bench_pages.report(tmp)
        bench_latency(tmp)
    print("\nengine:")
    from app.engine.bench import main as engine_bench

    engine_bench()


if __name__ == "__main__":
    main()
