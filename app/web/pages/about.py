"""The learner's guide: how practice, ratings and grading work."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.auth import OptionalUser
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/about", response_class=HTMLResponse)
def about_page(request: Request, user: OptionalUser) -> HTMLResponse:
    return render(request, "about/how.html", {"user": user, "active": "about"})
