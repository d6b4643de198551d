"""Accounts through the API: guests, register keeps progress, login throttling, CSRF, sessions."""

from datetime import timedelta


def _guest(client):
    response = client.post("/api/v1/auth/guest")
    assert response.status_code == 201
    return response.json()


def test_auth_guest_gets_a_session_cookie(client):
    body = _guest(client)
    assert body["guest"] is True and body["email"] is None
    cookie = client.cookies.get("bp_session")
    assert cookie
    me = client.get("/api/v1/me").json()
    assert me == {"id": body["id"], "email": None, "role": "learner", "guest": True}


def test_auth_cookie_is_httponly_and_samesite_lax(client):
    response = client.post("/api/v1/auth/guest")
    header = response.headers["set-cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header


def test_auth_me_without_session_is_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "no session" in response.json()["detail"]


def test_auth_register_keeps_guest_progress(client):
    guest = _guest(client)
    card = client.get("/api/v1/review/next").json()["card"]
    client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 3})
    response = client.post(
        "/api/v1/auth/register", json={"email": "Ada@Example.com", "password": "correct horse"}
    )
    assert response.status_code == 201
    assert response.json() == {"id": guest["id"], "email": "ada@example.com", "role": "learner"}
    assert client.get("/api/v1/stats").json()["reviews_today"] == 1


def test_auth_register_validates_fields(client):
    bad_email = client.post(
        "/api/v1/auth/register", json={"email": "not-an-email", "password": "long enough"}
    )
    assert bad_email.status_code == 422 and bad_email.json()["detail"].startswith("email:")
    short = client.post("/api/v1/auth/register", json={"email": "a@b.co", "password": "short"})
    assert short.status_code == 422 and short.json()["detail"].startswith("password:")
    client.post("/api/v1/auth/register", json={"email": "a@b.co", "password": "long enough"})
    taken = client.post(
        "/api/v1/auth/register", json={"email": "a@b.co", "password": "long enough"}
    )
    assert taken.status_code == 409


def test_auth_login_changes_session_id_and_logout_ends_it(client):
    client.post("/api/v1/auth/register", json={"email": "a@b.co", "password": "long enough"})
    registered_cookie = client.cookies.get("bp_session")
    response = client.post(
        "/api/v1/auth/login", json={"email": "a@b.co", "password": "long enough"}
    )
    assert response.status_code == 200
    assert client.cookies.get("bp_session") != registered_cookie
    old = client.cookies.get("bp_session")
    assert client.post("/api/v1/auth/logout").status_code == 204
    client.cookies.set("bp_session", old)
    assert client.get("/api/v1/me").status_code == 401


def test_auth_wrong_password_is_401_then_throttled_with_retry_after(client):
    fixed = client.app.state.clock()
    client.app.state.clock = lambda: fixed  # the delay after five failures is one second
    client.post("/api/v1/auth/register", json={"email": "a@b.co", "password": "long enough"})
    for _ in range(5):
        assert (
            client.post(
                "/api/v1/auth/login", json={"email": "a@b.co", "password": "nope nope"}
            ).status_code
            == 401
        )
    blocked = client.post("/api/v1/auth/login", json={"email": "a@b.co", "password": "long enough"})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) == 1
    later = fixed + timedelta(seconds=1)
    client.app.state.clock = lambda: later
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": "a@b.co", "password": "long enough"}
        ).status_code
        == 200
    )


def test_csrf_form_posts_need_the_token_and_cross_origin_is_refused(client):
    _guest(client)
    form = client.post("/api/v1/auth/logout", data={"x": "1"})
    assert form.status_code == 403 and "CSRF" in form.json()["detail"]
    cross = client.post("/api/v1/review/undo", headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    same = client.post("/api/v1/review/undo", headers={"Origin": "http://testserver"})
    assert same.status_code == 404  # nothing to undo, but the request was accepted


def test_auth_password_change_ends_other_sessions(client):
    client.post("/api/v1/auth/register", json={"email": "p@b.co", "password": "first password"})
    other = client.cookies.get("bp_session")
    client.post("/api/v1/auth/login", json={"email": "p@b.co", "password": "first password"})
    wrong = client.post(
        "/api/v1/auth/password",
        json={"current_password": "nope", "new_password": "second password"},
    )
    assert wrong.status_code == 403
    assert (
        client.post(
            "/api/v1/auth/password",
            json={"current_password": "first password", "new_password": "second password"},
        ).status_code
        == 204
    )
    assert client.get("/api/v1/me").status_code == 200  # this browser got a fresh session
    mine = client.cookies.get("bp_session")
    client.cookies.set("bp_session", other)
    assert client.get("/api/v1/me").status_code == 401
    client.cookies.set("bp_session", mine)
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": "p@b.co", "password": "second password"}
        ).status_code
        == 200
    )
