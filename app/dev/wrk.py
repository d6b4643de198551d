"""Drive a server with ``wrk`` (a native load generator) and read its report.

One wrk thread, not two. On the 2-CPU development VM, with two threads at 256 connections
wrk reported latencies that cannot be true in 3 of 5 runs: ``/healthz`` at 6 244 requests/s
with a mean of 290 ms and p99 3.06 s, where 256 connections each waiting for its answer
allow a mean of only 256 / 6 244 = 41 ms (Little's law). One thread reported a mean of
42–44 ms and p99 105–115 ms in 5 of 5 runs at the same rate, and reached the same rate at
32 connections (7 253 vs 7 174 requests/s), so one thread is not what limits the server.
:meth:`WrkResult.consistent` repeats that check on every run.

Each run starts once the previous run's connections are gone. wrk ends a run by dropping
its connections and the server takes a moment to close its side (about 200 sockets in
CLOSE-WAIT just after a 256-connection run); a run started at once saw 121–203 segments
retransmitted and ~720 connections reset (/proc/net/snmp) and ``/healthz`` p99 3.8 s every
other run, against 0.1 s every run after the drain (:func:`wait_until_drained`)."""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SCRIPTS = Path(__file__).parent / "wrk"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers, connect/read/write errors and timeouts
    mean_ms: float = 0.0

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
    url: str,
    *,
    connections: int,
    seconds: float,
    cookie: str | None = None,
    script: str | None = None,
    env: dict[str, str] | None = None,
) -> WrkResult:
    """``wrk`` with one thread against ``url``; ``script`` names a Lua file in ``wrk/``."""
    command = [wrk_path(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "--latency"]  # fmt: skip
    wait_until_drained(urlsplit(url).port or 80)
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(SCRIPTS / script)]
    completed = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return parse_wrk(completed.stdout)


# TCP states in /proc/net/tcp: LISTEN stays; TIME-WAIT is the client's, kept 60 s, harmless.
_LISTEN, _TIME_WAIT = "0A", "06"


def wait_until_drained(port: int, timeout: float = 10.0) -> None:
    """Until no connection to or from ``port`` on this machine is open or closing (at most
    ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while open_connections(port) and time.monotonic() < deadline:
        time.sleep(0.05)


def open_connections(port: int) -> int:
    """Connections to or from ``port`` that are open or still closing (Linux)."""
    count = 0
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        try:
            rows = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, remote, state = row.split()[1:4]
            ports = {int(local.rsplit(":", 1)[1], 16), int(remote.rsplit(":", 1)[1], 16)}
            if port in ports and state not in (_LISTEN, _TIME_WAIT):
                count += 1
    return count


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
        mean_ms=_milliseconds(mean),
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
