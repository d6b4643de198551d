"""Browse and search the bank in the browser."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from app.questions import service
from app.srs import card_actions
from app.web.auth import NowDep, OptionalUser
from app.web.deps import SessionDep
from app.web.fragment_cache import FragmentCache
from app.web.templating import is_htmx, render, templates

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/questions", response_class=HTMLResponse)
def questions_page(
    request: Request,
    session: SessionDep,
    user: OptionalUser,
    topic: Annotated[str | None, Query(max_length=40)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    """The bank, filtered by topic and search words; htmx gets just the results."""
    results = _results_html(request, session, topic or "", q or "")
    if is_htmx(request):
        return HTMLResponse(results)
    context = {
        "user": user,
        "results_html": Markup(results),
        "topics": service.get_topics(session),
        "topic": topic or "",
        "q": q or "",
    }
    return render(request, "questions/list.html", context)


# The listing is the same for every learner until the bank changes: rendered once per
# (bank version, filter) instead of on every request.
_RESULTS = FragmentCache(max_entries=64)


def _results_html(request: Request, session: Session, topic: str, q: str) -> str:
    def rendered() -> str:
        items, total = service.get_all(session, topic=topic or None, query=q, limit=500)
        context = {"request": request, "items": items, "total": total, "q": q,
                   "titles": service.get_titles(session)}  # fmt: skip
        return templates.get_template("partials/_question_rows.html").render(context)

    return _RESULTS.get_or_render((service.bank_version(session), topic, q), rendered)


@router.get("/questions/{question_id}", response_class=HTMLResponse)
def question_page(
    request: Request, session: SessionDep, user: OptionalUser, now: NowDep, question_id: str
) -> HTMLResponse:
    """One question: prompt, model answer with math, key points, siblings, correction."""
    question = service.get(session, question_id=question_id)
    if question is None:
        raise HTTPException(404, detail=f"question '{question_id}' not found")
    siblings = [s for s in (service.get(session, question_id=i) for i in question.siblings) if s]
    context = {
        "user": user,
        "question": question,
        "siblings": siblings,
        "titles": service.get_titles(session),
        "card_summary": card_actions.for_question(
            session, user=user, question_id=question.id, now=now
        )
        if user is not None
        else None,
    }
    return render(request, "questions/detail.html", context)
