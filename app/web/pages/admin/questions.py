"""Admin pages for questions: search, the edit form with live preview, variants, retiring."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.admin import questions as service
from app.admin import screens, variants
from app.admin.errors import AdminError, StaleVersion
from app.admin.forms import QuestionForm
from app.admin.schemas import QuestionCreate, QuestionEdit
from app.models import Question, User
from app.web.auth import NowDep
from app.web.deps import SessionDep
from app.web.pages.admin.common import (
    NO_NUL,
    PREFIX,
    AdminPage,
    QuestionId,
    TemplateId,
    Version,
    page,
)
from app.web.templating import render

router = APIRouter(prefix=PREFIX)
MULTI_FIELDS = ("kp_label", "kp_phrases", "kp_misconceptions", "template")


async def question_form(request: Request) -> QuestionForm:
    """The posted question form (repeated fields as lists)."""
    form = await request.form()
    data: dict[str, Any] = {k: form.getlist(k) for k in MULTI_FIELDS}
    data.update({k: v for k, v in form.items() if k not in MULTI_FIELDS and isinstance(v, str)})
    return QuestionForm.parse(data)


PostedQuestion = Annotated[QuestionForm, Depends(question_form)]


def to_question(request: Request, question_id: str, saved: int) -> Response:
    """Back to the question's page, saying which version was saved."""
    url = request.url_for("admin_question", question_id=question_id)
    return RedirectResponse(str(url.include_query_params(saved=saved)), status_code=303)


def form_page(
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
    return page(request, user, "admin/edit.html", "questions", context, status_code=status_code)


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
    return page(request, user, "admin/questions.html", "questions", context, partial=partial)


@router.get("/questions/new", response_class=HTMLResponse, name="admin_new_question")
def new_question(request: Request, db: SessionDep, user: AdminPage) -> HTMLResponse:
    """An empty question form."""
    return form_page(request, db, user, QuestionForm(), None)


@router.post("/questions/new", response_class=HTMLResponse, name="admin_create_question")
def create_question(
    request: Request, db: SessionDep, user: AdminPage, now: NowDep, form: PostedQuestion
) -> Response:
    """Create, then go to the new question's page."""
    try:
        data = form.body(QuestionCreate, id=form.id or None)
        created = service.create(db, data=data, author=user, now=now)
    except AdminError as exc:
        return form_page(request, db, user, form, None, error=exc.detail, status_code=exc.status)
    return to_question(request, created.id, created.version)


@router.get("/questions/{question_id}", response_class=HTMLResponse, name="admin_question")
def edit_question(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    question_id: QuestionId,
    saved: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    """The edit form with live preview, template variants and a link to the history."""
    question = service.get(db, question_id=question_id)
    return form_page(request, db, user, QuestionForm.of(question), question, saved=saved)


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
    question = service.get(db, question_id=question_id)
    try:
        edit = form.body(QuestionEdit, version=form.version or 1)
        saved = service.update(
            db, question_id=question_id, edit=edit, author=user, now=now, message=form.message
        )
    except StaleVersion as exc:
        context = {**screens.conflict(db, form, exc), "error": exc.detail}
        return page(request, user, "admin/conflict.html", "questions", context, status_code=409)
    except AdminError as exc:
        return form_page(
            request, db, user, form, question, error=exc.detail, status_code=exc.status
        )
    return to_question(request, question_id, saved.version)


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
    shown = variants.preview(template_id=template_id, seed=seed)
    context = {"template_id": template_id, "variants": shown}
    partial = "partials/_admin_variants.html"
    return page(request, user, "admin/variants.html", "questions", context, partial=partial)


def _set_retired(request: Request, db: SessionDep, user: User, now: Any, **change: Any) -> Response:
    try:
        question = service.set_retired(db, author=user, now=now, **change)
    except AdminError as exc:
        question = service.get(db, question_id=change["question_id"])
        form = QuestionForm.of(question)
        return form_page(
            request, db, user, form, question, error=exc.detail, status_code=exc.status
        )
    return to_question(request, question.id, question.version)


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
    return _set_retired(
        request, db, user, now, question_id=question_id, retired=True, based_on=version
    )


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
    return _set_retired(
        request, db, user, now, question_id=question_id, retired=False, based_on=version
    )
