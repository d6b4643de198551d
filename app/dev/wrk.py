"""Drive a server with ``wrk`` (a native load generator) and read its report."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).parent / "wrk"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers, connect/read/write errors and timeouts


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
    """``wrk`` with two threads against ``url``; ``script`` names a Lua file in ``wrk/``."""
    command = [wrk_path(), "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "--latency"]  # fmt: skip
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
    return WrkResult(rate, _latency("50%", report), _latency("99%", report), requests, errors)


def _latency(percentile: str, report: str) -> float:
    match = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s|m)\s*$", report, re.M)
    if match is None:
        raise ValueError(f"no {percentile} latency in the wrk report")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise ValueError(f"unexpected wrk report: {pattern!r} not found")
    return match.group(1)
