"""The card actions of the practice page: suspend, bury, a personal note and an error report,
each from the answer step without losing the learner's place (the question page has its own
forms in :mod:`app.web.pages.cards`)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from app.srs import card_actions, flags
from app.srs.practice import PracticeError, reveal
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.pages.cards import NoteField
from app.web.pages.practice import CardIdField, Study, StudyForm, card_page, reveal_page

router = APIRouter(tags=["pages"], include_in_schema=False)


@dataclass(frozen=True)
class Place:
    """Where the learner is in practice — the filters and how the session goes on — sent
    back by every card action's hidden fields (partials/_practice_hidden.html)."""

    topic: str
    kind: str
    study: Study


def _place_form(
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    study: StudyForm = Study(),
) -> Place:
    return Place(topic, kind, study)


PlaceForm = Annotated[Place, Depends(_place_form)]
AnswerShown = Annotated[str, Form(max_length=5000)]


@dataclass(frozen=True)
class _Toggle:
    """A card action that takes the card out of today's practice, with its undo."""

    action: str  # the route, which the undo button posts to again
    field: str  # the form field that turns it on ("true") or off ("false")
    undo_label: str
    on_notice: str
    off_notice: str


_SUSPEND = _Toggle(
    "practice_suspend",
    "suspended",
    "Resume it",
    "Suspended: that card stays out of practice until you resume it.",
    "Resumed that card.",
)
_BURY = _Toggle(
    "practice_bury",
    "buried",
    "Unbury it",
    "Buried until tomorrow: that card comes back when your next day starts.",
    "Unburied that card.",
)


@router.post("/practice/suspend", response_class=HTMLResponse)
def practice_suspend(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    place: PlaceForm,
    suspended: Annotated[bool, Form()] = True,
) -> HTMLResponse:
    """Suspend the card (or resume it again), then the next card."""
    card_actions.set_suspended(db, user=user, card_id=card_id, suspended=suspended)
    return _next_card(request, db, user, now, place, _SUSPEND, card_id, suspended)


@router.post("/practice/bury", response_class=HTMLResponse)
def practice_bury(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    place: PlaceForm,
    buried: Annotated[bool, Form()] = True,
) -> HTMLResponse:
    """Bury the card until the learner's next day (or bring it back), then the next card."""
    card_actions.set_buried(db, user=user, card_id=card_id, buried=buried, now=now)
    return _next_card(request, db, user, now, place, _BURY, card_id, buried)


def _next_card(request, db, user, now, place, toggle, card_id, on):  # type: ignore[no-untyped-def]
    """The next card after ``toggle`` was turned on (with an undo button) or off."""
    if not on:
        return card_page(
            request, db, user, now, place.topic, place.kind, notice=toggle.off_notice,
            study=place.study,
        )  # fmt: skip
    undo = {
        "action": toggle.action,
        "field": toggle.field,
        "card_id": card_id,
        "label": toggle.undo_label,
    }
    return card_page(
        request, db, user, now, place.topic, place.kind, notice=toggle.on_notice, undo=undo,
        study=place.study,
    )  # fmt: skip


@router.post("/practice/note", response_class=HTMLResponse)
def practice_note(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    note: NoteField,
    place: PlaceForm,
    answer: AnswerShown = "",
) -> HTMLResponse:
    """Save the learner's note on the card; the answer stays shown."""

    def act() -> None:
        card_actions.set_note(db, user=user, card_id=card_id, note=note)

    notice = "Note saved." if note.strip() else "Note removed."
    return _answer_again(request, db, user, now, card_id, answer, place, act, notice)


@router.post("/practice/flag", response_class=HTMLResponse)
def practice_flag(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: CardIdField,
    note: NoteField,
    place: PlaceForm,
    answer: AnswerShown = "",
) -> HTMLResponse:
    """Report an error in the card's question or drill to the admins; the answer stays shown."""

    def act() -> None:
        flags.create(db, user=user, card_id=card_id, note=note, now=now)

    notice = "Thank you: your report was sent to the admins."
    return _answer_again(request, db, user, now, card_id, answer, place, act, notice)


def _answer_again(  # type: ignore[no-untyped-def]
    request, db, user, now, card_id: int, answer: str, place: Place, act: Callable[[], None],
    notice: str,
):  # fmt: skip
    """Do ``act`` (a note or a flag), then show the same answer again to be rated; a bad note
    is a 422 with the answer still on screen."""
    error, status_code, shown_notice = None, 200, notice
    try:
        act()
    except card_actions.CardActionError as exc:
        if exc.status != 422:
            raise
        error, shown_notice, status_code = exc.detail, None, 422
    try:
        shown = reveal(db, user=user, card_id=card_id, answer=answer, now=now)
    except PracticeError:
        return card_page(
            request, db, user, now, place.topic, place.kind,
            notice="That card is no longer in your deck.", study=place.study,
        )  # fmt: skip
    return reveal_page(
        request, db, user, shown, place.topic, place.kind, notice=shown_notice, error=error,
        status_code=status_code, study=place.study,
    )  # fmt: skip
