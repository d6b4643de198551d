"""The admin area in the browser: questions with live preview and history, users, audit, bank."""

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.admin import bank_io, screens, users, variants
from app.admin import questions as service
from app.admin.errors import AdminError, StaleVersion
from app.admin.forms import QuestionForm
from app.admin.schemas import QuestionCreate, QuestionEdit
from app.bank.validate import BankInvalid
from app.models import Question, User
from app.web.auth import NowDep, resolve_auth
from app.web.deps import SessionDep
from app.web.templating import render

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot compare text with NUL in it: 422, not 500
QuestionId = Annotated[str, Path(max_length=80, pattern=NO_NUL)]
TemplateId = Annotated[str, Path(max_length=80, pattern=NO_NUL)]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MULTI_FIELDS = ("kp_label", "kp_phrases", "template")
USER_ACTIONS: dict[str, dict[str, Any]] = {
    "promote": {"role": "admin"},
    "demote": {"role": "learner"},
    "disable": {"disabled": True},
    "enable": {"disabled": False},
}


def admin_page_user(request: Request, db: SessionDep) -> User:
    """An admin; anonymous visitors and guests are sent to log in, learners get 403."""
    auth = resolve_auth(request, db)
    if auth is None or auth.user.is_guest:
        target = request.url.path if request.method == "GET" else "/admin"
        if request.method == "GET" and request.url.query:
            target += "?" + request.url.query
        location = "/login?" + urlencode({"next": target})
        headers = {"Location": location, "HX-Redirect": location}
        raise HTTPException(303, detail="log in as an admin to see this page", headers=headers)
    if auth.user.role != "admin":
        raise HTTPException(403, detail="This area is for admins only.")
    return auth.user


AdminPage = Annotated[User, Depends(admin_page_user)]
Version = Annotated[int, Form(ge=1, le=2**31 - 1)]
router = APIRouter(
    prefix="/admin",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(admin_page_user)],
)


async def question_form(request: Request) -> QuestionForm:
    """The posted question form (repeated fields as lists)."""
    form = await request.form()
    data: dict[str, Any] = {k: form.getlist(k) for k in MULTI_FIELDS}
    data.update({k: v for k, v in form.items() if k not in MULTI_FIELDS and isinstance(v, str)})
    return QuestionForm.parse(data)


async def uploaded_files(request: Request) -> list[tuple[str, str]] | AdminError:
    """Uploaded ``files`` (YAML or zip), or the texts a preview page carries forward."""
    form = await request.form()
    found: list[tuple[str, str]] = []
    try:
        for upload in form.getlist("files"):
            if not isinstance(upload, str) and upload.filename:
                data = await upload.read(bank_io.MAX_UPLOAD_BYTES + 1)
                await upload.close()
                found.extend(bank_io.read_upload(upload.filename, data))
    except AdminError as exc:
        return exc
    names, texts = form.getlist("file_name"), form.getlist("file_text")
    # Browsers send form values with CRLF line ends; YAML reads either, hashes should not differ.
    found.extend((str(n), str(t).replace("\r\n", "\n")) for n, t in zip(names, texts, strict=False))
    return found


PostedQuestion = Annotated[QuestionForm, Depends(question_form)]
Uploads = Annotated[list[tuple[str, str]] | AdminError, Depends(uploaded_files)]


def _page(
    request: Request, user: User, name: str, section: str, context: dict[str, Any], **kw: Any
) -> HTMLResponse:
    context = {"user": user, "active": "admin", "section": section, **context}
    return render(request, name, context, **kw)


def _to(request: Request, question_id: QuestionId, saved: int) -> Response:
    url = request.url_for("admin_question", question_id=question_id)
    return RedirectResponse(str(url.include_query_params(saved=saved)), status_code=303)


def _question(db: SessionDep, question_id: str) -> Question:
    try:
        return service.get(db, question_id=question_id)
    except AdminError as exc:
        raise HTTPException(exc.status, detail=exc.detail) from None


def _form_page(
    request: Request,
    db: SessionDep,
    user: User,
    form: QuestionForm,
    question: Question | None,
    *,
    error: str | None = None,
    saved: int | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {**screens.question_form(db, form, question), "error": error, "saved": saved}
    return _page(request, user, "admin/edit.html", "questions", context, status_code=status_code)


@router.get("", response_class=HTMLResponse, name="admin_dashboard")
def dashboard(request: Request, db: SessionDep, user: AdminPage) -> HTMLResponse:
    """Counts and the latest changes."""
    return _page(request, user, "admin/dashboard.html", "dashboard", screens.dashboard(db))


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@router.get("/questions", response_class=HTMLResponse, name="admin_questions")
def question_list(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    topic: Annotated[str, Query(max_length=40, pattern=NO_NUL)] = "",
    difficulty: Annotated[str, Query(max_length=10, pattern=NO_NUL)] = "",
    correction: Annotated[str, Query(max_length=3, pattern=NO_NUL)] = "",
    retired: Annotated[str, Query(max_length=3, pattern=NO_NUL)] = "",
) -> HTMLResponse:
    """Search and filter every question; htmx gets just the rows."""
    filters = service.Filters(q, topic, difficulty, _yes_no(correction), _yes_no(retired))
    chosen = {"q": q, "topic": topic, "difficulty": difficulty, "correction": correction}
    context = {**screens.question_list(db, filters), "filters": {**chosen, "retired": retired}}
    partial = "partials/_admin_question_rows.html"
    return _page(request, user, "admin/questions.html", "questions", context, partial=partial)


@router.get("/questions/new", response_class=HTMLResponse, name="admin_new_question")
def new_question(request: Request, db: SessionDep, user: AdminPage) -> HTMLResponse:
    """An empty question form."""
    return _form_page(request, db, user, QuestionForm(), None)


@router.post("/questions/new", response_class=HTMLResponse, name="admin_create_question")
def create_question(
    request: Request, db: SessionDep, user: AdminPage, now: NowDep, form: PostedQuestion
) -> Response:
    """Create, then go to the new question's page."""
    try:
        data = form.body(QuestionCreate, id=form.id or None)
        created = service.create(db, data=data, author=user, now=now)
    except AdminError as exc:
        return _form_page(request, db, user, form, None, error=exc.detail, status_code=exc.status)
    return _to(request, created.id, created.version)


@router.get("/questions/{question_id}", response_class=HTMLResponse, name="admin_question")
def edit_question(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    question_id: QuestionId,
    saved: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    """The edit form with live preview, template variants and a link to the history."""
    question = _question(db, question_id)
    return _form_page(request, db, user, QuestionForm.of(question), question, saved=saved)


@router.post("/questions/{question_id}", response_class=HTMLResponse, name="admin_save_question")
def save_question(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    question_id: QuestionId,
    form: PostedQuestion,
) -> Response:
    """Save; a stale version gets the conflict page (409) with both versions side by side."""
    question = _question(db, question_id)
    try:
        edit = form.body(QuestionEdit, version=form.version or 1)
        saved = service.update(
            db, question_id=question_id, edit=edit, author=user, now=now, message=form.message
        )
    except StaleVersion as exc:
        context = {**screens.conflict(db, form, exc), "error": exc.detail}
        return _page(request, user, "admin/conflict.html", "questions", context, status_code=409)
    except AdminError as exc:
        return _form_page(
            request, db, user, form, question, error=exc.detail, status_code=exc.status
        )
    return _to(request, question_id, saved.version)


@router.post("/preview", response_class=HTMLResponse, name="admin_preview")
def preview(request: Request, form: PostedQuestion) -> HTMLResponse:
    """The form's Markdown and math rendered as learners will see them (for htmx)."""
    return render(request, "partials/_admin_preview.html", {"form": form})


@router.get("/templates/{template_id}/variants", response_class=HTMLResponse, name="admin_variants")
def template_variants(
    request: Request,
    user: AdminPage,
    template_id: TemplateId,
    seed: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
) -> HTMLResponse:
    """Five variants with their answers; htmx gets just the list."""
    try:
        shown = variants.preview(template_id=template_id, seed=seed)
    except AdminError as exc:
        raise HTTPException(exc.status, detail=exc.detail) from None
    context = {"template_id": template_id, "variants": shown}
    partial = "partials/_admin_variants.html"
    return _page(request, user, "admin/variants.html", "questions", context, partial=partial)


def _retire(request: Request, db: SessionDep, user: User, now: Any, **kw: Any) -> Response:
    try:
        question = service.set_retired(db, author=user, now=now, **kw)
    except AdminError as exc:
        question = _question(db, kw["question_id"])
        form = QuestionForm.of(question)
        return _form_page(
            request, db, user, form, question, error=exc.detail, status_code=exc.status
        )
    return _to(request, question.id, question.version)


@router.post("/questions/{question_id}/retire", name="admin_retire")
def retire(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    question_id: QuestionId,
    version: Version,
) -> Response:
    """Take the question out of every deck (learners' history is kept)."""
    return _retire(request, db, user, now, question_id=question_id, retired=True, based_on=version)


@router.post("/questions/{question_id}/restore", name="admin_restore")
def restore(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    question_id: QuestionId,
    version: Version,
) -> Response:
    """Put the question back into every deck."""
    return _retire(request, db, user, now, question_id=question_id, retired=False, based_on=version)


def _history(
    request: Request,
    db: SessionDep,
    user: User,
    question_id: QuestionId,
    show: int | None,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {**screens.history(db, _question(db, question_id), show), "error": error}
    return _page(request, user, "admin/history.html", "questions", context, status_code=status_code)


@router.get("/questions/{question_id}/history", response_class=HTMLResponse, name="admin_history")
def history(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    question_id: QuestionId,
    show: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    """Every revision with author and time, the diff of one, and revert buttons."""
    return _history(request, db, user, question_id, show)


@router.post("/questions/{question_id}/revert", name="admin_revert")
def revert(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    question_id: QuestionId,
    version: Version,
    revision: Version,
) -> Response:
    """Go back to a revision; the result is a new revision."""
    try:
        question = service.revert(
            db, question_id=question_id, revision=revision, based_on=version, author=user, now=now
        )
    except AdminError as exc:
        return _history(
            request, db, user, question_id, revision, error=exc.detail, status_code=exc.status
        )
    return _to(request, question_id, question.version)


def _users(request: Request, db: SessionDep, user: User, q: str = "", **kw: Any) -> HTMLResponse:
    status_code = kw.pop("status_code", 200)
    context = {**screens.user_list(db, q), "notice": None, "error": None, **kw}
    return _page(request, user, "admin/users.html", "users", context, status_code=status_code)


@router.get("/users", response_class=HTMLResponse, name="admin_users")
def user_list(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    q: Annotated[str, Query(max_length=254, pattern=NO_NUL)] = "",
) -> HTMLResponse:
    """Registered accounts with promote, demote, disable and enable buttons."""
    return _users(request, db, user, q)


@router.post("/users/{user_id}", response_class=HTMLResponse, name="admin_change_user")
def change_user(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    user_id: UserId,
    action: Annotated[str, Form(max_length=10)],
) -> HTMLResponse:
    """Promote, demote, disable (ends their sessions) or enable one user."""
    if action not in USER_ACTIONS:
        return _users(request, db, user, error=f"action: unknown '{action}'", status_code=422)
    try:
        changed = users.change(db, user_id=user_id, actor=user, now=now, **USER_ACTIONS[action])
    except AdminError as exc:
        return _users(request, db, user, error=exc.detail, status_code=exc.status)
    return _users(request, db, user, notice=f"{changed.email}: {action}d.")


@router.get("/audit", response_class=HTMLResponse, name="admin_audit")
def audit_log(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    action: Annotated[str, Query(max_length=40, pattern=NO_NUL)] = "",
    target: Annotated[str, Query(max_length=120, pattern=NO_NUL)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """Who changed what, newest first, filtered by action and target."""
    context = screens.audit_log(db, action=action, target=target, page=page)
    return _page(request, user, "admin/audit.html", "audit", context)


def _bank(request: Request, user: User, status_code: int = 200, **context: Any) -> HTMLResponse:
    context = {"preview": None, "uploads": [], "problems": [], "error": None, **context}
    return _page(request, user, "admin/bank.html", "bank", context, status_code=status_code)


@router.get("/bank", response_class=HTMLResponse, name="admin_bank")
def bank_page(request: Request, user: AdminPage) -> HTMLResponse:
    """Download the bank; upload topic files to preview, then apply."""
    return _bank(request, user)


@router.get("/bank/export", name="admin_bank_export")
def bank_export(db: SessionDep) -> Response:
    """The bank as a zip of topic YAML files."""
    headers = {"Content-Disposition": 'attachment; filename="backprop-bank.zip"'}
    return Response(bank_io.export_zip(db), media_type="application/zip", headers=headers)


def _run_bank(
    request: Request,
    user: User,
    uploads: list[tuple[str, str]] | AdminError,
    action: Callable[[list[tuple[str, str]]], bank_io.Preview],
    *,
    applied: bool,
) -> HTMLResponse:
    try:
        if isinstance(uploads, AdminError):
            raise uploads
        result = action(uploads)
    except BankInvalid as exc:
        return _bank(request, user, 422, problems=[str(p) for p in exc.problems])
    except AdminError as exc:
        return _bank(request, user, exc.status, error=exc.detail)
    return _bank(request, user, preview=result, uploads=uploads, applied=applied)


@router.post("/bank/preview", response_class=HTMLResponse, name="admin_bank_preview")
def bank_preview(
    request: Request, db: SessionDep, user: AdminPage, uploads: Uploads
) -> HTMLResponse:
    """Validate the upload and show what applying it would change."""
    return _run_bank(request, user, uploads, lambda f: bank_io.preview(db, f), applied=False)


@router.post("/bank/apply", response_class=HTMLResponse, name="admin_bank_apply")
def bank_apply(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    uploads: Uploads,
    token: Annotated[str, Form(max_length=100)],
) -> HTMLResponse:
    """Apply the previewed upload in one transaction."""

    def apply(files: list[tuple[str, str]]) -> bank_io.Preview:
        return bank_io.apply(db, files, token=token, author=user, now=now)

    return _run_bank(request, user, uploads, apply, applied=True)
