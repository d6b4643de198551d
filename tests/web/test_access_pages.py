"""Settings › Tokens and your data, and Downloads, as pages: forms with CSRF, a token shown
once, revoking, deleting the account, Anki decks for learners, bank files for admins."""

import re

from sqlalchemy import select

from app.models import User
from tests.admin.helpers import PASSWORD, login_admin, login_learner
from tests.factories import start_practising


def _csrf(client, path: str = "/settings/account") -> str:
    page = client.get(path).text
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page)[1]


def test_tokens_page_creates_shows_once_and_revokes(client):
    login_learner(client)
    token = _csrf(client)
    page = client.post(
        "/settings/tokens", data={"csrf_token": token, "name": "cron", "lifetime": "30"}
    )
    assert page.status_code == 201
    secret = re.search(r'id="new-token" class="token-secret" value="(bp_[^"]+)"', page.text)[1]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    again = client.get("/settings/account").text
    assert secret not in again and "cron" in again and secret[:11] in again
    token_id = re.search(r'/settings/tokens/(\d+)/revoke"', again)[1]
    revoked = client.post(f"/settings/tokens/{token_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 200 and "revoked" in revoked.text
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_tokens_form_needs_csrf_and_a_valid_lifetime(client):
    login_learner(client)
    assert client.post("/settings/tokens", data={"name": "x"}).status_code == 403
    token = _csrf(client)
    bad = client.post("/settings/tokens", data={"csrf_token": token, "name": "x", "lifetime": "9"})
    assert bad.status_code == 422 and 'role="alert"' in bad.text
    admin = client.post("/settings/tokens", data={"csrf_token": token, "name": "x", "admin": "on"})
    assert admin.status_code == 403 and "admin scope" in admin.text


def test_delete_account_form_needs_confirmation_and_password(client, session):
    me = login_learner(client)
    token = _csrf(client)
    unconfirmed = client.post("/settings/delete", data={"csrf_token": token, "password": PASSWORD})
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    wrong = client.post(
        "/settings/delete", data={"csrf_token": token, "password": "nope", "confirm": "yes"}
    )
    assert wrong.status_code == 403 and "Password: does not match" in wrong.text
    done = client.post(
        "/settings/delete",
        data={"csrf_token": token, "password": PASSWORD, "confirm": "yes"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert session.scalar(select(User).where(User.id == me["id"])) is None


def test_my_data_download_from_the_page(client):
    me = login_learner(client)
    response = client.get("/settings/my-data.json")
    assert response.status_code == 200 and response.json()["account"]["email"] == me["email"]


def test_downloads_page_offers_the_bank_and_weak_cards(client):
    start_practising(client)
    page = client.get("/downloads")
    assert page.status_code == 200 and "review some cards" in page.text
    assert client.get("/downloads/weak-cards.apkg").status_code == 404
    assert client.get("/downloads/backprop.apkg").content[:2] == b"PK"
    card = client.get("/api/v1/review/next").json()["card"]
    client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 1})
    page = client.get("/downloads")
    assert '/downloads/weak-cards.apkg"' in page.text
    deck = client.get("/downloads/weak-cards.apkg", params={"limit": 5})
    assert deck.status_code == 200 and deck.content[:2] == b"PK"
    assert '/downloads"' in client.get("/settings").text


def test_admin_bank_page_links_every_format(client, session):
    login_learner(client, "someone@example.com")
    assert client.get("/admin/bank/export/gift").status_code == 403
    client.post("/api/v1/auth/logout")
    login_admin(client, session)
    page = client.get("/admin/bank").text
    for fmt in ("apkg", "moodle", "gift"):
        assert f'/admin/bank/export/{fmt}"' in page
    gift = client.get("/admin/bank/export/gift")
    assert gift.status_code == 200 and gift.text.count("::") > 100
    assert client.get("/admin/bank/export/pdf").status_code == 422
