"""Jinja2 set-up and the one helper that decides between a full page and an htmx partial."""

from functools import lru_cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.datastructures import URL

from app.config import get_settings
from app.web.display_names import counted, drill_title, key_point
from app.web.local_time import iso_utc, local_time, zone_names
from app.web.rendering import render_inline, render_markdown

templates = Jinja2Templates(directory=str(get_settings().templates_dir))
templates.env.filters["markdown"] = render_markdown
templates.env.filters["markdown_inline"] = render_inline
templates.env.filters["local_time"] = local_time
templates.env.filters["iso_utc"] = iso_utc
templates.env.globals["zone_names"] = zone_names()
templates.env.globals["drill_title"] = drill_title
templates.env.filters["counted"] = counted
templates.env.filters["key_point"] = key_point
templates.env.globals["csrf_token"] = lambda request: getattr(request.state, "csrf_token", "")


@pass_context
def url_for(context: Any, name: str, /, **path_params: Any) -> URL:
    """The path of route ``name``. Starlette's own walks every route on each call (about
    1 ms here), and a page of the bank links hundreds of questions; paths never change
    while the app runs, so each one is worked out once."""
    return URL(_route_path(context["request"].app, name, tuple(sorted(path_params.items()))))


@lru_cache(maxsize=16_384)
def _route_path(app: Any, name: str, path_params: tuple[tuple[str, Any], ...]) -> str:
    return str(app.url_path_for(name, **dict(path_params)))


templates.env.globals["url_for"] = url_for
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
