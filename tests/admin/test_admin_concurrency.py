"""Two admins save the same question at the same moment: one wins, the other gets 409."""

import threading
from datetime import timedelta

from sqlalchemy import select

from app.admin import questions as service
from app.admin import revisions
from app.admin.errors import StaleVersion
from app.admin.present import represent
from app.admin.schemas import QuestionEdit
from app.models import Question, User
from tests.admin.helpers import make_admin
from tests.factories import T0

LATER = T0 + timedelta(hours=1)


def _race(sessions, question_id: str, admin_ids: list[int], round_: int) -> dict[str, object]:
    barrier = threading.Barrier(len(admin_ids))
    outcomes: dict[str, object] = {}

    def save(admin_id: int) -> None:
        label = f"admin {admin_id} round {round_}"
        with sessions() as session:
            data = represent(session.get(Question, question_id))
            data["answer"] = f"Saved by {label}."
            edit = QuestionEdit.model_validate(data)
            author = session.get(User, admin_id)
            barrier.wait(timeout=10)
            try:
                service.update(
                    session, question_id=question_id, edit=edit, author=author, now=LATER
                )
                outcomes[label] = "saved"
            except StaleVersion as exc:
                outcomes[label] = exc

    threads = [threading.Thread(target=save, args=(admin_id,)) for admin_id in admin_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_admin_concurrent_saves_one_wins_and_nothing_is_lost(sessions):
    with sessions() as session:
        admin_ids = [make_admin(session, f"admin{i}@example.com").id for i in range(2)]
        question_id = session.scalars(select(Question.id).order_by(Question.id)).first()
    for round_ in range(1, 4):
        outcomes = _race(sessions, question_id, admin_ids, round_)
        winners = [label for label, result in outcomes.items() if result == "saved"]
        losers = [result for result in outcomes.values() if isinstance(result, StaleVersion)]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        # The loser is told the current state: the winner's text, at the new version.
        assert losers[0].current["answer"] == f"Saved by {winners[0]}."
        assert losers[0].current["version"] == round_ + 1
        with sessions() as session:
            stored = session.get(Question, question_id)
            assert (stored.version, stored.answer) == (round_ + 1, f"Saved by {winners[0]}.")
    with sessions() as session:
        versions = [
            ln.revision.version for ln in revisions.get_all(session, question_id=question_id)
        ]
    assert versions == [4, 3, 2, 1]
