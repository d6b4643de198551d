"""GET never changes an interview: no clock starts, nothing times out, nothing finishes."""

import pytest
from sqlalchemy import select

from app.models import MockInterview, MockItem
from tests.mock.helpers import Clock


@pytest.fixture
def clock(client):
    clock = Clock()
    client.app.state.clock = clock
    client.post("/api/v1/auth/guest")
    return clock


def _state(sessions, interview_id):
    with sessions() as s:
        items = s.scalars(
            select(MockItem)
            .where(MockItem.interview_id == interview_id)
            .order_by(MockItem.position)
        ).all()
        finished = s.get(MockInterview, interview_id).finished_at
        return finished, [(i.shown_at, i.deadline, i.timed_out) for i in items]


def _create(client, count=2):
    body = {"count": count, "seconds_per_question": 60, "numeric": False}
    return client.post("/api/v1/mock", json=body).json()["id"]


def test_mock_get_current_starts_no_clock_and_shows_no_prompt(client, clock, sessions):
    interview = _create(client)
    before = _state(sessions, interview)
    peeked = client.get(f"/api/v1/mock/{interview}/current").json()
    page = client.get(f"/mock/{interview}")
    assert _state(sessions, interview) == before and before[1][0] == (None, None, False)
    assert peeked["index"] == 0 and peeked["started"] is False and peeked["prompt"] is None
    assert page.status_code == 200 and "Start question 1" in page.text
    shown = client.post(f"/api/v1/mock/{interview}/current").json()
    assert shown["started"] is True and shown["prompt"] and shown["seconds_left"] == 60


def test_mock_get_after_the_deadline_times_nothing_out_and_finishes_nothing(
    client, clock, sessions
):
    interview = _create(client, count=1)
    client.post(f"/api/v1/mock/{interview}/current")
    clock.advance(seconds=600)
    before = _state(sessions, interview)
    peeked = client.get(f"/api/v1/mock/{interview}/current").json()
    page = client.get(f"/mock/{interview}")
    assert _state(sessions, interview) == before and before[0] is None
    assert peeked["index"] == 0 and peeked["seconds_left"] == 0 and not peeked["finished"]
    assert page.status_code == 200
    finished = client.post(f"/api/v1/mock/{interview}/current").json()
    assert finished["finished"] is True
    assert _state(sessions, interview)[0] == clock.now


def test_mock_page_start_button_posts_and_starts_the_clock(client, clock, sessions):
    interview = _create(client)
    page = client.get(f"/mock/{interview}")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    clock.advance(seconds=5)
    started = client.post(
        f"/mock/{interview}/next", data={"csrf_token": token}, follow_redirects=False
    )
    assert started.status_code == 303 and started.headers["location"].endswith(f"/mock/{interview}")
    shown_at = _state(sessions, interview)[1][0][0]
    assert shown_at == clock.now
    assert "Time left" in client.get(f"/mock/{interview}").text
