"""Sessions end 90 days (configurable) after the login, however active they are."""

from datetime import timedelta

from app.accounts import service as accounts
from tests.factories import T0


def _register(session):
    return accounts.register(
        session, email="ada@example.com", password="long enough", guest=None, now=T0
    )


def test_session_active_every_day_still_ends_at_its_absolute_lifetime(session):
    _, new = _register(session)
    for day in range(0, 90, 10):
        found = accounts.resolve_session(session, token=new.token, now=T0 + timedelta(days=day))
        assert found is not None, day
    row, _ = found
    assert row.expires_at <= T0 + accounts.SESSION_MAX_AGE
    assert accounts.resolve_session(session, token=new.token, now=T0 + timedelta(days=90)) is None


def test_session_four_hundred_days_old_is_not_extended(session):
    _, new = _register(session)
    new.row.expires_at = T0 + timedelta(days=500)  # as if extended every visit before the fix
    session.commit()
    assert accounts.resolve_session(session, token=new.token, now=T0 + timedelta(days=400)) is None


def test_session_lifetime_is_configurable(session):
    _, new = _register(session)
    later = T0 + timedelta(days=8)
    week = timedelta(days=7)
    assert accounts.resolve_session(session, token=new.token, now=later, max_age=week) is None
    assert accounts.resolve_session(session, token=new.token, now=later) is not None
