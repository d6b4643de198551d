"""Log in, register, log out and practice settings, as HTML forms."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts import service as accounts
from app.srs import settings_service
from app.srs.browser_zone import adopt_browser_zone
from app.srs.days import is_valid_zone
from app.srs.schemas import PracticeSettings
from app.web.api.auth import client_key
from app.web.auth import (
    NowDep,
    OptionalUser,
    PageUser,
    end_session,
    resolve_auth,
    start_session,
)
from app.web.deps import SessionDep
from app.web.form_errors import FieldError, field_error
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

_LOGIN_FIELDS = {"email": "Email", "password": "Password"}
_SETTINGS_FIELDS = {
    "desired_retention": "Desired retention",
    "new_per_day": "New cards per day",
    "max_reviews_per_day": "Maximum reviews per day",
    "timezone": "Time zone",
    "interview_date": "Interview date",
}
_PASSWORD_FIELDS = {"current_password": "Current password", "new_password": "New password"}
_PASSWORD_NAMES = {"password": "new_password"}


def _safe_next(target: str) -> str:
    """Only same-site paths: never redirect to another host."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, user: OptionalUser, next: str = "/") -> HTMLResponse:
    return render(
        request, "account/login.html", {"user": user, "next": _safe_next(next), "active": "login"}
    )


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login_form(
    request: Request,
    db: SessionDep,
    now: NowDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=128)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    auth = resolve_auth(request, db)
    try:
        user, new = accounts.login(
            db, email=email, password=password, client=client_key(request), now=now,
            guest=auth.user if auth is not None and auth.user.is_guest else None,
        )  # fmt: skip
    except accounts.AccountError as exc:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        errors = [field_error(exc.detail, _LOGIN_FIELDS, "password")]
        context = {"errors": errors, "email": email, "next": _safe_next(next), "active": "login"}
        response = render(request, "account/login.html", context, status_code=exc.status)
        if headers:
            response.headers.update(headers)
        return response
    if auth is not None:
        accounts.logout(db, session_id=auth.session.id)
    start_session(request, user, new)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request, user: OptionalUser) -> HTMLResponse:
    return render(request, "account/register.html", {"user": user, "active": "register"})


@router.post("/register", response_class=HTMLResponse, response_model=None)
def register_form(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=128)],
) -> Response:
    try:
        account, new = accounts.register(db, email=email, password=password, guest=user, now=now)
    except accounts.AccountError as exc:
        errors = [field_error(exc.detail, _LOGIN_FIELDS, "email")]
        context = {"user": user, "errors": errors, "email": email, "active": "register"}
        return render(request, "account/register.html", context, status_code=exc.status)
    start_session(request, account, new)
    return RedirectResponse("/", status_code=303)


@router.post("/logout", response_model=None)
def logout_form(request: Request, db: SessionDep) -> Response:
    auth = resolve_auth(request, db)
    if auth is not None:
        accounts.logout(db, session_id=auth.session.id)
    end_session(request)
    return RedirectResponse("/", status_code=303)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, user: PageUser) -> HTMLResponse:
    context = {"user": user, "values": settings_service.get(user), "active": "settings"}
    return render(request, "account/settings.html", context)


@router.post("/settings", response_class=HTMLResponse)
def settings_form(
    request: Request,
    db: SessionDep,
    user: PageUser,
    desired_retention: Annotated[float, Form(ge=0.7, le=0.99)],
    new_per_day: Annotated[int, Form(ge=0, le=500)],
    max_reviews_per_day: Annotated[int, Form(ge=0, le=5000)],
    timezone: Annotated[str, Form(max_length=64)],
    now: NowDep,
    interview_date: Annotated[date | None, Form()] = None,
) -> HTMLResponse:
    values = PracticeSettings(
        desired_retention=desired_retention, new_per_day=new_per_day,
        max_reviews_per_day=max_reviews_per_day, timezone=timezone.strip(),
        interview_date=interview_date,
    )  # fmt: skip
    error = (
        None
        if is_valid_zone(values.timezone)
        else f"timezone: unknown time zone '{values.timezone}'; choose a name like Europe/Paris"
    )
    saved = None
    try:
        saved = None if error else settings_service.update(db, user=user, values=values, now=now)
    except ValueError as exc:
        error = str(exc)
    if saved is None:
        errors = [field_error(error or "", _SETTINGS_FIELDS, "timezone")]
        context = {"user": user, "values": values, "errors": errors, "active": "settings"}
        return render(request, "account/settings.html", context, status_code=422)
    return render(
        request,
        "account/settings.html",
        {"user": user, "values": saved, "saved": True, "active": "settings"},
    )


@router.post("/settings/password", response_class=HTMLResponse)
def password_form(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    current_password: Annotated[str, Form(max_length=128)],
    new_password: Annotated[str, Form(max_length=128)],
) -> HTMLResponse:
    context = {"user": user, "values": settings_service.get(user), "active": "settings"}
    if user.is_guest:
        return render(
            request,
            "account/settings.html",
            {**context, "password_errors": [_password_error("current_password: register first")]},
            status_code=403,
        )
    try:
        new = accounts.change_password(
            db, user=user, current=current_password, new_password=new_password,
            client=client_key(request), now=now,
        )  # fmt: skip
    except accounts.AccountError as exc:
        return render(
            request,
            "account/settings.html",
            {**context, "password_errors": [_password_error(exc.detail)]},
            status_code=exc.status,
        )
    start_session(request, user, new)
    return render(request, "account/settings.html", {**context, "password_saved": True})


def _password_error(detail: str) -> FieldError:
    """The service names the new password "password"; the form calls it new_password."""
    name, sep, rest = detail.partition(": ")
    detail = f"{_PASSWORD_NAMES.get(name, name)}{sep}{rest}"
    return field_error(detail, _PASSWORD_FIELDS, "current_password")


@router.post("/settings/browser-zone", status_code=204, response_model=None)
def browser_zone_form(
    db: SessionDep, user: PageUser, now: NowDep, timezone: Annotated[str, Form(max_length=64)]
) -> Response:
    """The zone the browser reports (Intl API), kept while the learner has the default."""
    adopt_browser_zone(db, user=user, name=timezone.strip(), now=now)
    return Response(status_code=204)
