"""Two admins demoting each other at the same moment: one stays admin (two real threads)."""

import contextlib
import threading

from sqlalchemy import func, select

from app.admin import audit
from app.admin import users as service
from app.admin.errors import AdminError
from app.models import User
from tests.admin.helpers import make_admin
from tests.factories import T0


def test_admin_mutual_demotion_at_once_keeps_one_admin(sessions, monkeypatch):
    with sessions() as session:
        first, second = (make_admin(session, f"admin{i}@example.com").id for i in range(2))
    # Both demotions wait for each other after their guard, just before committing: without
    # a lock held from the count to the commit, both would pass the guard.
    inside = threading.Barrier(2)
    record = audit.record

    def record_when_both_are_inside(*args, **kwargs):
        # A timeout means the other one is held at the lock, as it should be.
        with contextlib.suppress(threading.BrokenBarrierError):
            inside.wait(timeout=1)
        return record(*args, **kwargs)

    monkeypatch.setattr(audit, "record", record_when_both_are_inside)
    start = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def demote(actor_id: int, target_id: int) -> None:
        with sessions() as own:
            actor = own.get(User, actor_id)
            start.wait(timeout=10)
            try:
                service.change(own, user_id=target_id, role="learner", actor=actor, now=T0)
                outcomes[actor_id] = "demoted"
            except AdminError as error:
                outcomes[actor_id] = (error.status, error.detail)

    threads = [
        threading.Thread(target=demote, args=(first, second)),
        threading.Thread(target=demote, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    last = (409, "role: this is the last admin; promote someone else first")
    assert sorted(outcomes.values(), key=str) == sorted(["demoted", last], key=str)
    with sessions() as session:
        admins = session.scalar(select(func.count()).select_from(User).where(User.role == "admin"))
    assert admins == 1
