"""Browse and search the bank in the browser."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.questions import service
from app.web.auth import PageUser
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/questions", response_class=HTMLResponse)
def questions_page(
    request: Request,
    session: SessionDep,
    user: PageUser,
    topic: Annotated[str | None, Query(max_length=40)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    """The bank, filtered by topic and search words; htmx gets just the results."""
    items, total = service.get_all(session, topic=topic or None, query=q, limit=500)
    context = {
        "user": user,
        "items": items,
        "total": total,
        "topics": service.get_topics(session),
        "titles": service.get_titles(session),
        "topic": topic or "",
        "q": q or "",
    }
    return render(request, "questions/list.html", context, partial="partials/_question_rows.html")


@router.get("/questions/{question_id}", response_class=HTMLResponse)
def question_page(
    request: Request, session: SessionDep, user: PageUser, question_id: str
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
    }
    return render(request, "questions/detail.html", context)
