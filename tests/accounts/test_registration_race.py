"""Concurrent registrations of one address: one account, the others a clear 409."""

import threading

from sqlalchemy import func, select

from app.accounts import service as accounts
from app.accounts.errors import AccountError
from app.models import User
from tests.factories import T0


def test_register_same_email_concurrently_gives_one_account_and_409s(sessions):
    outcomes: list[object] = []
    start = threading.Barrier(6)

    def register() -> None:
        with sessions() as own:
            start.wait()
            try:
                accounts.register(
                    own, email="ada@example.com", password="long enough", guest=None, now=T0
                )
                outcomes.append(201)
            except AccountError as error:
                outcomes.append((error.status, error.detail))
            except Exception as error:  # the test reports what escaped
                outcomes.append(repr(error))

    threads = [threading.Thread(target=register) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    taken = (409, "email: an account with this address already exists; log in instead")
    assert sorted(outcomes, key=str) == sorted([201] + [taken] * 5, key=str)
    with sessions() as session:
        count = session.scalar(select(func.count()).where(User.email == "ada@example.com"))
    assert count == 1
