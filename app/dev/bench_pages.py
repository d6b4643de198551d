"""Server time of every page on the shipped bank (the ``Server-Timing`` header)."""

import statistics
from pathlib import Path

import httpx

from app.dev.bench_setup import build_database, learner_cookie
from app.dev.server import start_server, stop_server

GOAL_MS = 15.0
SAMPLES = 5


def server_times(url: str, path: str, cookie: str, samples: int) -> list[float]:
    """Milliseconds the server spent on ``samples`` GETs of ``path``."""
    with httpx.Client(
        base_url=url, headers={"Cookie": cookie}, timeout=30, follow_redirects=True
    ) as client:
        client.get(path).raise_for_status()  # warm: templates compiled, caches filled
        return [_server_ms(client.get(path)) for _ in range(samples)]


def _server_ms(response: httpx.Response) -> float:
    response.raise_for_status()
    timing = response.headers["server-timing"]  # "app;dur=12.3"
    return float(timing.split("dur=", 1)[1])


def learner_pages(url: str, cookie: str) -> list[str]:
    """Every page a learner can open: each question and each drill included."""
    with httpx.Client(base_url=url, headers={"Cookie": cookie}, timeout=30) as client:
        questions = client.get("/api/v1/questions").json()["items"]
        templates = client.get("/api/v1/templates").json()
    return [
        "/", "/practice", "/questions", "/stats", "/mock", "/settings", "/drill",
        *(f"/questions/{q['id']}" for q in questions),
        *(f"/drill/{t['id']}" for t in templates),
    ]  # fmt: skip


def measure(url: str) -> dict[str, float]:
    cookie, _ = learner_cookie(url)
    return {
        path: statistics.median(server_times(url, path, cookie, SAMPLES))
        for path in learner_pages(url, cookie)
    }


def report(tmp: Path) -> None:
    url = build_database(f"sqlite:///{tmp / 'pages.db'}", reviews=0, learners=0)
    server = start_server(url, quiet=True)
    try:
        times = measure(server.url)
    finally:
        stop_server(server)
    slowest = sorted(times.items(), key=lambda item: -item[1])
    over = [path for path, ms in slowest if ms > GOAL_MS]
    print(
        f"\npages: median server time of {len(times)} pages (SQLite; goal ≤ {GOAL_MS:.0f} ms each)"
    )
    for path, ms in slowest[:5]:
        print(f"  {ms:6.1f} ms  {path}")
    print(
        f"  {len(over)} pages over {GOAL_MS:.0f} ms" + (f": {', '.join(over[:10])}" if over else "")
    )
