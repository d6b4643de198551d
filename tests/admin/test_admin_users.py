"""Users as admins manage them: roles, disabling ends sessions, the last admin stays."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts import service as accounts
from app.admin import users
from app.admin.errors import AdminError
from app.models import AuditEntry, AuthSession
from tests.admin.helpers import PASSWORD, make_admin
from tests.factories import T0, make_learner

LATER = T0 + timedelta(hours=1)


def _registered(session, email: str):
    user, _ = accounts.register(session, email=email, password=PASSWORD, guest=None, now=T0)
    return user


def test_admin_users_promote_demote_and_audit(session):
    admin = make_admin(session)
    ada = _registered(session, "ada@example.com")
    users.change(session, user_id=ada.id, role="admin", actor=admin, now=LATER)
    assert ada.role == "admin"
    users.change(session, user_id=ada.id, role="learner", actor=admin, now=LATER)
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.target, e.actor_id) for e in entries] == [
        ("user.promote", f"user:{ada.id}", admin.id),
        ("user.demote", f"user:{ada.id}", admin.id),
    ]
    found, total = users.get_all(session, query="ADA")
    assert total == 1 and found[0].email == "ada@example.com"


def test_admin_users_disable_ends_sessions_and_enable_allows_login(session):
    admin = make_admin(session)
    ada = _registered(session, "ada@example.com")
    assert session.scalars(select(AuthSession).where(AuthSession.user_id == ada.id)).all()
    users.change(session, user_id=ada.id, disabled=True, actor=admin, now=LATER)
    assert session.scalars(select(AuthSession).where(AuthSession.user_id == ada.id)).all() == []
    with pytest.raises(accounts.AccountError):
        accounts.login(session, email="ada@example.com", password=PASSWORD, client="t", now=LATER)
    users.change(session, user_id=ada.id, disabled=False, actor=admin, now=LATER)
    accounts.login(session, email="ada@example.com", password=PASSWORD, client="t", now=LATER)


def test_admin_users_the_last_admin_cannot_be_demoted_or_disabled(session):
    admin = make_admin(session)
    for change in ({"role": "learner"}, {"disabled": True}):
        with pytest.raises(AdminError, match="last admin") as caught:
            users.change(session, user_id=admin.id, actor=admin, now=LATER, **change)
        assert caught.value.status == 409
    second = make_admin(session, "second@example.com")
    users.change(session, user_id=admin.id, role="learner", actor=second, now=LATER)  # now allowed
    assert admin.role == "learner"


def test_admin_users_guests_are_not_listed_or_changed(session):
    admin = make_admin(session)
    guest = make_learner(session)
    assert [u.email for u in users.get_all(session)[0]] == [admin.email]
    assert users.counts(session) == {"admins": 1, "learners": 0, "guests": 1}
    with pytest.raises(AdminError) as caught:
        users.change(session, user_id=guest.id, role="admin", actor=admin, now=LATER)
    assert caught.value.status == 404
