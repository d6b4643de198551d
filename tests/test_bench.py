"""`make bench` end to end at a tiny scale: every phase runs against real servers."""

import asyncio
import platform
from concurrent.futures import ThreadPoolExecutor

from app.dev import bench
from app.dev.server import start_server, stop_server


def test_bench_measures_throughput_and_latency_on_real_servers(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "SECONDS", 0.3)
    monkeypatch.setattr(bench, "ROUNDS", 1)
    small = bench.build_database(tmp_path / "small.db", 200, 2)
    large = bench.build_database(tmp_path / "large.db", 2_000, 2)
    small_server = start_server(small, quiet=True)
    large_server = start_server(large, quiet=True)
    try:
        # Its own thread and event loop: the browser tests keep Playwright's loop in this one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            rates = pool.submit(lambda: asyncio.run(bench.throughput(small_server))).result()
        latencies = bench.next_card_latencies(
            [
                (small_server, bench.sign_in_synthetic_learner(small)),
                (large_server, bench.sign_in_synthetic_learner(large)),
            ],
            samples=5,
        )
    finally:
        stop_server(small_server)
        stop_server(large_server)
    assert set(rates) == {"healthz", "review_next", "review_post"}
    assert all(rate > 0 for rate in rates.values())
    assert len(latencies) == 2 and all(ms > 0 for ms in latencies)


def test_bench_describes_the_machine_it_ran_on():
    described = bench.describe_machine()
    assert f"Python {platform.python_version()}" in described and "SQLite 3." in described
