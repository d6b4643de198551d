"""The practice page: one card at a time, htmx for each step, keyboard shortcuts."""

import uuid
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse

from app.questions import service as questions
from app.srs import card_actions, queue
from app.srs.day_summary import today_summary
from app.srs.practice import PracticeError, practice_view, reveal
from app.srs.reviews import ReviewError, ReviewInput, submit_review, undo_last
from app.srs.scheduler import NEW
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.pages.admin.common import NO_NUL
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)
RATING_LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
KIND_LABELS = {"": "Free text and numeric", "text": "Free text", "numeric": "Numeric"}
CardIdField = Annotated[int, Form(ge=1, le=2**31 - 1)]
MoreChoice = Literal["", "ahead", "new"]


@dataclass(frozen=True)
class Study:
    """How this session goes on, carried in its links and hidden fields: ``mock`` ("Practise
    now" from a mock report: that interview's misses first), ``more`` ("study more" once
    today's work is done: "ahead" or "new")."""

    mock: int | None = None
    more: str = ""


def _study_query(
    mock: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    more: Annotated[MoreChoice, Query()] = "",
) -> Study:
    return Study(mock, more)


def _study_form(
    mock: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
    more: Annotated[MoreChoice, Form()] = "",
) -> Study:
    return Study(mock, more)


StudyQuery = Annotated[Study, Depends(_study_query)]
StudyForm = Annotated[Study, Depends(_study_form)]


def _filters(topic: str | None, kind: str | None, study: Study = Study()) -> queue.Filters:
    kind = kind if kind in ("text", "numeric") else None
    return queue.Filters(topic=topic or None, kind=kind, mock=study.mock, more=study.more or None)


def card_page(
    request: Request,
    db,
    user,
    now,
    topic,
    kind,
    *,
    notice=None,
    error=None,
    status_code=200,
    typed="",
    question=None,
    undo=None,
    study=Study(),
):  # type: ignore[no-untyped-def]
    filters = _filters(topic, kind, study)
    view = practice_view(db, user=user, now=now, filters=filters, question_id=question)
    summary = today_summary(db, user=user, now=now) if view.card is None else None
    context = {
        "user": user, "view": view, "topic": topic or "", "kind": kind or "", "notice": notice, "error": error, "typed": typed, "summary": summary,
        "topics": questions.get_topics(db), "kinds": KIND_LABELS, "ratings": RATING_LABELS, "NEW": NEW,
        "idempotency_key": uuid.uuid4().hex, "active": "practice", "undo": undo,
        "mock": study.mock, "more": study.more, "ahead_days": queue.AHEAD_DAYS, "extra_new": queue.EXTRA_NEW,
    }  # fmt: skip
    return render(
        request,
        "practice/page.html",
        context,
        partial="partials/_practice_card.html",
        status_code=status_code,
    )


@router.get("/practice", response_class=HTMLResponse)
def practice_page(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    topic: Annotated[str | None, Query(max_length=40)] = None,
    kind: Annotated[str | None, Query(max_length=10)] = None,
    question: Annotated[str | None, Query(max_length=80, pattern=NO_NUL)] = None,
    study: StudyQuery = Study(),
) -> HTMLResponse:
    """Today's next card, narrowed to a topic or kind when asked; ``question`` ("practise
    this question now") shows that question's card first, then the queue goes on; see
    :class:`Study` for ``mock`` and ``more``."""
    return card_page(request, db, user, now, topic, kind, question=question, study=study)


@router.post("/practice/reveal", response_class=HTMLResponse)
def practice_reveal(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: Annotated[int, Form()],
    answer: Annotated[str, Form(max_length=5000)] = "",
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    expects: Annotated[str, Form(max_length=10)] = "",
    give_up: Annotated[str, Form(max_length=1)] = "",
    overridden: Annotated[bool, Form()] = False,
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Show the answer (free text) or check the typed number (numeric) before rating. An
    empty numeric box shows the solution only through "I don't know" (Enter is ignored).
    ``overridden`` ("I mistyped — count it") shows a wrong number as counted correct."""
    answer = "" if give_up else answer
    if expects == "number" and not answer.strip() and not give_up:
        error = "Type your answer first, or choose “I don't know — show the solution”."
        return card_page(
            request, db, user, now, topic, kind, error=error, status_code=422, study=study
        )
    try:
        shown = reveal(
            db, user=user, card_id=card_id, answer=answer, now=now, overridden=overridden
        )
    except PracticeError as exc:
        if exc.status == 404:
            return card_page(
                request, db, user, now, topic, kind, notice="That card is no longer in your deck.",
                study=study,
            )  # fmt: skip
        return card_page(
            request, db, user, now, topic, kind, error=exc.detail, status_code=exc.status,
            typed=answer, study=study,
        )  # fmt: skip
    return reveal_page(request, db, user, shown, topic, kind, study=study)


def reveal_page(
    request: Request,
    db,
    user,
    shown,
    topic,
    kind,
    *,
    notice=None,
    error=None,
    status_code=200,
    study=Study(),
):  # type: ignore[no-untyped-def]
    context = {
        "user": user, "shown": shown, "topic": topic, "kind": kind, "ratings": RATING_LABELS,
        "idempotency_key": uuid.uuid4().hex, "active": "practice", "topics": questions.get_topics(db), "kinds": KIND_LABELS,
        "notice": notice, "error": error, "is_leech": shown.card.lapses >= card_actions.LEECH_LAPSES,
        "mock": study.mock, "more": study.more,
    }  # fmt: skip
    return render(
        request,
        "practice/reveal_page.html",
        context,
        partial="partials/_practice_reveal.html",
        status_code=status_code,
    )


@router.post("/practice/review", response_class=HTMLResponse)
def practice_review(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    card_id: Annotated[int, Form()],
    rating: Annotated[int, Form(ge=1, le=4)],
    idempotency_key: Annotated[str, Form(min_length=1, max_length=100)],
    answer: Annotated[str, Form(max_length=5000)] = "",
    seed: Annotated[int | None, Form(ge=0, le=2**31 - 1)] = None,
    duration_ms: Annotated[str, Form(max_length=12)] = "",
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    overridden: Annotated[bool, Form()] = False,
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Record the rating, then show the next card."""
    data = ReviewInput(
        card_id=card_id, rating=rating, answer=answer or None, seed=seed,
        duration_ms=int(duration_ms) if duration_ms.isdigit() else None, idempotency_key=idempotency_key,
        overridden=overridden,
    )  # fmt: skip
    try:
        result = submit_review(
            db, user=user, data=data, now=now, fuzzing=request.app.state.settings.srs_fuzzing
        )
    except ReviewError as exc:
        return card_page(
            request, db, user, now, topic, kind, error=exc.detail, status_code=200, study=study
        )
    counted = " (counted as correct: you mistyped)" if result.get("overridden") else ""
    notice = f"Recorded {RATING_LABELS[result['rating']]}{counted} — next review in {result['interval']}."
    return card_page(request, db, user, now, topic, kind, notice=notice, study=study)


@router.post("/practice/undo", response_class=HTMLResponse)
def practice_undo(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    topic: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=10)] = "",
    study: StudyForm = Study(),
) -> HTMLResponse:
    """Undo the last review and show that card again."""
    try:
        undone = undo_last(db, user=user)
        notice = f"Undid your {RATING_LABELS[undone['rating']]} — here is that card again."
    except ReviewError:
        notice = "There is nothing to undo."
    return card_page(request, db, user, now, topic, kind, notice=notice, study=study)


# After the answer is shown: suspend or bury (the next card follows, with a button to take
# it back), or keep a note / flag an error (the same answer stays on screen to be rated).
