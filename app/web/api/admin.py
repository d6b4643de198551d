"""The admin API: questions with versions and revisions, users, audit log, bank files."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.admin import audit, bank_io, revisions, users, variants
from app.admin import questions as service
from app.admin.errors import StaleVersion
from app.admin.present import represent
from app.admin.schemas import (
    AuditOut,
    AuditPage,
    BankPreviewOut,
    BankUpload,
    QuestionCreate,
    QuestionEdit,
    QuestionOut,
    QuestionPage,
    QuestionRow,
    RevertIn,
    RevisionDetail,
    RevisionOut,
    UserChange,
    UserOut,
    VariantOut,
    VersionIn,
)
from app.bank.validate import BankInvalid
from app.models import Question, User
from app.web.auth import AdminUser, NowDep, admin_user
from app.web.deps import SessionDep

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot compare text with NUL in it: 422, not 500
QuestionId = Annotated[str, Path(max_length=80, pattern=NO_NUL)]
TemplateId = Annotated[str, Path(max_length=80, pattern=NO_NUL)]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RevisionNo = Annotated[int, Path(ge=1, le=2**31 - 1)]
AUTH = {401: {"description": "Not logged in as an admin"}, 403: {"description": "Not an admin"}}
NOT_FOUND = {404: {"description": "No such question"}}
STALE = {409: {"description": "Stale version: body has current_version, current and yours"}}
router = APIRouter(
    prefix="/api/v1/admin", tags=["admin"], dependencies=[Depends(admin_user)], responses=AUTH
)


def _stale(exc: StaleVersion, yours: BaseModel) -> JSONResponse:
    current = QuestionOut.model_validate(exc.current).model_dump(mode="json")
    content = {
        "detail": exc.detail,
        "current_version": exc.current["version"],
        "current": current,
        "yours": yours.model_dump(mode="json"),
    }
    return JSONResponse(content, status_code=409)


def _out(question: Question) -> QuestionOut:
    return QuestionOut.model_validate(represent(question))


@router.get("/questions")
def list_questions(
    session: SessionDep,
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="words to search for")
    ] = None,
    topic: Annotated[str | None, Query(max_length=40, pattern=NO_NUL)] = None,
    difficulty: Annotated[str | None, Query(max_length=10, pattern=NO_NUL)] = None,
    has_correction: bool | None = None,
    retired: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> QuestionPage:
    """Every question (retired too) matching the filters, in bank order."""
    filters = service.Filters(q, topic, difficulty, has_correction, retired)
    items, total = service.get_all(session, filters=filters, limit=limit, offset=offset)
    return QuestionPage(items=[QuestionRow.of(item) for item in items], total=total)


@router.post("/questions", status_code=201, responses={409: {"description": "Id taken"}})
def create_question(
    body: QuestionCreate, session: SessionDep, user: AdminUser, now: NowDep
) -> QuestionOut:
    """A new question (an id is made from the prompt when none is given)."""
    return _out(service.create(session, data=body, author=user, now=now))


@router.get("/questions/{question_id}", responses=NOT_FOUND)
def get_question(session: SessionDep, question_id: QuestionId) -> QuestionOut:
    """The question as its bank entry, with the ``version`` a ``PUT`` must send back."""
    return _out(service.get(session, question_id=question_id))


@router.put("/questions/{question_id}", responses={**NOT_FOUND, **STALE})
def put_question(
    body: QuestionEdit, session: SessionDep, user: AdminUser, now: NowDep, question_id: QuestionId
) -> QuestionOut:
    """Save what ``GET`` returned, edited (read-only fields are ignored). 409 when stale."""
    try:
        question = service.update(session, question_id=question_id, edit=body, author=user, now=now)
    except StaleVersion as exc:
        return _stale(exc, body)  # type: ignore[return-value]
    return _out(question)


def _set_retired(
    session: Session,
    user: User,
    now: datetime,
    question_id: QuestionId,
    body: VersionIn,
    retired: bool,
) -> QuestionOut:
    try:
        question = service.set_retired(
            session,
            question_id=question_id,
            retired=retired,
            based_on=body.version,
            author=user,
            now=now,
        )
    except StaleVersion as exc:
        return _stale(exc, body)  # type: ignore[return-value]
    return _out(question)


@router.post("/questions/{question_id}/retire", responses={**NOT_FOUND, **STALE})
def retire_question(
    body: VersionIn, session: SessionDep, user: AdminUser, now: NowDep, question_id: QuestionId
) -> QuestionOut:
    """Take the question out of every deck; learners' history is kept."""
    return _set_retired(session, user, now, question_id, body, True)


@router.post("/questions/{question_id}/restore", responses={**NOT_FOUND, **STALE})
def restore_question(
    body: VersionIn, session: SessionDep, user: AdminUser, now: NowDep, question_id: QuestionId
) -> QuestionOut:
    """Put a retired question back into every deck."""
    return _set_retired(session, user, now, question_id, body, False)


@router.get("/questions/{question_id}/revisions", responses=NOT_FOUND)
def list_revisions(session: SessionDep, question_id: QuestionId) -> list[RevisionOut]:
    """The question's revisions, newest first."""
    service.get(session, question_id=question_id)
    return [RevisionOut.of(line) for line in revisions.get_all(session, question_id=question_id)]


@router.get("/questions/{question_id}/revisions/{version}", responses=NOT_FOUND)
def get_revision(
    session: SessionDep, question_id: QuestionId, version: RevisionNo
) -> RevisionDetail:
    """One revision's entry and its diff against the revision before."""
    line = revisions.get(session, question_id=question_id, version=version)
    diff = revisions.diff_text(revisions.changes(session, line.revision))
    summary = RevisionOut.of(line).model_dump()
    return RevisionDetail(**summary, snapshot=line.revision.snapshot, diff=diff)


@router.post("/questions/{question_id}/revert", responses={**NOT_FOUND, **STALE})
def revert_question(
    body: RevertIn, session: SessionDep, user: AdminUser, now: NowDep, question_id: QuestionId
) -> QuestionOut:
    """Go back to a revision's content; this is itself a new revision."""
    try:
        question = service.revert(
            session,
            question_id=question_id,
            revision=body.revision,
            based_on=body.version,
            author=user,
            now=now,
        )
    except StaleVersion as exc:
        return _stale(exc, body)  # type: ignore[return-value]
    return _out(question)


@router.get(
    "/templates/{template_id}/variants", responses={404: {"description": "No such template"}}
)
def template_variants(
    template_id: TemplateId, seed: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None
) -> list[VariantOut]:
    """Five variants of a template with their answers (learners never get these)."""
    shown = variants.preview(template_id=template_id, seed=seed)
    return [VariantOut(**vars(v)) for v in shown]


@router.get("/users")
def list_users(
    session: SessionDep, q: Annotated[str | None, Query(max_length=254, pattern=NO_NUL)] = None
) -> list[UserOut]:
    """Registered accounts, admins first."""
    found, _ = users.get_all(session, query=q)
    return [UserOut.of(u) for u in found]


@router.patch(
    "/users/{user_id}",
    responses={404: {"description": "No such user"}, 409: {"description": "Last admin"}},
)
def change_user(
    user_id: UserId,
    body: UserChange,
    session: SessionDep,
    user: AdminUser,
    now: NowDep,
) -> UserOut:
    """Promote, demote, disable (ends their sessions) or enable a user."""
    changed = users.change(
        session, user_id=user_id, role=body.role, disabled=body.disabled, actor=user, now=now
    )
    return UserOut.of(changed)


@router.get("/audit")
def list_audit(
    session: SessionDep,
    action: Annotated[str | None, Query(max_length=40, pattern=NO_NUL)] = None,
    target: Annotated[str | None, Query(max_length=120, pattern=NO_NUL)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> AuditPage:
    """Who changed what, newest first."""
    lines, total = audit.get_all(session, action=action, target=target, limit=limit, offset=offset)
    items = [AuditOut.of(line) for line in lines]
    return AuditPage(items=items, total=total)


@router.get(
    "/bank/export", response_class=Response, responses={200: {"content": {"application/zip": {}}}}
)
def export_bank(session: SessionDep) -> Response:
    """The bank as a zip of topic YAML files, in ``bank load``'s format."""
    return Response(
        bank_io.export_zip(session),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="backprop-bank.zip"'},
    )


def _invalid(exc: BankInvalid) -> JSONResponse:
    problems = [str(p) for p in exc.problems]
    detail = f"{len(problems)} problem(s); nothing was changed. First: {problems[0]}"
    return JSONResponse({"detail": detail, "problems": problems}, status_code=422)


@router.post("/bank/preview", responses={422: {"description": "Problems, as file:line: message"}})
def preview_bank(body: BankUpload, session: SessionDep) -> BankPreviewOut:
    """Validate uploaded topic files and say what importing them would change."""
    try:
        result = bank_io.preview(session, [(f.name, f.text) for f in body.files])
    except BankInvalid as exc:
        return _invalid(exc)  # type: ignore[return-value]
    return BankPreviewOut.of(result)


@router.post(
    "/bank/import",
    responses={409: {"description": "Changed since the preview"}, 422: {"description": "Problems"}},
)
def import_bank(
    body: BankUpload, session: SessionDep, user: AdminUser, now: NowDep
) -> BankPreviewOut:
    """Apply previewed files in one transaction (send the preview's ``token``)."""
    if not body.token:
        raise HTTPException(422, detail="token: preview the files first and send its token")
    try:
        result = bank_io.apply(
            session, [(f.name, f.text) for f in body.files], token=body.token, author=user, now=now
        )
    except BankInvalid as exc:
        return _invalid(exc)  # type: ignore[return-value]
    return BankPreviewOut.of(result)
