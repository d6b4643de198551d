"""`make bench` end to end at a tiny scale: wrk against a real server, pages timed by the
server's own Server-Timing header."""

import platform

import pytest

from app.dev import bench, bench_pages
from app.dev.bench_setup import build_database
from app.dev.server import start_server, stop_server
from app.dev.wrk import parse_wrk

# Measures time or loads the machine: runs alone, after the parallel part (Makefile).
pytestmark = pytest.mark.serial

WRK_REPORT = """Running 5s test @ http://127.0.0.1:8000/healthz
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.85ms    3.69ms 103.61ms   91.38%
  Latency Distribution
     50%    6.20ms
     75%    8.00ms
     90%   11.00ms
     99%    1.20s
  20875 requests in 5.00s, 10.71MB read
  Socket errors: connect 0, read 14, write 0, timeout 3
  Non-2xx or 3xx responses: 5
Requests/sec:   4172.77
"""


def test_wrk_report_is_read_with_latency_units_and_every_kind_of_error():
    result = parse_wrk(WRK_REPORT)
    assert result.requests_per_second == 4172.77
    assert (result.p50_ms, result.p99_ms) == (6.2, 1200.0)
    assert result.requests == 20875
    assert result.errors == 14 + 3 + 5
    assert result.mean_ms == 7.85
    assert result.consistent(32)  # 32 connections / 4 172.77 req/s = 7.7 ms


def test_wrk_latencies_that_its_rate_does_not_allow_are_flagged():
    """Two wrk threads at 256 connections on the 2-CPU VM: a mean of 383 ms at 6 169 req/s,
    where 256 waiting connections allow 41 ms."""
    report = WRK_REPORT.replace("7.85ms", "382.91ms").replace("4172.77", "6169.06")
    assert not parse_wrk(report).consistent(256)
    assert parse_wrk(report.replace("382.91ms", "42.76ms")).consistent(256)


def test_open_connections_counts_both_ends_until_closed():
    """What ``settle`` waits for before each wrk run (app.dev.server)."""
    import socket
    import time

    from app.dev.server import open_connections

    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        assert open_connections(port) == 0  # listening only
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        assert open_connections(port) == 2  # both ends, established
        client.close()
        assert open_connections(port) >= 1  # the server's end, not closed yet (CLOSE-WAIT)
        accepted.close()
        deadline = time.monotonic() + 5
        while open_connections(port) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert open_connections(port) == 0  # the client's TIME-WAIT does not count


def test_bench_drives_every_endpoint_with_wrk_without_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "SECONDS", 1)
    monkeypatch.setattr(bench, "ROUNDS", 1)
    url = build_database(f"sqlite:///{tmp_path / 'bench.db'}", reviews=200, learners=2)
    server = start_server(url, quiet=True)
    try:
        run = bench.throughput(server, connections=4)
        page_ms = bench_pages.server_times(server.url, "/questions", bench_pages_cookie(server), 2)
    finally:
        stop_server(server)
    assert set(run.results) == {"healthz", "review_next", "review_post"}
    assert all(r.requests > 0 and r.errors == 0 for r in run.results.values())
    assert run.ratio("review_next") > 0
    assert len(page_ms) == 2 and all(ms > 0 for ms in page_ms)


def bench_pages_cookie(server) -> str:  # type: ignore[no-untyped-def]
    from app.dev.bench_setup import learner_cookie

    return learner_cookie(server.url)[0]


def test_bench_describes_the_machine_and_client_it_ran_on():
    described = bench.describe_machine()
    assert f"Python {platform.python_version()}" in described and "SQLite 3." in described
    assert "wrk" in described


def test_bench_floor_probes_answer_only_for_a_signed_in_learner_on_both_databases(
    db_url, monkeypatch
):
    """The floor's probes (app.dev.floor) find the learner's session through SQLAlchemy and
    through the raw driver connection, so wrk's figures for them measure real lookups."""
    import httpx

    from app.dev import floor

    monkeypatch.setattr(bench, "SECONDS", 1)
    monkeypatch.setattr(bench, "ROUNDS", 1)
    server = start_server(db_url, quiet=True, factory="app.dev.floor:create_floor_app")
    try:
        lookups = [floor.PROBES["lookup"], floor.PROBES["lookup-dbapi"]]
        stranger = [httpx.get(server.url + path).status_code for path in lookups]
        results = bench.floor_ratios(server)
    finally:
        stop_server(server)
    assert stranger == [401, 401]  # no cookie: the lookup finds nothing, and says so
    assert set(results) == {"healthz", *floor.PROBES}
    assert all(r.requests > 0 and r.errors == 0 for r in results.values())
