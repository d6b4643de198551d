"""Per-card actions from the question page: suspend and resume."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from fastapi.responses import RedirectResponse

from app.srs import card_actions
from app.web.auth import PageUser
from app.web.deps import SessionDep

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.post("/cards/{card_id}/suspend", response_class=RedirectResponse)
def card_suspend_form(
    db: SessionDep,
    user: PageUser,
    card_id: int,
    suspended: Annotated[bool, Form()],
) -> RedirectResponse:
    """Suspend or resume the card, then back to its question (or practice for a drill)."""
    try:
        card = card_actions.set_suspended(db, user=user, card_id=card_id, suspended=suspended)
    except card_actions.CardActionError as exc:
        raise HTTPException(exc.status, detail=exc.detail) from None
    target = f"/questions/{card.question_id}#your-card" if card.question_id else "/practice"
    return RedirectResponse(target, status_code=303)
