"""A request waiting on a database lock holds one request slot and delays nobody else."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import create_engine, text

# Measures time or loads the machine: runs alone, after the parallel part (Makefile).
pytestmark = pytest.mark.serial

# Liveness bound from the issue: with one request stuck, others still answer this fast.
ANSWERS_WITHIN_SECONDS = 0.5


@contextmanager
def cards_locked(db_url: str) -> Iterator[None]:
    """Another connection holds an exclusive lock that blocks writes to ``cards``."""
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if db_url.startswith("sqlite"):
            conn.exec_driver_sql("BEGIN EXCLUSIVE")
        else:
            conn.exec_driver_sql("BEGIN")
            conn.execute(text("LOCK TABLE cards IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.exec_driver_sql("ROLLBACK")
    engine.dispose()


def _first_card(client: httpx.Client) -> int:
    """The learner's next card id; the first call also builds their deck (a write)."""
    response = client.get("/api/v1/review/next")
    assert response.status_code == 200, response.text
    return response.json()["card"]["card_id"]


def _review_in_background(
    client: httpx.Client, card_id: int, results: list[httpx.Response]
) -> threading.Thread:
    body = {"card_id": card_id, "rating": 3, "idempotency_key": "locked-review"}
    thread = threading.Thread(
        target=lambda: results.append(client.post("/api/v1/review", json=body))
    )
    thread.start()
    return thread


def _timed_get(client: httpx.Client, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = client.get(path).status_code
    return status, time.perf_counter() - started


def test_waiting_review_delays_neither_healthz_nor_other_learners(serve, guest, db_url):
    server = serve(BACKPROP_DB_LOCK_TIMEOUT_MS="20000")
    waiting, other = guest(server), guest(server)
    card_id = _first_card(waiting)
    other.get("/questions")  # warm: templates compiled
    results: list[httpx.Response] = []
    with cards_locked(db_url):
        thread = _review_in_background(waiting, card_id, results)
        time.sleep(0.3)  # the review has reached the lock and waits on it
        assert thread.is_alive(), "the review should be waiting on the lock"
        # PostgreSQL's ACCESS EXCLUSIVE blocks even reads of cards, so the other learner
        # browses the bank, which reads no cards.
        health, health_seconds = _timed_get(other, "/healthz")
        page, page_seconds = _timed_get(other, "/questions")
        assert thread.is_alive()
    thread.join(timeout=30)
    assert (health, page) == (200, 200)
    assert max(health_seconds, page_seconds) < ANSWERS_WITHIN_SECONDS
    assert [r.status_code for r in results] == [200]  # the lock went away: the review landed


def test_lock_held_past_the_lock_timeout_is_a_clear_503(serve, guest, db_url):
    server = serve(BACKPROP_DB_LOCK_TIMEOUT_MS="300")
    client = guest(server)
    card_id = _first_card(client)
    results: list[httpx.Response] = []
    with cards_locked(db_url):
        _review_in_background(client, card_id, results).join(timeout=30)
    assert results[0].status_code == 503
    assert results[0].headers["retry-after"] == "1"
    assert "busy" in results[0].json()["detail"]
    retry = {"card_id": card_id, "rating": 3, "idempotency_key": "locked-review"}
    assert client.post("/api/v1/review", json=retry).status_code == 200  # nothing half-applied


def test_every_slot_busy_is_a_bounded_wait_then_503(serve, guest, db_url):
    server = serve(
        BACKPROP_DB_POOL_SIZE="1",
        BACKPROP_DB_WAIT_SECONDS="0.3",
        BACKPROP_DB_LOCK_TIMEOUT_MS="5000",
    )
    waiting, other = guest(server), guest(server)
    card_id, _ = _first_card(waiting), _first_card(other)
    results: list[httpx.Response] = []
    with cards_locked(db_url):
        thread = _review_in_background(waiting, card_id, results)
        time.sleep(0.3)
        busy = other.get("/questions")
        health = other.get("/healthz")
    thread.join(timeout=30)
    assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
    assert "every database connection is in use" in busy.text
    assert health.status_code == 200
    assert other.get("/api/v1/review/next").status_code == 200  # the slot came back
