"""A ServiceError that a route does not handle becomes its status and reason."""

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.errors import ServiceError
from app.web.app import create_app


@pytest.fixture
def app_with_failing_routes(settings: Settings):
    app = create_app(settings)

    @app.get("/api/v1/failing")
    def failing_api() -> None:
        raise ServiceError(409, "topic: already taken", retry_after=7)

    @app.get("/failing")
    def failing_page() -> None:
        raise ServiceError(404, "no such <thing>")

    yield app
    app.state.engine.dispose()


def test_service_error_in_the_api_is_json_with_status_reason_and_retry_after(
    app_with_failing_routes,
):
    with TestClient(app_with_failing_routes) as client:
        response = client.get("/api/v1/failing")
    assert response.status_code == 409
    assert response.json() == {"detail": "topic: already taken"}
    assert response.headers["retry-after"] == "7"


def test_service_error_on_a_page_is_the_error_page_with_the_reason_escaped(
    app_with_failing_routes,
):
    with TestClient(app_with_failing_routes) as client:
        response = client.get("/failing", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "no such &lt;thing&gt;" in response.text
