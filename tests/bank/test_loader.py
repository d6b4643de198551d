"""Loading the bank: one transaction, idempotent, and never silently losing an admin edit."""

import shutil

import pytest
from sqlalchemy import func, select

from app.bank import service
from app.bank.exporter import write_bank
from app.bank.loader import BankConflict, ConflictPolicy
from app.models import KeyPoint, Question, QuestionSibling
from tests.conftest import BANK_DIR, bank_size


def _snapshot(session):
    rows = session.scalars(select(Question).order_by(Question.id)).all()
    return [
        (q.id, q.source, q.topic, q.position, q.difficulty, q.prompt, q.answer, q.correction,
         q.templates, q.worked_examples, q.retired, [(k.label, k.phrases) for k in q.key_points], q.siblings)
        for q in rows
    ]  # fmt: skip


def _copy_bank(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    return folder


def test_loader_fills_an_empty_database(empty_db_url):
    from app.db import make_engine, make_session_factory

    engine = make_engine(empty_db_url)
    with make_session_factory(engine)() as session:
        seen = []
        report = service.load(
            session, BANK_DIR, progress=lambda done, total: seen.append((done, total))
        )
        session.commit()
        questions, _ = bank_size()
        assert len(report.created) == questions
        assert seen[-1] == (questions, questions)
        assert session.scalar(select(func.count()).select_from(KeyPoint)) >= 2 * questions
        assert session.scalar(select(func.count()).select_from(QuestionSibling)) > 0
    engine.dispose()


def test_loader_second_load_changes_nothing_and_says_so(session):
    before = _snapshot(session)
    versions = dict(session.execute(select(Question.id, Question.version)).all())
    report = service.load(session, BANK_DIR)
    session.commit()
    assert not report.changed
    questions, _ = bank_size()
    assert len(report.unchanged) == questions
    assert report.summary() == f"Bank is up to date: {questions} questions unchanged."
    assert _snapshot(session) == before
    assert dict(session.execute(select(Question.id, Question.version)).all()) == versions


def test_loader_round_trip_load_export_load_is_identity(session, tmp_path, empty_db_url):
    from app.db import make_engine, make_session_factory

    exported = tmp_path / "exported"
    write_bank(session, exported)
    # The committed bank is in the exporter's canonical form: export reproduces it byte for byte.
    for path in sorted(BANK_DIR.glob("*.yaml")):
        assert (exported / path.name).read_text() == path.read_text(), path.name
    engine = make_engine(empty_db_url)
    with make_session_factory(engine)() as fresh:
        service.load(fresh, exported)
        fresh.commit()
        assert _snapshot(fresh) == _snapshot(session)
    engine.dispose()


def test_loader_applies_a_bank_change(session, tmp_path):
    folder = _copy_bank(tmp_path)
    path = folder / "cnn.yaml"
    path.write_text(
        path.read_text().replace(
            "What are the different layers in a CNN?", "Which layers make up a CNN?"
        )
    )
    report = service.load(session, folder)
    session.commit()
    assert report.updated == ["cnn-layers"]
    question = session.get(Question, "cnn-layers")
    assert question.prompt == "Which layers make up a CNN?"
    assert question.version == 2


def _admin_edit(session, question_id, answer):
    question = session.get(Question, question_id)
    question.answer = answer
    question.version += 1
    session.commit()


def test_loader_keeps_an_admin_edit_when_the_bank_did_not_change(session):
    _admin_edit(session, "pooling", "Edited by an admin.")
    report = service.load(session, BANK_DIR)
    session.commit()
    assert report.kept_edits == ["pooling"]
    assert session.get(Question, "pooling").answer == "Edited by an admin."


def test_loader_reports_conflict_and_changes_nothing(session, tmp_path):
    _admin_edit(session, "cnn-layers", "Edited by an admin.")
    folder = _copy_bank(tmp_path)
    path = folder / "cnn.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "What are the different layers in a CNN?", "Which layers make up a CNN?"
        ).replace("Pooling downsamples the feature maps", "Pooling shrinks the feature maps")
    )
    # The grading set refers to key points by label: it follows the rename.
    graded = folder / "grading" / "cnn.yaml"
    graded.write_text(
        graded.read_text().replace(
            "Pooling downsamples the feature maps", "Pooling shrinks the feature maps"
        )
    )
    before = _snapshot(session)
    with pytest.raises(BankConflict) as info:
        service.load(session, folder)
    session.rollback()
    assert info.value.report.conflicts == ["cnn-layers"]
    assert _snapshot(session) == before


def test_loader_conflict_policies(session, tmp_path):
    _admin_edit(session, "cnn-layers", "Edited by an admin.")
    folder = _copy_bank(tmp_path)
    path = folder / "cnn.yaml"
    path.write_text(
        path.read_text().replace(
            "What are the different layers in a CNN?", "Which layers make up a CNN?"
        )
    )
    report = service.load(session, folder, policy=ConflictPolicy.KEEP_DB)
    session.commit()
    assert report.conflicts == ["cnn-layers"]
    assert session.get(Question, "cnn-layers").answer == "Edited by an admin."
    report = service.load(session, folder, policy=ConflictPolicy.OVERWRITE)
    session.commit()
    assert report.overwritten == ["cnn-layers"]
    assert session.get(Question, "cnn-layers").prompt == "Which layers make up a CNN?"


def test_loader_records_a_file_that_caught_up_with_an_admin_edit(session, tmp_path):
    """An edit exported and committed to questions/ is in sync afterwards: the next bank
    change to that question is an update, not a conflict."""
    _admin_edit(session, "pooling", "Edited by an admin.")
    folder = tmp_path / "bank"
    write_bank(session, folder)
    report = service.load(session, folder)
    session.commit()
    assert report.unchanged.count("pooling") == 1 and not report.kept_edits
    path = folder / "cnn.yaml"
    path.write_text(path.read_text().replace("Edited by an admin.", "Edited, then committed."))
    report = service.load(session, folder)
    session.commit()
    assert report.updated == ["pooling"] and not report.conflicts
    assert session.get(Question, "pooling").answer == "Edited, then committed."
