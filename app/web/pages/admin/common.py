"""What every admin page shares: who may see it, path parameters, the page frame."""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Form, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from app.models import User
from app.web.auth import resolve_auth
from app.web.deps import SessionDep
from app.web.templating import render

PREFIX = "/admin"  # each section's router carries it: the dashboard is the prefix itself
NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot compare text with NUL in it: 422, not 500
QuestionId = Annotated[str, Path(max_length=80, pattern=NO_NUL)]
TemplateId = Annotated[str, Path(max_length=80, pattern=NO_NUL)]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Version = Annotated[int, Form(ge=1, le=2**31 - 1)]


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


def page(
    request: Request, user: User, name: str, section: str, context: dict[str, Any], **kw: Any
) -> HTMLResponse:
    """An admin page: ``section`` is highlighted in the admin navigation."""
    context = {"user": user, "active": "admin", "section": section, **context}
    return render(request, name, context, **kw)
