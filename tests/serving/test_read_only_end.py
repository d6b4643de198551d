"""A request's transaction that only read ends with COMMIT on PostgreSQL (app.db.end_read_only),
so psycopg keeps its prepared statements; anything that wrote or failed still ends in a
rollback, and SQLite sessions end as before."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db import end_read_only, make_engine, make_session_factory
from app.models import User

T0 = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def sessions(db_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def _guest() -> User:
    return User(role="learner", is_guest=True, created_at=T0)


def test_a_read_ends_with_commit_on_postgresql_and_keeps_statements_prepared(sessions, backend):
    for _ in range(8):  # psycopg prepares a statement from its 6th run on a connection
        with sessions() as session:
            _users(session)
            end_read_only(session)
            assert session.in_transaction() == (backend == "sqlite")
    if backend == "postgresql":
        with sessions() as session:
            prepared = session.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
        # Ended by the session's ROLLBACK instead, psycopg deallocates them every time: 0.
        assert prepared is not None and prepared >= 1


def test_a_flushed_write_is_not_committed(sessions):
    with sessions() as session:
        before = _users(session)
    with sessions() as session:
        session.add(_guest())
        session.flush()
        end_read_only(session)
        assert session.in_transaction()  # left to the rollback of close
    with sessions() as session:
        assert _users(session) == before


def test_changes_not_flushed_are_not_committed(sessions):
    with sessions() as session:
        before = _users(session)
        session.add(_guest())
        end_read_only(session)
        assert session.new and session.in_transaction()
    with sessions() as session:
        assert _users(session) == before


def test_a_failed_statement_leaves_the_transaction_to_its_rollback(sessions):
    with sessions() as session:
        _users(session)
        with pytest.raises(DBAPIError):
            session.execute(text("SELECT * FROM no_such_table"))
        end_read_only(session)
        assert session.in_transaction()


def test_practice_requests_leave_the_connection_clean_and_its_statements_prepared(client, backend):
    """Through the app (both ways a request gets a session: ``run_in_session`` for the next
    card, ``get_db`` for the settings page's API)."""
    assert client.post("/api/v1/auth/guest").status_code == 201
    for _ in range(8):
        assert client.get("/api/v1/review/next").status_code == 200
        assert client.get("/api/v1/me/settings").status_code == 200
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:  # one request at a time: the one pooled connection
        if backend == "postgresql":
            prepared = connection.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
            assert prepared is not None and prepared >= 3
        else:
            assert not connection.connection.dbapi_connection.in_transaction
