"""Two server processes on one database: a learner's session moves freely between them."""

import httpx
import pytest

from app.dev.server import start_server, stop_server

# Measures time or loads the machine: runs alone, after the parallel part (Makefile).
pytestmark = pytest.mark.serial


@pytest.fixture
def two_servers(db_url):
    first = start_server(db_url, BACKPROP_SRS_FUZZING="false")
    second = start_server(db_url, BACKPROP_SRS_FUZZING="false")
    yield first, second
    stop_server(first)
    stop_server(second)


def test_session_reviews_and_undo_continue_across_processes(two_servers):
    first, second = two_servers
    with (
        httpx.Client(base_url=first.url, timeout=30) as a,
        httpx.Client(base_url=second.url, timeout=30) as b,
    ):
        _continue_across(a, b)


def _continue_across(a: httpx.Client, b: httpx.Client) -> None:
    a.post(
        "/api/v1/auth/register", json={"email": "both@example.com", "password": "two processes"}
    ).raise_for_status()
    b.cookies.set("bp_session", a.cookies["bp_session"])
    assert b.get("/api/v1/me").json()["email"] == "both@example.com"
    card = a.get("/api/v1/review/next").json()["card"]
    assert b.get("/api/v1/review/next").json()["card"]["card_id"] == card["card_id"]
    first_result = b.post(
        "/api/v1/review", json={"card_id": card["card_id"], "rating": 3, "idempotency_key": "x1"}
    ).json()
    # the retry lands on the other process: still one review
    assert (
        a.post(
            "/api/v1/review",
            json={"card_id": card["card_id"], "rating": 3, "idempotency_key": "x1"},
        ).json()
        == first_result
    )
    assert a.get("/api/v1/stats").json()["reviews_today"] == 1
    assert a.post("/api/v1/review/undo").json()["card_id"] == card["card_id"]
    assert b.get("/api/v1/review/next").json()["card"]["card_id"] == card["card_id"]
    # logging out on one process ends the session on both
    assert b.post("/api/v1/auth/logout").status_code == 204
    assert a.get("/api/v1/me").status_code == 401


def test_login_throttle_is_shared_by_processes(two_servers):
    first, second = two_servers
    httpx.post(
        f"{first.url}/api/v1/auth/register",
        json={"email": "t@example.com", "password": "right password"},
    )
    # Failures alternate between the processes; past five, each one delays the next attempt
    # (1 s, 2 s, 4 s ...), so however slow the machine, a guess soon meets a delay.
    statuses = []
    for index in range(12):
        server = (first, second)[index % 2]
        statuses.append(
            httpx.post(
                f"{server.url}/api/v1/auth/login",
                json={"email": "t@example.com", "password": "wrong one!"},
            ).status_code
        )
        if statuses[-1] == 429:
            break
    assert statuses[:5] == [401] * 5 and statuses[-1] == 429
    blocked = httpx.post(
        f"{second.url}/api/v1/auth/login",
        json={"email": "t@example.com", "password": "right password"},
    )
    assert blocked.status_code == 429 and 0 < int(blocked.headers["retry-after"]) <= 60


def test_mock_interview_continues_across_processes(two_servers):
    first, second = two_servers
    with (
        httpx.Client(base_url=first.url, timeout=30) as a,
        httpx.Client(base_url=second.url, timeout=30) as b,
    ):
        a.post("/api/v1/auth/guest").raise_for_status()
        b.cookies.set("bp_session", a.cookies["bp_session"])
        mock = a.post(
            "/api/v1/mock", json={"count": 2, "seconds_per_question": 120, "numeric": False}
        ).json()
        shown = a.post(f"/api/v1/mock/{mock['id']}/current").json()  # starts its clock
        # the other process sees the same item with the same deadline (it lives in the database)
        again = b.get(f"/api/v1/mock/{mock['id']}/current").json()
        assert (again["index"], again["deadline"]) == (shown["index"], shown["deadline"])
        assert b.post(
            f"/api/v1/mock/{mock['id']}/answer",
            json={"index": 0, "answer": "weights and gradients"},
        ).json()["accepted"]
        assert (
            a.post(
                f"/api/v1/mock/{mock['id']}/answer", json={"index": 0, "answer": "again"}
            ).status_code
            == 409
        )
        assert a.get(f"/api/v1/mock/{mock['id']}/current").json()["index"] == 1
        report = b.post(f"/api/v1/mock/{mock['id']}/finish").json()
        assert report["items"][0]["answer"] == "weights and gradients"
