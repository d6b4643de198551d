"""Schemathesis against /openapi.json, as a learner and as an admin: no input gives a 5xx."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from app.accounts import service as accounts
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.web.app import create_app

EXAMPLES_PER_OPERATION = 12


@dataclass
class FuzzTarget:
    app: object
    learner_cookie: str
    admin_cookie: str


@pytest.fixture(scope="module")
def fuzz_target(sqlite_databases) -> Iterator[FuzzTarget]:
    from tests.conftest import _migrate_and_load

    url = sqlite_databases.clone("bank", _migrate_and_load)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        accounts.create_admin(
            session, email="fuzz-admin@example.com", password="fuzz-password", now=datetime.now(UTC)
        )
    engine.dispose()
    app = create_app(Settings(database_url=url, srs_fuzzing=False))
    with TestClient(app) as client:
        client.post("/api/v1/auth/guest").raise_for_status()
        learner = client.cookies["bp_session"]
        client.cookies.clear()
        client.post(
            "/api/v1/auth/login",
            json={"email": "fuzz-admin@example.com", "password": "fuzz-password"},
        ).raise_for_status()
        admin = client.cookies["bp_session"]
    yield FuzzTarget(app, learner, admin)
    app.state.engine.dispose()  # type: ignore[attr-defined]


def _fuzz(target: FuzzTarget, cookie: str) -> tuple[list[str], set[str]]:
    """Every operation, up to EXAMPLES_PER_OPERATION generated requests each: the 5xx found
    and the operations exercised."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", target.app)
    failures: list[str] = []
    exercised: set[str] = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        # Logging out (or deleting the account) would end the session the other examples
        # share; both have their own tests.
        shared_session_enders = ("/auth/logout", "/me/delete")
        headers = (
            {}
            if operation.path.endswith(shared_session_enders)
            else {"Cookie": f"bp_session={cookie}"}
        )

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case) -> None:  # type: ignore[no-untyped-def]
            # Called right below, inside this iteration, so the loop variables are current.
            response = case.call(headers=headers)  # noqa: B023
            exercised.add(f"{case.method} {operation.path}")  # noqa: B023
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}"
                )

        exercise()
    return failures, exercised


def test_api_as_learner_never_answers_5xx(fuzz_target: FuzzTarget):
    failures, exercised = _fuzz(fuzz_target, fuzz_target.learner_cookie)
    assert failures == []
    assert {
        "POST /api/v1/review",
        "GET /api/v1/review/next",
        "POST /api/v1/templates/{template_id}/check",
    } <= exercised


def test_api_as_admin_never_answers_5xx(fuzz_target: FuzzTarget):
    failures, exercised = _fuzz(fuzz_target, fuzz_target.admin_cookie)
    assert failures == []
    assert len(exercised) >= 15
