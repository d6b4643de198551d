"""Mock interview pages: set up, sit one timed question at a time, read the report."""

import math
from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from app.mock import report as reports
from app.mock import rules, service
from app.mock.service import MockError
from app.mock.views import Current, iso
from app.questions import service as questions
from app.stats.charts import line_chart
from app.web.auth import NowDep, PageUser
from app.web.deps import SessionDep
from app.web.templating import is_htmx, render

router = APIRouter(tags=["pages"], include_in_schema=False)
InterviewId = Annotated[int, Path(ge=1, le=2**31 - 1)]
TREND_POINTS = 20


def clock(seconds: float) -> str:
    """Seconds as m:ss, rounded up (a countdown never shows 0:00 while time is left)."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _to(request: Request, name: str, interview_id: int, fragment: str = "") -> RedirectResponse:
    url = str(request.url_for(name, interview_id=interview_id)) + fragment
    return RedirectResponse(url, status_code=303)


def _not_found(exc: MockError) -> HTTPException:
    return HTTPException(exc.status, detail=exc.detail)


def _setup_page(request: Request, db, user, *, error: str | None = None, status_code: int = 200):  # type: ignore[no-untyped-def]
    history = service.get_all(db, user=user)
    finished = [i for i in reversed(history) if i.score is not None][-TREND_POINTS:]
    points = [(f"{i.started_at:%b} {i.started_at.day}", 100 * (i.score or 0.0)) for i in finished]
    context = {
        "user": user, "active": "mock", "topics": questions.get_topics(db), "presets": rules.PRESETS,
        "rules": rules, "history": history, "error": error, "clock": clock, "iso": iso,
        # The chart module escapes every label itself, so its SVG is safe to insert as is.
        "trend": Markup(line_chart(points, title="Mock interview scores", y_max=100, unit="%")),
    }  # fmt: skip
    return render(request, "mock/setup.html", context, status_code=status_code)


@router.get("/mock", response_class=HTMLResponse)
def mock_page(request: Request, db: SessionDep, user: PageUser) -> HTMLResponse:
    """Set up an interview; past interviews and their trend."""
    return _setup_page(request, db, user)


@router.post("/mock", response_class=HTMLResponse, response_model=None)
def mock_start(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    topics: Annotated[list[str] | None, Form(max_length=50)] = None,
    count: Annotated[int, Form(ge=rules.MIN_COUNT, le=rules.MAX_COUNT)] = rules.DEFAULT_COUNT,
    seconds: Annotated[
        int, Form(ge=rules.MIN_SECONDS, le=rules.MAX_SECONDS)
    ] = rules.DEFAULT_SECONDS,
    numeric: Annotated[str, Form(max_length=5)] = "",
    preset: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Start an interview (a preset fixes the count and the time) and sit its first question."""
    chosen = rules.PRESETS.get(preset)
    try:
        interview = service.create(
            db, user=user, topics=[t[:40] for t in topics or []], count=chosen.count if chosen else count,
            seconds_per_question=chosen.seconds if chosen else seconds, include_numeric=bool(numeric), now=now,
        )  # fmt: skip
    except MockError as exc:
        return _setup_page(request, db, user, error=exc.detail, status_code=exc.status)
    service.current(db, user=user, interview_id=interview.id, now=now)  # the first clock starts
    return _to(request, "mock_sit", interview.id)


def _sit_page(
    request: Request, db, user, current: Current, *, error=None, typed="", status_code=200
):  # type: ignore[no-untyped-def]
    topic = current.item.topic if current.item else ""
    topic_title = questions.get_titles(db).get(topic) or reports.TOPIC_FALLBACK_TITLES.get(
        topic, topic
    )
    context = {
        "user": user, "active": "mock", "current": current, "item": current.item, "interview": current.interview,
        "clock": clock, "iso": iso, "error": error, "typed": typed, "topic_title": topic_title,
    }  # fmt: skip
    return render(request, "mock/sit.html", context, status_code=status_code)


@router.get("/mock/{interview_id}", response_class=HTMLResponse, response_model=None)
def mock_sit(
    request: Request, interview_id: InterviewId, db: SessionDep, user: PageUser, now: NowDep
) -> Response:
    """The question on screen with the time really left; changes nothing (a GET). An item not
    started yet, or an interview with nothing left, gets a button that POSTs."""
    try:
        current = service.peek(db, user=user, interview_id=interview_id, now=now)
    except MockError as exc:
        raise _not_found(exc) from exc
    if current.finished and current.interview.finished_at is not None:
        return _to(request, "mock_report_page", interview_id)
    if not current.started:
        context = {"user": user, "active": "mock", "current": current, "clock": clock}
        return render(request, "mock/next.html", context)
    return _sit_page(request, db, user, current)


@router.post("/mock/{interview_id}/next", response_class=HTMLResponse, response_model=None)
def mock_next_form(
    request: Request, interview_id: InterviewId, db: SessionDep, user: PageUser, now: NowDep
) -> Response:
    """Show the next question (its clock starts now), or finish when none is left."""
    try:
        current = service.current(db, user=user, interview_id=interview_id, now=now)
    except MockError as exc:
        raise _not_found(exc) from exc
    return _to(request, "mock_report_page" if current.finished else "mock_sit", interview_id)


@router.post("/mock/{interview_id}/answer", response_class=HTMLResponse, response_model=None)
def mock_answer_form(
    request: Request,
    interview_id: InterviewId,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    index: Annotated[int, Form(ge=0, le=rules.MAX_COUNT - 1)],
    answer: Annotated[str, Form(max_length=5000)] = "",
    action: Annotated[Literal["submit", "skip"], Form()] = "submit",
) -> Response:
    """Record the answer (or skip) and go on; an unreadable number is shown back to fix."""
    try:
        outcome = service.answer(
            db, user=user, interview_id=interview_id, index=index, text=answer,
            skip=action == "skip", now=now,
        )  # fmt: skip
    except MockError as exc:
        if exc.status == 404:
            raise _not_found(exc) from exc
        if exc.status != 422:  # answered elsewhere, or finished: show where things stand
            return _to(request, "mock_sit", interview_id)
        current = service.current(db, user=user, interview_id=interview_id, now=now)
        return _sit_page(
            request, db, user, current, error=exc.detail, typed=answer, status_code=422
        )
    if outcome.finished:
        return _to(request, "mock_report_page", interview_id)
    current = service.current(db, user=user, interview_id=interview_id, now=now)  # next clock
    return _to(request, "mock_report_page" if current.finished else "mock_sit", interview_id)


@router.post("/mock/{interview_id}/finish", response_class=HTMLResponse, response_model=None)
def mock_finish_form(
    request: Request, interview_id: InterviewId, db: SessionDep, user: PageUser, now: NowDep
) -> Response:
    """End the interview now; questions not reached count as skipped."""
    try:
        service.finish(db, user=user, interview_id=interview_id, now=now)
    except MockError as exc:
        raise _not_found(exc) from exc
    return _to(request, "mock_report_page", interview_id)


def _report_context(user, report: reports.Report) -> dict:  # type: ignore[no-untyped-def]
    return {
        "user": user, "active": "mock", "report": report, "interview": report.interview, "clock": clock,
        "verdicts": rules.VERDICT_LABELS,
    }  # fmt: skip


@router.get("/mock/{interview_id}/report", response_class=HTMLResponse, response_model=None)
def mock_report_page(
    request: Request, interview_id: InterviewId, db: SessionDep, user: PageUser
) -> Response:
    """Score, topics, time per question, your answers beside the model answers."""
    try:
        report = reports.build(db, user=user, interview_id=interview_id)
    except MockError as exc:
        if exc.status == 409:  # still running: back to the question
            return _to(request, "mock_sit", interview_id)
        raise _not_found(exc) from exc
    return render(request, "mock/report.html", _report_context(user, report))


@router.post(
    "/mock/{interview_id}/items/{index}/assessment",
    response_class=HTMLResponse,
    response_model=None,
)
def mock_assess_form(
    request: Request,
    interview_id: InterviewId,
    index: Annotated[int, Path(ge=0, le=rules.MAX_COUNT - 1)],
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    verdict: Annotated[Literal["got", "partly", "missed"], Form()],
) -> Response:
    """Your verdict on one free-text answer; htmx gets the item and the new total back."""
    try:
        report = reports.assess(
            db, user=user, interview_id=interview_id, index=index, verdict=verdict, now=now
        )
    except MockError as exc:
        if exc.status == 409:
            return _to(request, "mock_report_page", interview_id)
        raise _not_found(exc) from exc
    if not is_htmx(request):  # without JavaScript: back to the report, at that question
        return _to(request, "mock_report_page", interview_id, f"#item-{index}")
    context = {**_report_context(user, report), "entry": report.items[index]}
    return render(request, "partials/_mock_assessed.html", context)
