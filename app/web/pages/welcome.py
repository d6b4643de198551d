"""The page a visitor without a session sees first: practice starts with a POST.

Looking at a page never creates anything; pressing "Start practising" creates the guest
learner (with its deck), and only then the pages that need one open.
"""

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.web.auth import OptionalUser, PageUser
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


def safe_next(target: str) -> str:
    """Only same-site paths: never redirect to another host."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


@router.get("/welcome", response_class=HTMLResponse, response_model=None)
def welcome_page(
    request: Request, user: OptionalUser, next: Annotated[str, Query(max_length=500)] = "/"
) -> Response:
    """Start practising (a button), log in, or browse; a visitor with a session goes on."""
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "welcome.html", {"user": None, "next": safe_next(next)})


@router.post("/welcome", response_class=HTMLResponse, response_model=None, name="start_practising")
def start_practising(user: PageUser, next: Annotated[str, Form(max_length=500)] = "/") -> Response:
    """The visitor becomes a guest learner (``PageUser`` creates it on a POST) and goes on."""
    return RedirectResponse(safe_next(next), status_code=303)
