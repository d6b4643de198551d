"""A question's revisions: who changed what and when, one diff at a time, and revert."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from app.admin import questions as service
from app.admin import screens
from app.admin.errors import AdminError
from app.models import User
from app.web.auth import NowDep
from app.web.deps import SessionDep
from app.web.pages.admin.common import PREFIX, AdminPage, QuestionId, Version, page
from app.web.pages.admin.questions import to_question

router = APIRouter(prefix=PREFIX)


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
    question = service.get(db, question_id=question_id)
    context = {**screens.history(db, question, show), "error": error}
    return page(request, user, "admin/history.html", "questions", context, status_code=status_code)


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
    return to_question(request, question_id, question.version)
