"""Personal access tokens through the API: shown once, stored hashed, Bearer with the
learner's rights and no CSRF, revocation and expiry give 401, admin scope, hostile input."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.accounts import tokens
from app.accounts.service import token_hash
from app.accounts.tokens import MAX_ACTIVE_TOKENS
from app.models import ApiToken, User
from tests.admin.helpers import PASSWORD, login_admin, login_learner


def _create(client, **body):
    response = client.post("/api/v1/me/tokens", json={"name": "script", **body})
    assert response.status_code == 201, response.text
    return response.json()


def _bearer(client, secret: str) -> TestClient:
    """A client with no cookie that sends ``secret`` as a Bearer token."""
    script = TestClient(client.app)
    script.headers["Authorization"] = f"Bearer {secret}"
    return script


def test_token_acts_as_the_learner_without_a_cookie(client, session):
    me = login_learner(client)
    created = _create(client, name="  laptop   script ")
    assert created["token"].startswith("bp_") and created["name"] == "laptop script"
    assert created["hint"] == created["token"][:11] and created["admin"] is False
    script = _bearer(client, created["token"])
    assert script.get("/api/v1/me").json()["id"] == me["id"]
    card = script.get("/api/v1/review/next").json()["card"]
    review = script.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 3})
    assert review.status_code == 200
    assert client.get("/api/v1/stats").json()["reviews_today"] == 1
    row = session.scalars(select(ApiToken)).one()
    assert row.token_hash == token_hash(created["token"]) != created["token"]
    listed = client.get("/api/v1/me/tokens").json()
    assert [t["name"] for t in listed] == ["laptop script"] and "token" not in listed[0]
    assert listed[0]["last_used_at"] is not None


def test_token_needs_no_csrf_where_a_cookie_would(client):
    login_learner(client)
    script = _bearer(client, _create(client)["token"])
    card = client.get("/api/v1/review/next").json()["card"]
    hostile = {"Origin": "https://evil.example"}
    body = {"card_id": card["card_id"], "rating": 3}
    assert client.post("/api/v1/review", json=body, headers=hostile).status_code == 403
    form = script.post("/api/v1/auth/logout", data={"x": "1"}, headers=hostile)
    assert form.status_code == 204
    assert script.post("/api/v1/review", json=body, headers=hostile).status_code == 200


def test_revoked_token_gets_401(client):
    login_learner(client)
    created = _create(client)
    script = _bearer(client, created["token"])
    assert script.get("/api/v1/me").status_code == 200
    assert client.delete(f"/api/v1/me/tokens/{created['id']}").status_code == 204
    refused = script.get("/api/v1/me")
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/api/v1/me/tokens").json()[0]["revoked_at"] is not None


def test_expired_token_gets_401(client):
    login_learner(client)
    created = _create(client, expires_in_days=1)
    script = _bearer(client, created["token"])
    assert script.get("/api/v1/me").status_code == 200
    later = client.app.state.clock() + timedelta(days=1, minutes=1)
    client.app.state.clock = lambda: later
    assert script.get("/api/v1/me").status_code == 401


def test_learner_cannot_give_a_token_the_admin_scope(client):
    login_learner(client)
    refused = client.post("/api/v1/me/tokens", json={"name": "x", "admin": True})
    assert refused.status_code == 403 and refused.json()["detail"].startswith("admin:")
    script = _bearer(client, _create(client)["token"])
    assert script.get("/api/v1/admin/questions").status_code == 403


def test_admin_routes_need_an_admin_and_an_admin_scoped_token(client, session):
    admin = login_admin(client, session)
    plain = _bearer(client, _create(client)["token"])
    refused = plain.get("/api/v1/admin/questions")
    assert refused.status_code == 403 and "scope" in refused.json()["detail"]
    scoped = _bearer(client, _create(client, admin=True)["token"])
    assert scoped.get("/api/v1/admin/questions").status_code == 200
    admin.role = "learner"
    session.commit()
    assert scoped.get("/api/v1/admin/questions").status_code == 403


def test_a_token_cannot_mint_tokens_or_delete_the_account(client):
    login_learner(client)
    script = _bearer(client, _create(client)["token"])
    assert script.post("/api/v1/me/tokens", json={"name": "more"}).status_code == 403
    body = {"password": PASSWORD, "confirm": "delete my account"}
    assert script.post("/api/v1/me/delete", json=body).status_code == 403
    assert client.get("/api/v1/me").status_code == 200


def test_tokens_are_for_registered_users_and_revoking_is_owner_only(client):
    client.post("/api/v1/auth/guest")
    assert client.post("/api/v1/me/tokens", json={"name": "x"}).status_code == 403
    login_learner(client, "one@example.com")
    theirs = _create(client)
    client.post("/api/v1/auth/logout")
    login_learner(client, "two@example.com")
    assert client.delete(f"/api/v1/me/tokens/{theirs['id']}").status_code == 404
    assert _bearer(client, theirs["token"]).get("/api/v1/me").status_code == 200


MALFORMED_HEADERS = (
    "Bearer ", "Bearer nope", "Bearer bp_" + "x" * 10_000, "bearer bp_\x7f", "Bearer bp_a b",
)  # fmt: skip
BAD_FIELDS = (
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 81}, "name"),
    ({"name": "bell\x07"}, "name"),
    ({"name": "x", "expires_in_days": 0}, "expires_in_days"),
    ({"name": "x", "expires_in_days": 366}, "expires_in_days"),
    ({"name": "x", "scope": "all"}, "scope"),
)


def test_malformed_bearer_headers_get_401(client):
    script = TestClient(client.app)
    for header in MALFORMED_HEADERS:
        response = script.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401, header[:20]


def test_token_create_refuses_bad_fields_with_422_and_caps_active_tokens(client, session):
    login_learner(client)
    for body, field in BAD_FIELDS:
        response = client.post("/api/v1/me/tokens", json=body)
        assert response.status_code == 422 and field in str(response.json()["detail"]), body
    user = session.scalars(select(User).where(User.email == "learner@example.com")).one()
    for index in range(MAX_ACTIVE_TOKENS):
        tokens.create(session, user=user, name=f"t{index}", admin=False, expires_in_days=None,
                      now=client.app.state.clock())  # fmt: skip
    assert client.post("/api/v1/me/tokens", json={"name": "one more"}).status_code == 409


def test_pages_ignore_bearer_tokens(client):
    me = login_learner(client)
    script = _bearer(client, _create(client, name="only-for-the-api")["token"])
    page = script.get("/settings/account", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/welcome")
    assert "only-for-the-api" not in page.text and me["email"] not in page.text
