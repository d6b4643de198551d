"""My data through the API: everything about the learner as JSON (no secrets), and
deleting the account with its data after the password and the confirmation."""

import json

from sqlalchemy import func, select

from app.models import ApiToken, Card, MockInterview, ReviewLog, User
from tests.admin.helpers import PASSWORD, login_learner

CONFIRM = "delete my account"


def _practise(client) -> None:
    card = client.get("/api/v1/review/next").json()["card"]
    answer = "a typed answer about layers"
    review = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "rating": 1, "answer": answer}
    )
    assert review.status_code == 200, review.text
    mock = client.post("/api/v1/mock", json={"count": 1, "seconds_per_question": 60})
    assert mock.status_code == 201, mock.text


def test_my_data_holds_account_settings_reviews_mocks_and_token_names(client):
    me = login_learner(client)
    _practise(client)
    secret = client.post("/api/v1/me/tokens", json={"name": "notebook"}).json()["token"]
    response = client.get("/api/v1/me/data")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert data["account"]["id"] == me["id"] and data["account"]["email"] == me["email"]
    assert data["account"]["desired_retention"] == 0.9 and data["account"]["timezone"] == "UTC"
    (review,) = data["reviews"]
    assert review["rating"] == 1 and review["answer"] == "a typed answer about layers"
    assert len(data["cards"]) > 100 and len(data["mock_interviews"]) == 1
    assert len(data["mock_interviews"][0]["items"]) == 1
    assert [t["name"] for t in data["tokens"]] == ["notebook"]
    text = response.text
    for secret_part in ("password_hash", "token_hash", "csrf_token", secret, "$argon2"):
        assert secret_part not in text


def test_my_data_works_with_a_token(client):
    login_learner(client)
    secret = client.post("/api/v1/me/tokens", json={"name": "backup"}).json()["token"]
    client.cookies.clear()
    response = client.get("/api/v1/me/data", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200 and json.loads(response.text)["tokens"][0]["name"]


def test_delete_account_needs_password_and_confirmation(client, session):
    me = login_learner(client)
    _practise(client)
    wrong = client.post("/api/v1/me/delete", json={"password": "not it", "confirm": CONFIRM})
    assert wrong.status_code == 403 and "current_password" in wrong.json()["detail"]
    unconfirmed = client.post("/api/v1/me/delete", json={"password": PASSWORD, "confirm": "yes"})
    assert unconfirmed.status_code == 422 and "confirm" in str(unconfirmed.json()["detail"])
    empty = client.post("/api/v1/me/delete", json={"confirm": CONFIRM})
    assert empty.status_code == 422 and empty.json()["detail"].startswith("password:")
    assert session.get(User, me["id"]) is not None
    done = client.post("/api/v1/me/delete", json={"password": PASSWORD, "confirm": CONFIRM})
    assert done.status_code == 204
    assert client.get("/api/v1/me").status_code == 401
    login = client.post("/api/v1/auth/login", json={"email": me["email"], "password": PASSWORD})
    assert login.status_code == 401
    session.expire_all()
    assert session.get(User, me["id"]) is None
    for model in (Card, ReviewLog, MockInterview, ApiToken):
        count = session.scalar(
            select(func.count()).select_from(model).where(model.user_id == me["id"])
        )
        assert count == 0, model.__name__


def test_a_guest_deletes_without_a_password(client, session):
    guest = client.post("/api/v1/auth/guest").json()
    _practise(client)
    assert client.post("/api/v1/me/delete", json={"confirm": CONFIRM}).status_code == 204
    session.expire_all()
    assert session.get(User, guest["id"]) is None


def test_delete_refuses_a_form_post_without_csrf(client):
    login_learner(client)
    response = client.post("/api/v1/me/delete", data={"password": PASSWORD, "confirm": CONFIRM})
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
