"""Downloads for every learner: the bank as an Anki deck, and a deck of their weak cards."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.bank import downloads
from app.bank.export_names import ExportFormat
from app.models import User
from app.srs.weak_cards import MAX_WEAK_CARDS, weak_cards
from app.web.api.exports import attachment
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)
DEFAULT_WEAK = 50
WeakLimit = Annotated[int, Query(ge=1, le=MAX_WEAK_CARDS)]


def _page(request: Request, db: Session, user: User, now: datetime, status: int) -> HTMLResponse:
    weak = len(weak_cards(db, user=user, now=now, limit=MAX_WEAK_CARDS))
    context = {
        "user": user, "active": "downloads", "weak_available": weak,
        "default_weak": DEFAULT_WEAK, "max_weak": MAX_WEAK_CARDS,
    }  # fmt: skip
    return render(request, "account/downloads.html", context, status_code=status)


@router.get("/downloads", response_class=HTMLResponse, name="downloads_page")
def downloads_page(request: Request, db: SessionDep, user: PageUser, now: NowDep) -> HTMLResponse:
    return _page(request, db, user, now, 200)


@router.get("/downloads/backprop.apkg", name="download_bank_deck")
def download_bank_deck(db: SessionDep, user: PageUser) -> Response:
    return attachment(downloads.bank_file(db, ExportFormat.apkg), ExportFormat.apkg)


@router.get("/downloads/weak-cards.apkg", name="download_weak_deck", response_model=None)
def download_weak_deck(
    request: Request, db: SessionDep, user: PageUser, now: NowDep, limit: WeakLimit = DEFAULT_WEAK
) -> Response:
    data = downloads.weak_deck(db, user=user, now=now, limit=limit)
    if data is None:
        return _page(request, db, user, now, 404)
    return attachment(data, ExportFormat.apkg, "backprop-weak-cards.apkg")
