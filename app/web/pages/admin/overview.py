"""The admin dashboard and the audit log: what the bank holds and who changed what."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.admin import screens
from app.web.deps import SessionDep
from app.web.pages.admin.common import NO_NUL, PREFIX, AdminPage, page

router = APIRouter(prefix=PREFIX)


@router.get("", response_class=HTMLResponse, name="admin_dashboard")
def dashboard(request: Request, db: SessionDep, user: AdminPage) -> HTMLResponse:
    """Counts and the latest changes."""
    return page(request, user, "admin/dashboard.html", "dashboard", screens.dashboard(db))


@router.get("/audit", response_class=HTMLResponse, name="admin_audit")
def audit_log(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    action: Annotated[str, Query(max_length=40, pattern=NO_NUL)] = "",
    target: Annotated[str, Query(max_length=120, pattern=NO_NUL)] = "",
    page_no: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """Who changed what, newest first, filtered by action and target."""
    context = screens.audit_log(db, action=action, target=target, page=page_no)
    return page(request, user, "admin/audit.html", "audit", context)
