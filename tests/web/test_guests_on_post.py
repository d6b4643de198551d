"""Looking at pages creates nothing: a guest is created by the POST that starts practice."""

import re

import pytest
from sqlalchemy import func, select

from app.models import Card, User


def _users(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(User))


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("path", ["/", "/practice", "/stats", "/mock", "/settings"])
def test_anonymous_page_views_create_no_guest_and_lead_to_the_start(client, sessions, path):
    for _ in range(5):
        client.cookies.clear()
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/welcome?next=")
    assert _users(sessions) == 0
    welcome = client.get(path)
    assert welcome.status_code == 200 and "Start practising" in welcome.text
    assert _users(sessions) == 0


@pytest.mark.parametrize("path", ["/questions", "/login", "/register", "/welcome"])
def test_anonymous_visitors_can_browse_and_log_in_without_a_guest(client, sessions, path):
    assert client.get(path).status_code == 200
    assert _users(sessions) == 0


def test_start_practising_is_a_post_that_creates_one_guest_with_a_deck(client, sessions):
    welcome = client.get("/welcome?next=/practice")
    started = client.post(
        "/welcome",
        data={"csrf_token": _token(welcome.text), "next": "/practice"},
        follow_redirects=False,
    )
    assert started.status_code == 303 and started.headers["location"] == "/practice"
    assert client.get("/practice").status_code == 200
    assert _users(sessions) == 1
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Card)) > 0


def test_start_practising_refuses_a_forged_form(client, sessions):
    client.get("/welcome")
    forged = client.post("/welcome", data={"csrf_token": "guessed", "next": "/"})
    assert forged.status_code == 403
    assert _users(sessions) == 0


def test_start_practising_never_redirects_off_site(client):
    welcome = client.get("/welcome")
    started = client.post(
        "/welcome",
        data={"csrf_token": _token(welcome.text), "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert started.headers["location"] == "/"


def test_login_form_works_for_a_visitor_without_a_session(client, sessions):
    client.post("/api/v1/auth/register", json={"email": "a@b.co", "password": "long enough"})
    client.cookies.clear()
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"csrf_token": _token(page.text), "email": "a@b.co", "password": "long enough"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert _users(sessions) == 1
