"""Jinja2 set-up and the one helper that decides between a full page and an htmx partial."""

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.config import get_settings
from app.web.rendering import render_inline, render_markdown

templates = Jinja2Templates(directory=str(get_settings().templates_dir))
templates.env.filters["markdown"] = render_markdown
templates.env.filters["markdown_inline"] = render_inline
templates.env.globals["csrf_token"] = lambda request: getattr(request.state, "csrf_token", "")
templates.env.globals["difficulty_labels"] = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}


def is_htmx(request: Request) -> bool:
    """True for requests made by htmx (but not boosted full-page navigations)."""
    return (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
    )


def render(
    request: Request,
    page: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """``page`` for a normal request; ``partial`` alone for an htmx request when given."""
    name = partial if partial is not None and is_htmx(request) else page
    return templates.TemplateResponse(request, name, context, status_code=status_code)
