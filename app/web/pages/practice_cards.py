"""The card actions of the practice page: suspend, bury, a personal note and an error report,
each from the answer step without losing the learner's place (the question page has its own
forms in :mod:`app.web.pages.cards`)."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from app.srs import card_actions, flags
from app.srs.practice import PracticeError, reveal
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.pages.cards import NoteField
from app.web.pages.practice import CardIdField, Study, StudyForm, card_page, reveal_page

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.post("/practice/suspend", response_class=HTMLResponse)
def practice_suspend(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    suspended: Annotated[bool, Form()] = True,
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Suspend the card (or resume it again), then the next card."""
    card_actions.set_suspended(db, user=user, card_id=card_id, suspended=suspended)
    if not suspended:
        return card_page(
            request, db, user, now, topic, kind, notice="Resumed that card.", study=study
        )
    undo = {
        "action": "practice_suspend",
        "field": "suspended",
        "card_id": card_id,
        "label": "Resume it",
    }
    notice = "Suspended: that card stays out of practice until you resume it."
    return card_page(request, db, user, now, topic, kind, notice=notice, undo=undo, study=study)


@router.post("/practice/bury", response_class=HTMLResponse)
def practice_bury(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    buried: Annotated[bool, Form()] = True,
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Bury the card until the learner's next day (or bring it back), then the next card."""
    card_actions.set_buried(db, user=user, card_id=card_id, buried=buried, now=now)
    if not buried:
        return card_page(
            request, db, user, now, topic, kind, notice="Unburied that card.", study=study
        )
    undo = {"action": "practice_bury", "field": "buried", "card_id": card_id, "label": "Unbury it"}
    notice = "Buried until tomorrow: that card comes back when your next day starts."
    return card_page(request, db, user, now, topic, kind, notice=notice, undo=undo, study=study)


def _after_reveal_action(request, db, user, now, card_id, answer, topic, kind, act, notice, study):  # type: ignore[no-untyped-def]
    """Do ``act`` (a note or a flag), then show the same answer again to be rated; a bad note
    is a 422 with the answer still on screen."""
    error, status_code = None, 200
    try:
        act()
    except card_actions.CardActionError as exc:
        if exc.status != 422:
            raise
        error, notice, status_code = exc.detail, None, 422
    try:
        shown = reveal(db, user=user, card_id=card_id, answer=answer, now=now)
    except PracticeError:
        return card_page(
            request, db, user, now, topic, kind, notice="That card is no longer in your deck.",
            study=study,
        )  # fmt: skip
    return reveal_page(
        request, db, user, shown, topic, kind, notice=notice, error=error,
        status_code=status_code, study=study,
    )  # fmt: skip


@router.post("/practice/note", response_class=HTMLResponse)
def practice_note(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    note: NoteField,
    answer: Annotated[str, Form(max_length=5000)] = "",
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Save the learner's note on the card; the answer stays shown."""

    def act() -> None:
        card_actions.set_note(db, user=user, card_id=card_id, note=note)

    notice = "Note saved." if note.strip() else "Note removed."
    return _after_reveal_action(
        request, db, user, now, card_id, answer, topic, kind, act, notice, study
    )


@router.post("/practice/flag", response_class=HTMLResponse)
def practice_flag(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    note: NoteField,
    answer: Annotated[str, Form(max_length=5000)] = "",
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Report an error in the card's question or drill to the admins; the answer stays shown."""

    def act() -> None:
        flags.create(db, user=user, card_id=card_id, note=note, now=now)

    notice = "Thank you: your report was sent to the admins."
    return _after_reveal_action(
        request, db, user, now, card_id, answer, topic, kind, act, notice, study
    )
