"""Downloads over the API: Anki decks for any learner, every format of the bank for admins."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from app.bank import downloads
from app.bank.export_formats import FILE_NAMES, MEDIA_TYPES
from app.bank.export_names import ExportFormat, FileFormat
from app.srs.weak_cards import MAX_WEAK_CARDS
from app.web.auth import CurrentUser, NowDep, admin_user
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["downloads"])
APKG = {200: {"content": {"application/octet-stream": {}}}}
WeakLimit = Annotated[int, Query(ge=1, le=MAX_WEAK_CARDS, description="How many weak cards.")]


def attachment(data: bytes, fmt: ExportFormat, filename: str | None = None) -> Response:
    """``data`` as a download of the format's type and file name."""
    name = filename or FILE_NAMES[fmt]
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get("/decks/bank.apkg", response_class=Response, responses=APKG)
def bank_deck(db: SessionDep, user: CurrentUser) -> Response:
    """The whole bank as an Anki deck (importing a newer one updates the notes)."""
    return attachment(downloads.bank_file(db, ExportFormat.apkg), ExportFormat.apkg)


@router.get(
    "/decks/weak.apkg",
    response_class=Response,
    responses={**APKG, 404: {"description": "Nothing reviewed yet"}},
)
def weak_deck(db: SessionDep, user: CurrentUser, now: NowDep, limit: WeakLimit = 50) -> Response:
    """An Anki deck of the learner's weakest cards (lowest retrievability, most lapses)."""
    data = downloads.weak_deck(db, user=user, now=now, limit=limit)
    if data is None:
        raise HTTPException(404, detail="no weak cards yet: review some cards first")
    return attachment(data, ExportFormat.apkg, "backprop-weak-cards.apkg")


@router.get(
    "/admin/bank/export/{fmt}",
    response_class=Response,
    dependencies=[Depends(admin_user)],
    responses={401: {"description": "Not an admin"}, 403: {"description": "Not an admin"}},
)
def admin_bank_file(fmt: FileFormat, db: SessionDep) -> Response:
    """The whole bank as an Anki deck, Moodle XML or GIFT (the YAML zip: ``/bank/export``)."""
    exported = ExportFormat(fmt.value)
    return attachment(downloads.bank_file(db, exported), exported)
