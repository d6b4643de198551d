"""The landing page: what to do today."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.questions import service
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep) -> HTMLResponse:
    topics = service.get_topics(session)
    context = {"topics": topics, "question_count": sum(t.count for t in topics)}
    return render(request, "home.html", context)
