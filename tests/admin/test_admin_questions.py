"""Admin edits as services: versions, revisions, audit, siblings, retire, revert, bank load."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.admin import questions as service
from app.admin import revisions
from app.admin.errors import AdminError, Invalid, StaleVersion
from app.admin.present import represent
from app.admin.schemas import QuestionCreate, QuestionEdit
from app.bank import service as bank_service
from app.bank.exporter import export_bank
from app.bank.loader import BankConflict, ConflictPolicy
from app.bank.validate import read_files
from app.models import AuditEntry, Card, Question, QuestionRevision, ReviewLog
from app.srs.deck import ensure_deck
from tests.admin.helpers import make_admin
from tests.conftest import BANK_DIR
from tests.factories import T0, make_learner

LATER = T0 + timedelta(hours=1)


def _edit(session, question_id: str, **changes) -> QuestionEdit:
    data = represent(session.get(Question, question_id))
    data.update(changes)
    return QuestionEdit.model_validate(data)


def _first_with(session, *, siblings: bool) -> Question:
    rows = session.scalars(select(Question).order_by(Question.id))
    return next(q for q in rows if bool(q.siblings) == siblings and not q.templates)


def test_admin_update_bumps_version_and_records_revisions_and_audit(session):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    old_answer = question.answer
    edit = _edit(session, question.id, answer="A **better** answer.")
    saved = service.update(session, question_id=question.id, edit=edit, author=admin, now=LATER)
    assert saved.version == 2 and saved.answer == "A **better** answer."
    history = revisions.get_all(session, question_id=question.id)
    assert [(ln.revision.version, ln.author) for ln in history] == [(2, admin.email), (1, None)]
    assert history[1].revision.message == "as loaded from the bank"
    assert history[1].revision.snapshot["answer"] == old_answer
    assert history[0].revision.created_at == LATER
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.target == f"question:{question.id}")
    ).one()
    assert (entry.action, entry.actor_id, entry.detail) == (
        "question.update",
        admin.id,
        {"version": 2, "fields": ["answer"]},
    )


def test_admin_update_from_a_stale_version_is_refused_with_the_current_state(session):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    first = _edit(session, question.id, answer="First save.")
    second = _edit(session, question.id, answer="Second save, based on version 1.")
    service.update(session, question_id=question.id, edit=first, author=admin, now=LATER)
    with pytest.raises(StaleVersion) as caught:
        service.update(session, question_id=question.id, edit=second, author=admin, now=LATER)
    assert caught.value.status == 409 and caught.value.based_on == 1
    assert caught.value.current["version"] == 2
    assert caught.value.current["answer"] == "First save."
    session.expire_all()
    assert session.get(Question, question.id).answer == "First save."


def test_admin_edit_keeps_bank_hash_so_bank_load_keeps_the_edit(session):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    bank_hash = question.bank_hash
    edit = _edit(session, question.id, answer="Edited by an admin.")
    service.update(session, question_id=question.id, edit=edit, author=admin, now=LATER)
    assert session.get(Question, question.id).bank_hash == bank_hash
    report = bank_service.load(session, BANK_DIR)
    session.commit()
    assert question.id in report.kept_edits and not report.changed
    session.expire_all()
    assert session.get(Question, question.id).answer == "Edited by an admin."
    assert represent(session.get(Question, question.id))["bank_state"] == "edited"


def test_admin_edit_and_bank_change_conflict_instead_of_overwriting(session, tmp_path):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    bank_prompt = question.prompt
    edit = _edit(session, question.id, prompt="An admin's better prompt?")
    service.update(session, question_id=question.id, edit=edit, author=admin, now=LATER)
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    path = folder / f"{question.topic}.yaml"
    text = path.read_text()
    assert f"prompt: {bank_prompt}\n" in text
    path.write_text(text.replace(f"prompt: {bank_prompt}\n", "prompt: The bank's new prompt?\n", 1))
    with pytest.raises(BankConflict) as caught:
        bank_service.load(session, folder)
    session.rollback()
    assert caught.value.report.conflicts == [question.id]
    bank_service.load(session, folder, policy=ConflictPolicy.KEEP_DB)
    session.commit()
    session.expire_all()
    assert session.get(Question, question.id).prompt == "An admin's better prompt?"


def test_admin_siblings_are_mirrored_with_revisions_and_stay_valid(session):
    admin = make_admin(session)
    a = _first_with(session, siblings=False)
    b = next(
        q
        for q in session.scalars(select(Question).order_by(Question.id.desc()))
        if not q.siblings and q.id != a.id
    )
    b_version = b.version
    service.update(
        session,
        question_id=a.id,
        edit=_edit(session, a.id, siblings=[b.id]),
        author=admin,
        now=LATER,
    )
    session.expire_all()
    b = session.get(Question, b.id)
    assert b.siblings == [a.id] and b.version == b_version + 1
    assert (
        revisions.get_all(session, question_id=b.id)[0].revision.message
        == f"sibling link from '{a.id}'"
    )
    files = export_bank(session)
    read_files([(Path(name), text) for name, text in files.items()])  # symmetric: no BankInvalid
    service.update(
        session, question_id=a.id, edit=_edit(session, a.id, siblings=[]), author=admin, now=LATER
    )
    session.expire_all()
    assert session.get(Question, b.id).siblings == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"topic": "nope"}, "topic: unknown topic 'nope'"),
        ({"difficulty": "trivial"}, "difficulty: Input should be 'easy', 'medium' or 'hard'"),
        ({"template": "no_such_template"}, "template: unknown template 'no_such_template'"),
        ({"siblings": ["no-such-question"]}, "siblings: unknown question id 'no-such-question'"),
        ({"prompt": ""}, "prompt: String should have at least 1 character"),
        (
            {"key_points": [{"label": "Only one", "phrases": ["one"]}]},
            "key_points: List should have at least 2 items",
        ),
        (
            {"key_points": [{"label": "A", "phrases": ["re:("]}, {"label": "B", "phrases": ["b"]}]},
            "key_points.0.phrases: Value error, invalid regular expression",
        ),
    ],
)
def test_admin_invalid_edits_name_the_field(session, changes, message):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    with pytest.raises(Invalid) as caught:
        service.update(
            session,
            question_id=question.id,
            edit=_edit(session, question.id, **changes),
            author=admin,
            now=LATER,
        )
    assert caught.value.status == 422 and caught.value.detail.startswith(message)
    session.expire_all()
    assert session.get(Question, question.id).version == 1


def test_admin_question_cannot_be_its_own_sibling(session):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    with pytest.raises(Invalid, match="cannot be its own sibling"):
        service.update(
            session,
            question_id=question.id,
            edit=_edit(session, question.id, siblings=[question.id]),
            author=admin,
            now=LATER,
        )


def test_admin_retire_takes_cards_out_of_decks_and_keeps_history(session):
    admin = make_admin(session)
    learner = make_learner(session)
    ensure_deck(session, user=learner, now=T0)
    question = _first_with(session, siblings=False)
    card = session.scalars(
        select(Card).where(Card.user_id == learner.id, Card.question_id == question.id)
    ).one()
    session.add(
        ReviewLog(
            user_id=learner.id,
            card_id=card.id,
            rating=3,
            state_before=0,
            reviewed_at=T0,
            previous={},
            result={},
        )
    )
    session.commit()
    service.set_retired(
        session, question_id=question.id, retired=True, based_on=1, author=admin, now=LATER
    )
    session.expire_all()
    assert session.get(Card, card.id).suspended is True
    assert session.scalars(select(ReviewLog).where(ReviewLog.card_id == card.id)).all()
    assert (
        session.get(Question, question.id).retired
        and session.get(Question, question.id).version == 2
    )
    service.set_retired(
        session, question_id=question.id, retired=False, based_on=2, author=admin, now=LATER
    )
    session.expire_all()
    assert session.get(Card, card.id).suspended is False
    actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["question.retire", "question.restore"]


def test_admin_revert_goes_back_as_a_new_revision(session):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    original = question.answer
    service.update(
        session,
        question_id=question.id,
        edit=_edit(session, question.id, answer="Two."),
        author=admin,
        now=LATER,
    )
    service.update(
        session,
        question_id=question.id,
        edit=_edit(session, question.id, answer="Three."),
        author=admin,
        now=LATER,
    )
    reverted = service.revert(
        session, question_id=question.id, revision=1, based_on=3, author=admin, now=LATER
    )
    assert reverted.version == 4 and reverted.answer == original
    lines = revisions.get_all(session, question_id=question.id)
    assert [ln.revision.version for ln in lines] == [4, 3, 2, 1]
    assert lines[0].revision.message == "reverted to revision 1"
    assert lines[0].revision.snapshot == lines[3].revision.snapshot
    with pytest.raises(StaleVersion):
        service.revert(
            session, question_id=question.id, revision=2, based_on=3, author=admin, now=LATER
        )
    with pytest.raises(AdminError, match="has no revision 9"):
        service.revert(
            session, question_id=question.id, revision=9, based_on=4, author=admin, now=LATER
        )


def test_admin_create_makes_an_id_and_never_reuses_one(session):
    admin = make_admin(session)
    body = {
        "topic": "cnn",
        "difficulty": "medium",
        "prompt": "What does a 1×1 convolution do?",
        "answer": "It mixes channels at each position.",
        "key_points": [
            {"label": "Mixes channels", "phrases": ["channel"]},
            {"label": "Keeps size", "phrases": ["spatial"]},
        ],
    }
    created = service.create(
        session, data=QuestionCreate.model_validate(body), author=admin, now=LATER
    )
    assert created.id == "what-does-a-1-1-convolution-do"
    assert (created.source, created.version, created.bank_hash) == (None, 1, None)
    assert represent(created)["bank_state"] == "admin-created"
    again = service.create(
        session, data=QuestionCreate.model_validate(body), author=admin, now=LATER
    )
    assert again.id == "what-does-a-1-1-convolution-do-2"
    with pytest.raises(AdminError, match="is taken") as caught:
        service.create(
            session,
            data=QuestionCreate.model_validate({**body, "id": created.id}),
            author=admin,
            now=LATER,
        )
    assert caught.value.status == 409
    assert session.scalars(
        select(QuestionRevision.version).where(QuestionRevision.question_id == created.id)
    ).all() == [1]


def test_admin_history_records_a_bank_load_that_came_between_saves(session, tmp_path):
    admin = make_admin(session)
    question = _first_with(session, siblings=False)
    bank_prompt = question.prompt
    service.update(
        session,
        question_id=question.id,
        edit=_edit(session, question.id, answer="Edited."),
        author=admin,
        now=LATER,
    )
    service.revert(
        session, question_id=question.id, revision=1, based_on=2, author=admin, now=LATER
    )
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    path = folder / f"{question.topic}.yaml"
    path.write_text(
        path.read_text().replace(f"prompt: {bank_prompt}\n", "prompt: Reworded in the bank?\n", 1)
    )
    report = bank_service.load(session, folder)  # the row is as loaded, so the bank may update it
    session.commit()
    assert report.updated == [question.id]
    service.update(
        session,
        question_id=question.id,
        edit=_edit(session, question.id, answer="Later."),
        author=admin,
        now=LATER,
    )
    lines = revisions.get_all(session, question_id=question.id)
    assert [ln.revision.version for ln in lines] == [5, 4, 3, 2, 1]
    assert lines[1].revision.message == "as loaded from the bank"
    assert lines[1].revision.snapshot["prompt"] == "Reworded in the bank?"
