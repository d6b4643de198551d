"""The bank as files: zip export round trip, upload preview, all-or-nothing apply."""

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.admin import bank_io, revisions
from app.admin import questions as service
from app.admin.errors import AdminError, Invalid
from app.admin.present import represent
from app.admin.schemas import QuestionEdit
from app.bank import service as bank_service
from app.bank.convert import question_hash
from app.bank.exporter import export_bank
from app.bank.validate import BankInvalid
from app.db import make_engine, make_session_factory
from app.migrate import upgrade
from app.models import AuditEntry, Question
from tests.admin.helpers import make_admin
from tests.conftest import BANK_DIR, bank_size
from tests.factories import T0

LATER = T0 + timedelta(hours=1)
CNN = (BANK_DIR / "cnn.yaml").read_text()
FIRST_ANSWER_LINE = "      A convolutional network is built from a handful of layer types, usually repeated in blocks:\n"


def _cnn_with_new_answer() -> str:
    assert FIRST_ANSWER_LINE in CNN
    return CNN.replace(
        FIRST_ANSWER_LINE, "      A CNN stacks a few kinds of layer, repeated in blocks:\n", 1
    )


def _state(session) -> dict[str, tuple[int, str]]:
    session.expire_all()
    return {q.id: (q.version, question_hash(q)) for q in session.scalars(select(Question))}


def test_admin_export_zip_loads_back_into_an_empty_database_identically(session, tmp_path):
    data = bank_io.export_zip(session)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path / "bank")
    assert names == sorted(p.name for p in BANK_DIR.glob("*.yaml"))
    url = f"sqlite:///{tmp_path / 'copy.db'}"
    upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as copy:
        report = bank_service.load(copy, tmp_path / "bank")
        copy.commit()
        assert len(report.created) == bank_size()[0]
        assert export_bank(copy) == export_bank(session)
    engine.dispose()


def test_admin_preview_shows_the_change_and_changes_nothing(session):
    before = _state(session)
    result = bank_io.preview(session, [("cnn.yaml", _cnn_with_new_answer())])
    assert result.report.updated == ["cnn-layers"]
    assert len(result.report.unchanged) == bank_size()[0] - 1 and not result.report.created
    assert ("add", "+  A CNN stacks a few kinds of layer, repeated in blocks:") in result.diffs[
        "cnn-layers"
    ]
    assert list(result.diffs) == ["cnn-layers"] and result.files == ["cnn.yaml"]
    assert _state(session) == before


def test_admin_apply_changes_in_one_go_with_revisions_and_keeps_bank_hash(session):
    admin = make_admin(session)
    uploads = [("cnn.yaml", _cnn_with_new_answer())]
    token = bank_io.preview(session, uploads).token
    bank_hash = session.get(Question, "cnn-layers").bank_hash
    result = bank_io.apply(session, uploads, token=token, author=admin, now=LATER)
    assert result.report.updated == ["cnn-layers"]
    session.expire_all()
    question = session.get(Question, "cnn-layers")
    assert question.answer.startswith("A CNN stacks") and question.version == 2
    assert question.bank_hash == bank_hash  # an upload is an admin edit: bank load keeps it
    lines = revisions.get_all(session, question_id="cnn-layers")
    assert [(ln.revision.version, ln.author) for ln in lines] == [(2, admin.email), (1, None)]
    actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["question.import", "bank.import"]
    report = bank_service.load(session, BANK_DIR)
    assert "cnn-layers" in report.kept_edits and not report.changed


def test_admin_invalid_upload_reports_file_and_line_and_changes_nothing(session):
    before = _state(session)
    bad = CNN.replace("difficulty: easy", "difficulty: simple", 1)
    with pytest.raises(BankInvalid) as caught:
        bank_io.preview(session, [("cnn.yaml", bad)])
    assert str(caught.value.problems[0]).startswith("cnn.yaml:8: ")
    with pytest.raises(BankInvalid):
        bank_io.apply(
            session, [("cnn.yaml", bad)], token="x", author=make_admin(session), now=LATER
        )
    assert _state(session) == before


def test_admin_upload_checks_siblings_across_topics(session):
    text = CNN.replace("    siblings: []\n", "    siblings: [what-is-deep-learning]\n", 1)
    with pytest.raises(BankInvalid) as caught:
        bank_io.preview(session, [("cnn.yaml", text)])
    assert any("does not list" in str(p) for p in caught.value.problems)


def test_admin_apply_is_all_or_nothing(session, monkeypatch):
    admin = make_admin(session)
    two = _cnn_with_new_answer().replace(
        "prompt: What are the different layers in a CNN?", "prompt: Which layers make a CNN?", 1
    )
    second_prompt = (
        session.scalars(select(Question).where(Question.topic == "cnn").order_by(Question.position))
        .all()[1]
        .prompt
    )
    two = two.replace(f"prompt: {second_prompt}\n", "prompt: A changed second prompt?\n", 1)
    uploads = [("cnn.yaml", two)]
    token = bank_io.preview(session, uploads).token
    assert len(bank_io.preview(session, uploads).report.updated) == 2
    before = _state(session)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    original = bank_io._record_import
    monkeypatch.setattr(bank_io, "_record_import", failing)
    with pytest.raises(RuntimeError):
        bank_io.apply(session, uploads, token=token, author=admin, now=LATER)
    session.rollback()
    assert _state(session) == before


def test_admin_apply_refuses_when_the_bank_changed_since_the_preview(session):
    admin = make_admin(session)
    uploads = [("cnn.yaml", _cnn_with_new_answer())]
    token = bank_io.preview(session, uploads).token
    data = represent(
        session.get(Question, "cnn-pooling-layers")
        or session.scalars(select(Question).where(Question.topic == "cnn")).all()[2]
    )
    data["answer"] = "Edited between preview and apply."
    service.update(
        session,
        question_id=data["id"],
        edit=QuestionEdit.model_validate(data),
        author=admin,
        now=LATER,
    )
    before = _state(session)
    with pytest.raises(AdminError) as caught:
        bank_io.apply(session, uploads, token=token, author=admin, now=LATER)
    assert caught.value.status == 409 and "preview the upload again" in caught.value.detail
    assert _state(session) == before


def test_admin_upload_adds_a_new_question_as_admin_created(session):
    admin = make_admin(session)
    new = """  - id: depthwise-separable
    topic: cnn
    difficulty: hard
    prompt: What is a depthwise separable convolution?
    answer: A per-channel spatial convolution followed by a 1×1 convolution.
    key_points:
      - label: Depthwise step
        phrases: [depthwise]
      - label: Pointwise step
        phrases: [pointwise, 1x1]
    siblings: []
"""
    uploads = [("cnn.yaml", CNN + new)]
    result = bank_io.apply(
        session, uploads, token=bank_io.preview(session, uploads).token, author=admin, now=LATER
    )
    assert result.report.created == ["depthwise-separable"]
    created = session.get(Question, "depthwise-separable")
    assert created.bank_hash is None and created.created_at == LATER
    assert represent(created)["bank_state"] == "admin-created"


def test_admin_read_upload_takes_yaml_files_out_of_a_zip(session):
    archive = bank_io.export_zip(session)
    files = bank_io.read_upload("bank.zip", archive)
    assert len(files) == bank_size()[1] and ("cnn.yaml", CNN) in files
    with pytest.raises(Invalid, match="not a zip file"):
        bank_io.read_upload("bank.zip", b"not a zip")
    with pytest.raises(Invalid, match="not UTF-8"):
        bank_io.read_upload("cnn.yaml", b"\xff\xfe")
    with pytest.raises(Invalid, match="not a topic file name"):
        bank_io.preview(session, [("../cnn.txt", "x")])
