"""Logging in as an admin or a learner in tests, and small shared helpers."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.accounts import service as accounts
from app.models import User
from tests.factories import T0

ADMIN_EMAIL = "admin@example.com"
PASSWORD = "correct horse battery"


def make_admin(session: Session, email: str = ADMIN_EMAIL) -> User:
    return accounts.create_admin(session, email=email, password=PASSWORD, now=T0)


def login(client: TestClient, email: str, password: str = PASSWORD) -> None:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text


def login_admin(client: TestClient, session: Session, email: str = ADMIN_EMAIL) -> User:
    admin = make_admin(session, email)
    login(client, email)
    return admin


def login_learner(client: TestClient, email: str = "learner@example.com") -> dict:
    response = client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return response.json()


def csrf(client: TestClient) -> str:
    """The session's CSRF token, read from a page's meta tag."""
    page = client.get("/admin").text
    marker = '<meta name="csrf-token" content="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]
