"""Authorization matrix: anonymous, guest, learner and admin against every admin route."""

from fastapi.testclient import TestClient

from app.web.api import admin as admin_api
from app.web.pages import admin as admin_pages
from tests.admin.helpers import login_admin, login_learner

QID = "cnn-layers"


def _routes() -> list[tuple[str, str, str]]:
    found = []
    routers = [("api", admin_api.router)]
    routers += [("page", section.router) for section in admin_pages.SECTIONS]
    for kind, router in routers:
        for route in router.routes:
            for method in sorted(route.methods - {"HEAD"}):
                found.append((kind, method, route.path))
    return found


ROUTES = _routes()


def _url(path: str, user_id: int) -> str:
    return path.format(
        question_id=QID,
        version=1,
        template_id="conv_output_size",
        user_id=user_id,
        fmt="gift",
        flag_id=1,
    )


def _statuses(client: TestClient, user_id: int) -> list[tuple[str, str, str, int, str]]:
    results = []
    for kind, method, path in ROUTES:
        response = client.request(method, _url(path, user_id), follow_redirects=False)
        results.append(
            (kind, method, path, response.status_code, response.headers.get("location", ""))
        )
    return results


def test_admin_routes_are_all_covered():
    paths = {path for _, _, path in ROUTES}
    assert len(ROUTES) >= 35
    assert all(p.startswith(("/api/v1/admin/", "/admin")) for p in paths)
    assert {
        "/admin",
        "/admin/questions/{question_id}",
        "/api/v1/admin/questions/{question_id}",
    } <= paths


def test_admin_routes_refuse_anonymous_visitors(client):
    for kind, method, path, status, location in _statuses(client, 1):
        if kind == "api":
            assert status == 401, (method, path, status)
        else:
            assert status == 303 and location.startswith("/login?next="), (method, path, status)


def test_admin_routes_refuse_guests(client):
    assert client.post("/api/v1/auth/guest").status_code == 201
    for kind, method, path, status, _ in _statuses(client, 1):
        expected = 401 if kind == "api" else 303
        assert status == expected, (method, path, status)


def test_admin_routes_refuse_learners_with_403(client):
    learner = login_learner(client)
    for _, method, path, status, _ in _statuses(client, learner["id"]):
        assert status == 403, (method, path, status)


def test_admin_routes_let_admins_in(client, session):
    login_admin(client, session)
    other = TestClient(client.app)
    learner = login_learner(other)
    for _, method, path, status, _ in _statuses(client, learner["id"]):
        assert status not in (401, 403) and status < 500, (method, path, status)
    other.close()
