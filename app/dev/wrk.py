"""Drive a server with ``wrk`` (a native load generator) and read its report.

One wrk thread, not two. On the 2-CPU development VM, with two threads at 256 connections
wrk reported latencies that cannot be true in 3 of 5 runs: ``/healthz`` at 6 244 requests/s
with a mean of 290 ms and p99 3.06 s, where 256 connections each waiting for its answer
allow a mean of only 256 / 6 244 = 41 ms (Little's law). One thread reported a mean of
42–44 ms and p99 105–115 ms in 5 of 5 runs at the same rate, and reached the same rate at
32 connections (7 253 vs 7 174 requests/s), so one thread is not what limits the server.
:meth:`WrkResult.consistent` repeats that check on every run.

Each run starts on a settled server (:func:`app.dev.server.settle`)."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from app.dev.server import LiveServer, settle

SCRIPTS = Path(__file__).parent / "wrk"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers, connect/read/write errors and timeouts
    mean_ms: float

    def consistent(self, connections: int) -> bool:
        """Whether wrk's mean latency agrees (within a factor of 1.5) with what its rate
        allows: with every connection always waiting for an answer, mean latency is
        connections / rate (Little's law)."""
        expected = connections / self.requests_per_second * 1000
        return expected / 1.5 <= self.mean_ms <= expected * 1.5


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("wrk is not installed: run `make wrk` (Debian: apt-get install wrk)")
    return found


def run_wrk(
    server: LiveServer,
    path: str,
    *,
    connections: int,
    seconds: float,
    cookie: str | None = None,
    script: str | None = None,
    env: dict[str, str] | None = None,
) -> WrkResult:
    """``wrk`` with one thread against ``path`` of ``server``, once the server has settled
    from whatever ran before; ``script`` names a Lua file in ``wrk/``."""
    command = [wrk_path(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "--latency"]  # fmt: skip
    settle(server)
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(SCRIPTS / script)]
    completed = subprocess.run(
        [*command, server.url + path],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return parse_wrk(completed.stdout)


def parse_wrk(report: str) -> WrkResult:
    """The figures of a ``wrk --latency`` report."""
    rate = float(_find(r"Requests/sec:\s+([\d.]+)", report))
    requests = int(_find(r"(\d+) requests in", report))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors = (sum(map(int, socket.groups())) if socket else 0) + (
        int(non_2xx.group(1)) if non_2xx else 0
    )
    mean = re.search(r"^\s+Latency\s+([\d.]+)(us|ms|s|m)\s", report, re.M)
    if mean is None:
        raise ValueError("no mean latency in the wrk report")
    return WrkResult(
        rate, _latency("50%", report), _latency("99%", report), requests, errors,
        _milliseconds(mean),
    )  # fmt: skip


def _latency(percentile: str, report: str) -> float:
    match = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s|m)\s*$", report, re.M)
    if match is None:
        raise ValueError(f"no {percentile} latency in the wrk report")
    return _milliseconds(match)


def _milliseconds(match: re.Match[str]) -> float:
    return float(match.group(1)) * _UNITS[match.group(2)]


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise ValueError(f"unexpected wrk report: {pattern!r} not found")
    return match.group(1)
