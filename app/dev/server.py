"""Run the app as a real server process on a free port (for e2e tests, benchmarks, load)."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]


def start_server(
    database_url: str,
    *,
    workers: int = 1,
    port: int | None = None,
    quiet: bool = False,
    log_path: str | None = None,
    factory: str | None = None,
    **env: str,
) -> LiveServer:
    """``uvicorn app.web.main:app`` against ``database_url``; returns once /healthz answers.

    ``quiet`` sends the server's log lines to /dev/null instead of this terminal (they are
    still formatted and written, so benchmarks pay for them as production does); ``log_path``
    sends them to that file instead. ``factory`` ("module:function") serves the app that
    function returns instead (``make bench``'s probes, app.dev.floor)."""
    port = port or free_port()
    environment = {**os.environ, "BACKPROP_DATABASE_URL": database_url, **env}
    target = ["--factory", factory] if factory else ["app.web.main:app"]
    command = [sys.executable, "-m", "uvicorn", *target, "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning", "--no-access-log", "--workers", str(workers)]  # fmt: skip
    stderr = open(log_path, "ab") if log_path else (subprocess.DEVNULL if quiet else None)  # noqa: SIM115
    try:
        process = subprocess.Popen(command, env=environment, stderr=stderr)
    finally:
        if log_path:
            stderr.close()  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return LiveServer(url, database_url, process)
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start within 60 s")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def settle(server: LiveServer, timeout: float = 10.0) -> None:
    """Until ``server`` is quiet (at most ``timeout`` seconds): no connection to its port
    open or closing, and its process idle (under 5 % of a CPU for 100 ms).

    A load run that has just ended leaves the server closing its side of the connections
    (about 200 sockets in CLOSE-WAIT after 256 connections) and finishing the requests
    queued on them (0.6 s of CPU after POST review at 256). A wrk run started at once met
    a busy server with its connections' first packets retransmitted 1 and 3 s later: on the
    development VM ``/healthz`` p99 3.8 s and a mean wrk's own rate rules out, every other
    run; settled, 0.1 s every run. Says so on stderr when the server never settles."""
    port = urlsplit(server.url).port or 80
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cpu = _cpu_seconds(server.process.pid)
        time.sleep(0.1)
        busy = _cpu_seconds(server.process.pid) - cpu > 0.005
        if not busy and not open_connections(port):
            return
    print(f"warning: {server.url} still busy after {timeout:.0f} s; measuring anyway",
          file=sys.stderr)  # fmt: skip


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by process ``pid`` and its children (uvicorn's workers; Linux,
    0 where /proc is not)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


# TCP states in /proc/net/tcp: LISTEN stays; TIME-WAIT is the client's, kept 60 s, harmless.
_LISTEN, _TIME_WAIT = "0A", "06"


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
