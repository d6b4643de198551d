"""Login protection that cannot be turned against users (app.accounts.throttle)."""

import threading
from datetime import timedelta

import pytest

from app.accounts import service as accounts
from app.accounts import throttle
from app.accounts.errors import AccountError
from tests.factories import T0

PASSWORD = "correct horse"


def _account(session, email="victim@example.com"):
    user, _ = accounts.register(session, email=email, password=PASSWORD, guest=None, now=T0)
    return user


def _attempt(session, email, password, client, now=T0):
    """The status a login answers with: 200, 401 or 429 (with its Retry-After)."""
    try:
        accounts.login(session, email=email, password=password, client=client, now=now)
    except AccountError as error:
        return error.status, error.retry_after
    return 200, None


def test_throttle_failures_for_unknown_accounts_never_block_another_account(session):
    _account(session)
    for n in range(30):
        assert _attempt(session, f"nobody{n}@example.com", "guess", "10.0.0.1")[0] == 401
    assert _attempt(session, "victim@example.com", PASSWORD, "10.0.0.1") == (200, None)


def test_throttle_failures_on_one_account_from_one_address_do_not_lock_its_owner_out(session):
    _account(session)
    statuses = [_attempt(session, "victim@example.com", "guess", "6.6.6.6")[0] for _ in range(8)]
    assert statuses == [401] * 5 + [429] * 3
    assert _attempt(session, "victim@example.com", PASSWORD, "10.0.0.2") == (200, None)


def test_throttle_delays_grow_and_never_exceed_a_minute(session):
    _account(session)
    now, waits = T0, []
    for _ in range(5):
        assert _attempt(session, "victim@example.com", "guess", "6.6.6.6", now)[0] == 401
    for _ in range(8):
        status, wait = _attempt(session, "victim@example.com", PASSWORD, "6.6.6.6", now)
        assert status == 429
        waits.append(wait)
        now += timedelta(seconds=wait)
        assert _attempt(session, "victim@example.com", "guess", "6.6.6.6", now)[0] == 401
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]


def test_throttle_spread_over_many_addresses_still_delays_the_account(session):
    _account(session)
    for n in range(20):
        assert _attempt(session, "victim@example.com", "guess", f"10.1.0.{n}")[0] == 401
    status, wait = _attempt(session, "victim@example.com", PASSWORD, "10.2.0.1")
    assert status == 429 and 0 < wait <= 60
    later = T0 + timedelta(seconds=wait)
    assert _attempt(session, "victim@example.com", PASSWORD, "10.2.0.1", later) == (200, None)


def test_throttle_correct_login_clears_the_counters(session):
    _account(session)
    for _ in range(4):
        _attempt(session, "victim@example.com", "guess", "10.0.0.3")
    assert _attempt(session, "victim@example.com", PASSWORD, "10.0.0.3")[0] == 200
    statuses = [_attempt(session, "victim@example.com", "guess", "10.0.0.3")[0] for _ in range(5)]
    assert statuses == [401] * 5


def test_throttle_current_password_checks_share_the_login_counters(session):
    user = _account(session)
    for _ in range(5):
        with pytest.raises(AccountError) as wrong:
            accounts.change_password(
                session, user=user, current="guess", new_password="new password!",
                client="10.0.0.4", now=T0,
            )  # fmt: skip
        assert wrong.value.status == 403
    with pytest.raises(AccountError) as blocked:
        accounts.change_password(
            session, user=user, current=PASSWORD, new_password="new password!",
            client="10.0.0.4", now=T0,
        )  # fmt: skip
    assert blocked.value.status == 429
    assert _attempt(session, "victim@example.com", PASSWORD, "10.0.0.4")[0] == 429


def test_throttle_concurrent_guesses_never_exceed_the_free_attempts(sessions):
    with sessions() as session:
        _account(session)
    outcomes: list[int] = []
    start = threading.Barrier(12)

    def guess() -> None:
        with sessions() as own:
            start.wait()
            outcomes.append(_attempt(own, "victim@example.com", "guess", "6.6.6.6")[0])

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 12 and set(outcomes) <= {401, 429}
    assert 1 <= outcomes.count(401) <= 5


def test_throttle_prune_forgets_stale_counters(session):
    _account(session)
    _attempt(session, "nobody@example.com", "guess", "10.0.0.5")
    assert throttle.prune(session, T0) == 0
    assert throttle.prune(session, T0 + throttle.FORGET_AFTER + timedelta(seconds=1)) == 2
