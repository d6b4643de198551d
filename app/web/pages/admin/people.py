"""Admin pages for accounts: promote, demote, disable and enable."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from app.admin import screens, users
from app.admin.errors import AdminError
from app.models import User
from app.web.auth import NowDep
from app.web.deps import SessionDep
from app.web.pages.admin.common import NO_NUL, PREFIX, AdminPage, UserId, page

router = APIRouter(prefix=PREFIX)
USER_ACTIONS: dict[str, dict[str, Any]] = {
    "promote": {"role": "admin"},
    "demote": {"role": "learner"},
    "disable": {"disabled": True},
    "enable": {"disabled": False},
}


def _users(request: Request, db: SessionDep, user: User, q: str = "", **kw: Any) -> HTMLResponse:
    status_code = kw.pop("status_code", 200)
    context = {**screens.user_list(db, q), "notice": None, "error": None, **kw}
    return page(request, user, "admin/users.html", "users", context, status_code=status_code)


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
