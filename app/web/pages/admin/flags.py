"""Errors learners flagged: the open ones, oldest first, and marking one resolved."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.srs import flags
from app.web.auth import NowDep
from app.web.deps import SessionDep
from app.web.pages.admin.common import PREFIX, AdminPage, page

router = APIRouter(prefix=PREFIX)
FlagId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/flags", response_class=HTMLResponse, name="admin_flags")
def flag_queue(request: Request, db: SessionDep, user: AdminPage) -> HTMLResponse:
    """Open flags with the question, the learner's note, when and who."""
    open_flags, total = flags.get_open(db)
    context = {"flags": open_flags, "total": total}
    return page(request, user, "admin/flags.html", "flags", context)


@router.post("/flags/{flag_id}/resolve", name="admin_resolve_flag")
def resolve_flag(
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    flag_id: FlagId,
    resolved: Annotated[bool, Form()],
) -> RedirectResponse:
    """Mark one flag resolved (it leaves the queue; the audit log keeps who did it)."""
    if resolved:
        flags.resolve(db, flag_id=flag_id, admin=user, now=now)
    return RedirectResponse("/admin/flags", status_code=303)
