"""The bank as files: download a zip of YAML, upload YAML to preview and apply in one go.

An upload replaces the topic files it contains; the other topics come from the database,
so the bank is validated as a whole (siblings across topics, unique ids). Applying runs
the loader with the upload winning, after a preview the admin has seen: the preview's
token must still match, so an edit saved in between is never overwritten unseen.
"""

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.admin import audit, entry_diff, revisions
from app.admin.errors import AdminError, Invalid
from app.bank.convert import canonical_entry, content_hash, entry_from_question, question_hash
from app.bank.exporter import export_bank
from app.bank.loader import ConflictPolicy, LoadReport, load_bank
from app.bank.schema import BankFile
from app.bank.service import engine_hooks
from app.bank.validate import BankInvalid, LoadedFile, cross_check, parse_file
from app.bank.yaml_source import SourceDocument
from app.models import Question, Topic, User

MAX_UPLOAD_BYTES = 2_000_000  # the app refuses larger request bodies anyway
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}\.ya?ml$")


@dataclass
class Preview:
    """What applying an upload would do (or did)."""

    token: str
    files: list[str]
    report: LoadReport
    missing: list[str] = field(default_factory=list)
    diffs: dict[str, list[revisions.DiffLine]] = field(default_factory=dict)
    questions: list[entry_diff.QuestionDiff] = field(default_factory=list)  # field by field
    not_shown: list[str] = field(default_factory=list)  # changed, past the page's line budget
    max_page_lines: int = entry_diff.MAX_PAGE_LINES


def export_zip(session: Session) -> bytes:
    """Every topic file, as ``bank load`` reads them, in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_bank(session).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def read_upload(filename: str, data: bytes) -> list[tuple[str, str]]:
    """``(name, text)`` of an uploaded ``.yaml`` file or of the ``.yaml`` files in a zip."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise Invalid(f"files: '{filename}' is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB")
    if not filename.lower().endswith(".zip"):
        return [(filename, _decode(filename, data))]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise Invalid(f"files: '{filename}' is not a zip file") from None
    members = [i for i in archive.infolist() if i.filename.lower().endswith((".yaml", ".yml"))]
    if len(members) > 100:
        raise Invalid(f"files: '{filename}' holds more than 100 files")
    budget = MAX_UPLOAD_BYTES
    texts = []
    for info in (i for i in members if not i.is_dir()):
        content = _read_member(filename, archive, info, budget)
        budget -= len(content)
        texts.append((Path(info.filename).name, _decode(info.filename, content)))
    return texts


def _read_member(
    filename: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int
) -> bytes:
    """A member's bytes, read at most ``budget`` (+1) bytes far whatever its header claims."""
    where = f"files: '{filename}': '{info.filename}'"
    if info.flag_bits & 0x1:
        raise Invalid(f"{where} is encrypted; upload it without a password")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise Invalid(f"{where} uses an unsupported compression method (use deflate)")
    try:
        with archive.open(info) as member:
            content = member.read(budget + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
        raise Invalid(f"{where} is damaged and cannot be read") from None
    if len(content) > budget:
        raise Invalid(
            f"files: '{filename}' unpacks to more than {MAX_UPLOAD_BYTES // 1_000_000} MB"
        )
    return content


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(f"files: '{name}' is not UTF-8 text") from None


def _stored_files(session: Session) -> dict[str, LoadedFile]:
    """The database's bank as validated files, without a YAML round trip (it is slow)."""
    files = {}
    for topic in session.scalars(select(Topic).order_by(Topic.position, Topic.slug)):
        rows = session.scalars(
            select(Question).where(Question.topic == topic.slug).order_by(Question.position)
        )
        bank_file = BankFile(
            topic=topic.slug,
            title=topic.title,
            order=topic.position,
            questions=[entry_from_question(q) for q in rows],
        )
        name = f"{topic.slug}.yaml (stored)"
        files[topic.slug] = LoadedFile(SourceDocument(Path(name), None), bank_file, name)
    return files


def _merged(session: Session, uploads: list[tuple[str, str]]) -> list[LoadedFile]:
    """The database's bank with the uploaded topic files in place of its own; validated."""
    if not uploads:
        raise Invalid("files: choose at least one .yaml or .zip file")
    files = _stored_files(session)
    problems = []
    for name, content in uploads:
        name = Path(name).name
        if not _NAME.match(name):
            raise Invalid(f"files: '{name}' is not a topic file name like cnn.yaml")
        loaded, found = parse_file(Path(name), content)
        problems.extend(found)
        files.pop(Path(name).stem, None)
        if loaded is not None:
            files[loaded.bank_file.topic] = loaded
    merged = list(files.values())
    # The validator's cross-file rules (unique ids and sources, symmetric siblings, templates).
    problems.extend(cross_check(merged, engine_hooks()))
    if problems:
        raise BankInvalid(problems)
    return merged


def _token(session: Session, files: list[LoadedFile]) -> str:
    digest = hashlib.sha256()
    for lf in files:
        for entry in lf.bank_file.questions:
            digest.update(content_hash(canonical_entry(entry)).encode())
        digest.update(f"{lf.bank_file.topic}|{lf.bank_file.title}|{lf.bank_file.order}".encode())
    for question_id, version in session.execute(
        select(Question.id, Question.version).order_by(Question.id)
    ):
        digest.update(f"{question_id}:{version};".encode())
    return digest.hexdigest()[:32]


@dataclass
class _Changes:
    diffs: dict[str, list[revisions.DiffLine]]  # the whole entry's YAML (the API's diff)
    questions: list[entry_diff.QuestionDiff]  # field by field (the page's)
    missing: list[str]


def _changes(session: Session, files: list[LoadedFile]) -> _Changes:
    """Diffs of the questions the upload differs on, and stored ids it does not mention."""
    rows = {q.id: q for q in session.scalars(select(Question))}
    diffs: dict[str, list[revisions.DiffLine]] = {}
    questions = []
    for lf in files:
        for entry in lf.bank_file.questions:
            new = canonical_entry(entry)
            row = rows.pop(entry.id, None)
            if row is None or question_hash(row) != content_hash(new):
                old = revisions.snapshot(row) if row is not None else None
                diffs[entry.id] = revisions.diff_lines(
                    old, new, old_name="stored", new_name="upload"
                )
                questions.append(entry_diff.question_diff(entry.id, old, new))
    return _Changes(diffs, questions, sorted(rows))


def _result(token: str, names: list[str], report: LoadReport, changes: _Changes) -> Preview:
    """What the page and the API show; a kept admin edit is no change."""
    kept = set(report.kept_edits)
    diffs = {k: v for k, v in changes.diffs.items() if k not in kept}
    changed = [q for q in changes.questions if q.question_id not in kept]
    shown, not_shown = entry_diff.within_budget(changed)
    return Preview(token, names, report, changes.missing, diffs, shown, not_shown)


def preview(session: Session, uploads: list[tuple[str, str]]) -> Preview:
    """Validate (raises ``BankInvalid``) and report what applying would change; changes nothing."""
    files = _merged(session, uploads)
    token = _token(session, files)
    changes = _changes(session, files)
    try:
        report = load_bank(session, files, policy=ConflictPolicy.OVERWRITE)
    finally:
        session.rollback()
    return _result(token, [Path(name).name for name, _ in uploads], report, changes)


def _begin_write(session: Session) -> None:
    """Take the write lock now, so nothing changes between the token check and the load."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE questions SET version = version WHERE 0"))
    else:
        session.execute(select(Question.id).order_by(Question.id).with_for_update())


def apply(
    session: Session,
    uploads: list[tuple[str, str]],
    *,
    token: str,
    author: User,
    now: datetime,
) -> Preview:
    """Apply an upload as previewed, in one transaction; 409 if anything changed since.

    Changed questions keep the ``bank_hash`` of the last ``bank load`` (new ones get none):
    an upload is an admin edit, so a later ``bank load`` keeps it or reports a conflict.
    """
    files = _merged(session, uploads)
    _begin_write(session)
    if token != _token(session, files):
        session.rollback()
        raise AdminError(
            409, "token: the bank or the files changed since the preview; preview the upload again"
        )
    changes = _changes(session, files)
    rows = {q.id: q for q in session.scalars(select(Question))}
    bank_hashes = {question_id: q.bank_hash for question_id, q in rows.items()}
    for question_id in changes.diffs:
        if question_id in rows:
            revisions.ensure_baseline(session, rows[question_id])
    report = load_bank(session, files, policy=ConflictPolicy.OVERWRITE)
    names = [Path(name).name for name, _ in uploads]
    for question_id in report.created + report.updated + report.overwritten:
        _record_import(session, question_id, bank_hashes, author=author, now=now, names=names)
    audit.record(
        session,
        actor=author,
        action="bank.import",
        target="bank",
        now=now,
        detail={
            "files": names,
            "created": report.created,
            "updated": report.updated,
            "overwritten": report.overwritten,
            "kept_edits": report.kept_edits,
            "topics_changed": report.topics_changed,
        },
    )
    session.commit()
    return _result(token, names, report, changes)


def _record_import(
    session: Session,
    question_id: str,
    bank_hashes: dict[str, str | None],
    *,
    author: User,
    now: datetime,
    names: list[str],
) -> None:
    question = session.get(Question, question_id)
    assert question is not None
    question.bank_hash = bank_hashes.get(question_id)
    question.updated_at = now
    if question_id not in bank_hashes:
        question.created_at = now
    session.flush()
    revisions.record(
        session, question, author=author, message=f"bank import ({', '.join(names)})", now=now
    )
    audit.record(
        session,
        actor=author,
        action="question.import",
        target=f"question:{question_id}",
        now=now,
        detail={"version": question.version, "files": names},
    )
