"""Per-card actions from the question page: suspend and resume, bury and unbury, the
learner's note, flagging an error. Each goes back to the card's section of its question."""

from typing import Annotated

from fastapi import APIRouter, Form, Path
from fastapi.responses import RedirectResponse

from app.srs import card_actions, flags
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep

router = APIRouter(tags=["pages"], include_in_schema=False)
# Twice the note's limit: a browser sends each line break of a textarea as \r\n, the
# service counts it as one character and refuses more than NOTE_MAX with a 422.
NoteField = Annotated[str, Form(max_length=2 * card_actions.NOTE_MAX)]
CardId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _back(question_id: str | None) -> RedirectResponse:
    target = f"/questions/{question_id}#your-card" if question_id else "/practice"
    return RedirectResponse(target, status_code=303)


@router.post("/cards/{card_id}/suspend", response_class=RedirectResponse)
def card_suspend_form(
    db: SessionDep, user: PageUser, card_id: CardId, suspended: Annotated[bool, Form()]
) -> RedirectResponse:
    """Suspend or resume the card, then back to its question (or practice for a drill)."""
    card = card_actions.set_suspended(db, user=user, card_id=card_id, suspended=suspended)
    return _back(card.question_id)


@router.post("/cards/{card_id}/bury", response_class=RedirectResponse)
def card_bury_form(
    db: SessionDep, user: PageUser, now: NowDep, card_id: CardId, buried: Annotated[bool, Form()]
) -> RedirectResponse:
    """Bury the card until the learner's next day starts, or bring it back now."""
    card = card_actions.set_buried(db, user=user, card_id=card_id, buried=buried, now=now)
    return _back(card.question_id)


@router.post("/cards/{card_id}/note", response_class=RedirectResponse)
def card_note_form(
    db: SessionDep, user: PageUser, card_id: CardId, note: NoteField
) -> RedirectResponse:
    """Save the learner's note on the card (blank removes it)."""
    return _back(card_actions.set_note(db, user=user, card_id=card_id, note=note).question_id)


@router.post("/cards/{card_id}/flag", response_class=RedirectResponse)
def card_flag_form(
    db: SessionDep, user: PageUser, now: NowDep, card_id: CardId, note: NoteField
) -> RedirectResponse:
    """Report an error in the card's question to the admins."""
    return _back(flags.create(db, user=user, card_id=card_id, note=note, now=now).question_id)
