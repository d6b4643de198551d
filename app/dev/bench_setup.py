"""Databases and learners for `make bench`."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from app.accounts import service as accounts
from app.config import Settings
from app.db import make_engine, make_session_factory, utcnow
from app.dev.synthetic import seed_synthetic
from app.models import User
from app.startup import prepare_database
from app.web.auth import COOKIE_NAME


def build_database(url: str, *, reviews: int, learners: int) -> str:
    """Migrate ``url``, load the shipped bank, and add synthetic learners with history."""
    prepare_database(Settings(database_url=url))
    if not learners:
        return url
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        seed_synthetic(session, learners=learners, reviews=reviews, now=utcnow())
    engine.dispose()
    return url


def synthetic_cookie(url: str) -> str:
    """A session cookie for the first synthetic learner (their share of the history)."""
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        user = session.scalars(select(User).where(User.email == "synthetic0@example.com")).one()
        token = accounts.open_session(session, user=user, now=utcnow()).token
        session.commit()
    engine.dispose()
    return f"{COOKIE_NAME}={token}"


def learner_cookie(server_url: str) -> tuple[str, int]:
    """A new guest with lifted daily limits: their session cookie and their next card."""
    with httpx.Client(base_url=server_url, timeout=30) as client:
        client.post("/api/v1/auth/guest").raise_for_status()
        current = client.get("/api/v1/me/settings").json()
        lifted = {**current, "new_per_day": 500, "max_reviews_per_day": 5000}
        client.put("/api/v1/me/settings", json=lifted).raise_for_status()
        card_id = client.get("/api/v1/review/next").json()["card"]["card_id"]
        return f"{COOKIE_NAME}={client.cookies[COOKIE_NAME]}", card_id


@contextmanager
def fresh_postgres(admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database next to ``admin_url``'s, dropped afterwards."""
    name = f"bp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
