"""Numeric drills in the browser: pick a template, answer a fresh variant, see the worked solution."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.drill import service
from app.drill.service import MAX_SEED, Attempt, Exercise
from app.web.auth import NowDep, OptionalUser, PageUser
from app.web.deps import SessionDep
from app.web.pages.skills import skills_context
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

SeedQuery = Annotated[int | None, Query(ge=0, le=MAX_SEED)]


def _not_found(template_id: str) -> HTTPException:
    return HTTPException(404, detail=f"template '{template_id}' not found")


def _context(exercise: Exercise, attempt: Attempt | None = None) -> dict[str, Any]:
    # The form's CSRF token comes from the `csrf_token(request)` Jinja global; PageUser makes
    # sure the visitor has a session, so there is a token to post back.
    return {
        "exercise": exercise,
        "attempt": attempt,
        "next_seed": service.random_seed(),
        "kind_labels": service.KIND_LABELS,
    }


@router.get("/drill", response_class=HTMLResponse, name="drill_list")
def drill_list(request: Request, user: OptionalUser) -> HTMLResponse:
    """Every computed template, with a link to drill it."""
    context = {"templates": service.get_all(), "kind_labels": service.KIND_LABELS, "user": user}
    return render(request, "drill/list.html", context)


@router.get("/drill/{template_id}", response_class=HTMLResponse, name="drill_page")
def drill_page(
    request: Request,
    db: SessionDep,
    visitor: PageUser,
    now: NowDep,
    template_id: str,
    seed: SeedQuery = None,
) -> Response:
    """The variant for ``seed``; without one, a redirect to a random seed so the URL is linkable."""
    exercise = service.deal(template_id=template_id, seed=seed)
    if exercise is None:
        raise _not_found(template_id)
    if seed is None:
        url = request.url_for("drill_page", template_id=exercise.template.id)
        return RedirectResponse(url.include_query_params(seed=exercise.seed), status_code=303)
    skills = skills_context(db, user=visitor, now=now, template_id=exercise.template.id)
    context = _context(exercise) | skills | {"user": visitor}
    return render(request, "drill/variant.html", context)


@router.post("/drill/{template_id}/check", response_class=HTMLResponse, name="drill_check")
def drill_check(
    request: Request,
    db: SessionDep,
    visitor: PageUser,
    now: NowDep,
    template_id: str,
    seed: Annotated[int, Form(ge=0, le=MAX_SEED)],
    answer: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Grade the answer: the page again with the verdict (htmx gets just the result region).

    An unreadable answer is 422 with the engine's message by the field. A variant whose
    solution this visitor has already seen is marked as practice, not as correct.
    """
    attempt = service.attempt(
        db, user=visitor, template_id=template_id, seed=seed, answer=answer, now=now
    )
    if attempt is None:
        raise _not_found(template_id)
    return render(
        request,
        "drill/variant.html",
        _context(attempt.exercise, attempt) | {"user": visitor},
        partial="partials/_drill_check.html",
        status_code=422 if attempt.error else 200,
    )
