"""Shared fixtures: databases migrated by alembic on SQLite and (when configured) PostgreSQL."""

from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.accounts import passwords
from app.bank import service as bank_service
from app.bank.validate import read_bank
from app.config import PROJECT_ROOT, Settings
from app.db import make_engine, make_session_factory, session_scope
from app.migrate import upgrade
from tests.databases import PostgresDatabases, SQLiteDatabases

BANK_DIR = PROJECT_ROOT / "questions"


@cache
def bank_size() -> tuple[int, int]:
    """(questions, topic files) of the shipped bank, so count assertions follow the data."""
    files = read_bank(BANK_DIR)
    return sum(len(f.bank_file.questions) for f in files), len(files)


_POSTGRES_URL = Settings().test_postgres_url
BACKENDS = ["sqlite", "postgresql"] if _POSTGRES_URL else ["sqlite"]


# One pass over 1 MiB: the suite registers and logs in hundreds of times, and the server's
# parameters (64 MiB, 3 passes) cost ~0.1-0.5 s a hash here. Servers the tests start run
# with the real ones (tests/accounts/test_passwords.py).
_TEST_HASH_PARAMETERS = replace(passwords.PARAMETERS, time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    passwords.use_parameters(_TEST_HASH_PARAMETERS)
    yield
    passwords.use_parameters(passwords.PARAMETERS)


def _migrate(url: str) -> None:
    upgrade(url)


def _migrate_and_load(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    with session_scope(make_session_factory(engine)) as session:
        bank_service.load(session, BANK_DIR)
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteDatabases]:
    databases = SQLiteDatabases(tmp_path_factory.mktemp("databases"))
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases | None]:
    if not _POSTGRES_URL:
        yield None
        return
    databases = PostgresDatabases(_POSTGRES_URL)
    yield databases
    databases.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def _clone(request: pytest.FixtureRequest, backend: str, name: str, prepare) -> Iterator[str]:
    if backend == "sqlite":
        yield request.getfixturevalue("sqlite_databases").clone(name, prepare)
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    url = databases.clone(name, prepare)
    yield url
    databases.drop(url)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str) -> Iterator[str]:
    """A database migrated to head with the real bank loaded."""
    yield from _clone(request, backend, "bank", _migrate_and_load)


@pytest.fixture(scope="session")
def shared_db_url(sqlite_databases: SQLiteDatabases) -> str:
    """One SQLite database with the bank for this test process, for tests that only add
    guests of their own to it (the browser tests marked ``guests_only``)."""
    return sqlite_databases.clone("bank", _migrate_and_load)


@pytest.fixture
def empty_db_url(request: pytest.FixtureRequest, backend: str) -> Iterator[str]:
    """A database migrated to head with no rows."""
    yield from _clone(request, backend, "empty", _migrate)


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as s:
        yield s


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    from app.web.app import create_app

    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


@pytest.fixture
def bank_dir() -> Path:
    return BANK_DIR
