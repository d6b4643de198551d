"""The landing page: what to do today."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.srs import queue
from app.srs.deck import ensure_deck
from app.srs.topic_cards import topic_cards
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.pages.plan import plan_section
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: SessionDep, user: PageUser, now: NowDep) -> HTMLResponse:
    """Today's queue at a glance, and the bank's topics."""
    if ensure_deck(db, user=user, now=now):
        db.commit()
    # The stats page's mastery per topic counts the same cards (app.srs.topic_cards).
    topics = topic_cards(db, user=user)
    day = queue.today(db, user=user, now=now)
    context = {
        "user": user,
        "topics": topics,
        "question_count": sum(t.questions for t in topics),
        "drill_count": sum(t.drills for t in topics),
        "counts": queue.counts(db, user=user, now=now, day=day),
        "next_due": queue.next_due_at(db, user=user, now=now, day=day),
        **plan_section(request, db, user=user, now=now),
    }
    return render(request, "home.html", context)
