"""`make load`: 50 learners reviewing at once for a minute, with a SIGKILL in the middle.

Every review the server acknowledged must be in the database afterwards, and the database
must pass its integrity check. Clients retry a review with the same idempotency key when
the connection drops, as a real client would, so a retry never records a review twice.
"""

import asyncio
import os
import random
import signal
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import func, select, text

from app.config import Settings
from app.db import make_engine, make_session_factory
from app.dev.server import LiveServer, free_port, start_server, stop_server
from app.models import ReviewLog
from app.startup import prepare_database

KILL_AFTER_REVIEWS = 20


@dataclass
class Tally:
    acknowledged: dict[str, int] = field(default_factory=dict)  # idempotency key → review id
    errors: list[str] = field(default_factory=list)
    retries: int = 0
    restarted: bool = False
    acknowledged_after_restart: int = 0


@dataclass
class Window:
    """When the learners stop. The kill waits for reviews to flow and the window is kept
    open for a while after the restart, so what is measured is that no acknowledged review
    is lost, not how fast a server starts on a busy machine."""

    end: float


async def _send(
    client: httpx.AsyncClient, tally: Tally, method: str, path: str, window: Window, **kwargs
) -> httpx.Response | None:  # type: ignore[no-untyped-def]
    """One request, retried while the server is down (connection errors only)."""
    while time.monotonic() < window.end + 30:
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.TransportError:
            tally.retries += 1
            await asyncio.sleep(0.2)
            continue
        if response.status_code >= 400:
            tally.errors.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
            return None
        return response
    tally.errors.append(f"{method} {path}: server unreachable")
    return None


async def learner(url: str, tally: Tally, window: Window, seed: int) -> None:
    """A quick learner: a moment per card, Again a quarter of the time, for the whole run.

    The daily limits are raised so the deck never runs dry before the deadline: the server
    must be under load when it is killed."""
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        if await _send(client, tally, "POST", "/api/v1/auth/guest", window) is None:
            return
        settings = await _send(client, tally, "GET", "/api/v1/me/settings", window)
        if settings is None:
            return
        unlimited = {**settings.json(), "new_per_day": 500, "max_reviews_per_day": 5000}
        await _send(client, tally, "PUT", "/api/v1/me/settings", window, json=unlimited)
        while time.monotonic() < window.end:
            nxt = await _send(client, tally, "GET", "/api/v1/review/next", window)
            card = nxt.json()["card"] if nxt is not None else None
            if card is None:  # nothing due right now
                await asyncio.sleep(1)
                continue
            await asyncio.sleep(rng.uniform(0.05, 0.15))  # reading the card
            key = uuid.uuid4().hex
            rating = 1 if rng.random() < 0.25 else 3
            # A rating alone, numeric cards included (a learner may skip typing the number).
            body = {"card_id": card["card_id"], "rating": rating, "idempotency_key": key}
            reviewed = await _send(client, tally, "POST", "/api/v1/review", window, json=body)
            if reviewed is not None:
                tally.acknowledged[key] = reviewed.json()["review_id"]
                tally.acknowledged_after_restart += tally.restarted


async def _killer(
    server: LiveServer, tally: Tally, window: Window, seconds: float, port: int
) -> LiveServer:
    """SIGKILL half-way — once every learner has had reviews acknowledged — then restart
    on the same port and keep the learners going for the other half."""
    await asyncio.sleep(seconds / 2)
    while len(tally.acknowledged) < KILL_AFTER_REVIEWS and time.monotonic() < window.end:
        await asyncio.sleep(0.05)  # (a server that never acknowledges fails the checks)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    restarted = await asyncio.to_thread(start_server, server.database_url, port=port)
    tally.restarted = True
    window.end = max(window.end, time.monotonic() + seconds / 2)
    return restarted


async def run(database_url: str, learners: int, seconds: float) -> tuple[Tally, LiveServer]:
    port = free_port()
    server = start_server(database_url, port=port)
    tally = Tally()
    window = Window(time.monotonic() + seconds)
    killer = asyncio.create_task(_killer(server, tally, window, seconds, port))
    await asyncio.gather(*(learner(server.url, tally, window, seed) for seed in range(learners)))
    return tally, await killer


def verify(database_url: str, tally: Tally) -> list[str]:
    """Problems: acknowledged reviews missing from the database, a damaged database."""
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        stored = dict(
            session.execute(
                select(ReviewLog.idempotency_key, ReviewLog.id).where(
                    ReviewLog.idempotency_key.in_(list(tally.acknowledged))
                )
            ).all()
        )
        total = session.scalar(select(func.count()).select_from(ReviewLog)) or 0
        integrity = (
            session.execute(text("PRAGMA integrity_check")).scalar()
            if database_url.startswith("sqlite")
            else "ok"
        )
    engine.dispose()
    problems = [
        f"acknowledged review {key} ({rid}) is missing"
        for key, rid in tally.acknowledged.items()
        if stored.get(key) != rid
    ]
    if integrity != "ok":
        problems.append(f"integrity check: {integrity}")
    if total < len(tally.acknowledged):
        problems.append(f"{total} reviews stored, {len(tally.acknowledged)} acknowledged")
    return problems


def main(learners: int = 50, seconds: float = 60.0) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BACKPROP_LOAD_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'load.db'}"
        prepare_database(Settings(database_url=url))
        tally, server = asyncio.run(run(url, learners, seconds))
        stop_server(server)
        problems = verify(url, tally) + tally.errors
    print(f"{learners} learners, {seconds:.0f} s, server SIGKILLed and restarted half-way")
    print(
        f"acknowledged reviews: {len(tally.acknowledged)}, retries after the kill: {tally.retries}"
    )
    print(
        "\n".join(problems[:20])
        if problems
        else "no errors; every acknowledged review is in the database; integrity ok"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(
        main(
            int(os.environ.get("LOAD_LEARNERS", "50")), float(os.environ.get("LOAD_SECONDS", "60"))
        )
    )
