"""A guest who logs in to an existing account keeps their practice: it is merged in."""

from datetime import timedelta

from sqlalchemy import func, select

from app.accounts import service as accounts
from app.models import Card, ReviewLog, User
from app.srs.deck import ensure_deck
from app.srs.reviews import ReviewInput, submit_review
from tests.factories import T0, make_learner

FIRST, SECOND = "what-is-deep-learning", "what-is-a-neural-network"
HOUR = timedelta(hours=1)


def _card(session, user, question_id):
    return session.scalar(
        select(Card).where(Card.user_id == user.id, Card.question_id == question_id)
    )


def _review(session, user, question_id, now, key):
    ensure_deck(session, user=user, now=now)
    card = _card(session, user, question_id)
    data = ReviewInput(card_id=card.id, rating=3, idempotency_key=key)
    submit_review(session, user=user, data=data, now=now, fuzzing=False)


def test_login_merges_the_guests_reviews_into_the_account(session):
    account, _ = accounts.register(
        session, email="ada@example.com", password="long enough", guest=None, now=T0
    )
    _review(session, account, FIRST, T0, key="same-key")
    guest = make_learner(session)
    _review(session, guest, FIRST, T0 + HOUR, key="same-key")
    _review(session, guest, SECOND, T0 + HOUR, key="other-key")
    guest_id = guest.id

    user, _ = accounts.login(
        session, email="ada@example.com", password="long enough", client="t",
        now=T0 + 2 * HOUR, guest=guest,
    )  # fmt: skip

    session.expire_all()
    assert user.id == account.id
    logs = session.scalar(select(func.count()).where(ReviewLog.user_id == account.id))
    assert logs == 3
    assert _card(session, account, SECOND).last_review == T0 + HOUR  # the guest's schedule
    assert _card(session, account, FIRST).last_review == T0 + HOUR  # the more recent one
    assert session.get(User, guest_id) is None


def test_login_without_a_guest_or_as_the_same_user_changes_nothing(session):
    account, _ = accounts.register(
        session, email="ada@example.com", password="long enough", guest=None, now=T0
    )
    _review(session, account, FIRST, T0, key="k")
    accounts.login(
        session, email="ada@example.com", password="long enough", client="t", now=T0,
        guest=account,
    )  # fmt: skip
    assert session.get(User, account.id) is not None
    assert session.scalar(select(func.count()).where(ReviewLog.user_id == account.id)) == 1


def test_login_through_the_api_keeps_the_guests_progress(client):
    client.post(
        "/api/v1/auth/register", json={"email": "ada@example.com", "password": "long enough"}
    )
    client.post("/api/v1/auth/logout")
    assert client.post("/api/v1/auth/guest").status_code == 201
    card = client.get("/api/v1/review/next").json()["card"]
    reviewed = client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 3})
    assert reviewed.status_code == 200, reviewed.text
    login = client.post(
        "/api/v1/auth/login", json={"email": "ada@example.com", "password": "long enough"}
    )
    assert login.status_code == 200 and login.json()["email"] == "ada@example.com"
    stats = client.get("/api/v1/stats").json()
    assert stats["reviews_today"] == 1


def test_login_brings_the_guests_notes_and_flags(session):
    from app.models import ErrorFlag
    from app.srs import card_actions, flags

    account, _ = accounts.register(
        session, email="ada@example.com", password="long enough", guest=None, now=T0
    )
    ensure_deck(session, user=account, now=T0)
    card_actions.set_note(
        session, user=account, card_id=_card(session, account, FIRST).id, note="mine"
    )
    guest = make_learner(session)
    ensure_deck(session, user=guest, now=T0)
    for question_id in (FIRST, SECOND):
        card_id = _card(session, guest, question_id).id
        card_actions.set_note(session, user=guest, card_id=card_id, note=f"guest {question_id}")
    flags.create(session, user=guest, card_id=card_id, note="a typo", now=T0)

    accounts.login(
        session, email="ada@example.com", password="long enough", client="t", now=T0, guest=guest
    )

    session.expire_all()
    assert _card(session, account, FIRST).note == "mine"  # the account's own note stays
    assert _card(session, account, SECOND).note == f"guest {SECOND}"
    assert session.scalar(select(ErrorFlag.user_id)) == account.id
