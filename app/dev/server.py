"""Run the app as a real server process on a free port (for e2e tests, benchmarks, load)."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

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
