"""Who is asking: the session cookie, guests created by the POST that starts practice, roles,
and CSRF checks."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.accounts import service as accounts
from app.accounts import tokens
from app.models import ApiToken, AuthSession, User
from app.web.bearer import bearer_secret, invalid_token
from app.web.deps import SessionDep
from app.web.security import CSRF_COOKIE_NAME

COOKIE_NAME = "bp_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


@dataclass(frozen=True)
class Auth:
    """Who is asking: a cookie ``session``, or (API only) a personal access ``token``."""

    user: User
    session: AuthSession | None
    token: ApiToken | None = None


def now_for(request: Request) -> datetime:
    """The app's clock (tests replace ``app.state.clock`` to control time)."""
    return request.app.state.clock()


async def get_now(request: Request) -> datetime:
    return now_for(request)


NowDep = Annotated[datetime, Depends(get_now)]


def resolve_auth(request: Request, db: Session) -> Auth | None:
    """The request's session and user (rows of ``db``); the cookie is checked once per request."""
    secret = bearer_secret(request)
    if secret is not None:
        return _resolve_bearer(request, db, secret)
    if not hasattr(request.state, "auth_ids"):
        token = request.cookies.get(COOKIE_NAME)
        max_age = timedelta(days=request.app.state.settings.session_max_age_days)
        found = (
            accounts.resolve_session(db, token=token, now=now_for(request), max_age=max_age)
            if token
            else None
        )
        _remember(request, found[0] if found else None)
        if found:
            return Auth(user=found[1], session=found[0])
    ids = request.state.auth_ids
    if ids is None:
        return None
    row, user = db.get(AuthSession, ids[0]), db.get(User, ids[1])
    return Auth(user=user, session=row) if row is not None and user is not None else None


def _resolve_bearer(request: Request, db: Session, secret: str) -> Auth:
    """The token's user; 401 for an unknown, revoked or expired token (app.web.bearer)."""
    ids = getattr(request.state, "bearer_ids", None)
    if ids is None:
        found = tokens.resolve(db, secret=secret, now=now_for(request))
        if found is None:
            raise invalid_token()
        request.state.bearer_ids = (found[0].id, found[1].id)
        return Auth(user=found[1], session=None, token=found[0])
    row, user = db.get(ApiToken, ids[0]), db.get(User, ids[1])
    if row is None or user is None:
        raise invalid_token()
    return Auth(user=user, session=None, token=row)


def _remember(request: Request, row: AuthSession | None) -> None:
    request.state.auth_ids = (row.id, row.user_id) if row else None
    request.state.csrf_token = row.csrf_token if row else ""


def start_session(request: Request, user: User, new: accounts.NewSession) -> None:
    """Remember the new session for this request and have its cookie set on the response."""
    _remember(request, new.row)
    request.state.cookie = ("set", new.token)


def end_session(request: Request) -> None:
    _remember(request, None)
    request.state.cookie = ("clear", "")


def _anonymous_csrf(request: Request) -> None:
    """A visitor without a session gets a CSRF token in a cookie of its own (double submit),
    so their forms (start practising, log in, register) are protected too."""
    token = request.cookies.get(CSRF_COOKIE_NAME, "")
    if not (32 <= len(token) <= 64 and token.isascii()):
        token = secrets.token_urlsafe(32)
        request.state.csrf_cookie = token
    request.state.csrf_token = token


def optional_user(request: Request, db: SessionDep) -> User | None:
    """The signed-in visitor, or None (who then gets an anonymous CSRF token)."""
    auth = resolve_auth(request, db)
    if auth is None:
        _anonymous_csrf(request)
    return auth.user if auth else None


def current_user(request: Request, db: SessionDep) -> User:
    """The signed-in learner (a guest counts); 401 when there is no session."""
    return require_user(request, db)


def require_user(request: Request, db: Session) -> User:
    """``current_user`` for a route that runs its body in one thread hand-off
    (``app.web.deps.run_in_session``)."""
    auth = resolve_auth(request, db)
    if auth is None:
        raise HTTPException(
            401, detail="no session: POST /api/v1/auth/guest, register or log in first"
        )
    return auth.user


def page_user(request: Request, db: SessionDep) -> User:
    """For pages: the visitor's learner. Looking at a page creates nothing: without a session
    a GET is sent to the welcome page (303), whose "Start practising" POST — or any other
    form POST — creates the guest learner."""
    auth = resolve_auth(request, db)
    if auth is not None:
        return auth.user
    if request.method in SAFE_METHODS:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise HTTPException(
            303,
            detail="start practising first",
            headers={"Location": "/welcome?" + urlencode({"next": target})},
        )
    user, new = accounts.create_guest(db, now=now_for(request))
    start_session(request, user, new)
    return user


def admin_user(request: Request, db: SessionDep) -> User:
    """An admin; 401 for anonymous and guests, 403 for learners."""
    auth = resolve_auth(request, db)
    if auth is None or auth.user.is_guest:
        raise HTTPException(401, detail="log in as an admin to use this")
    if auth.user.role != "admin":
        raise HTTPException(403, detail="admins only")
    if auth.token is not None and not auth.token.admin:
        raise HTTPException(403, detail="this token has no admin scope")
    return auth.user


OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(current_user)]
PageUser = Annotated[User, Depends(page_user)]
AdminUser = Annotated[User, Depends(admin_user)]


def _same_origin(request: Request, origin: str) -> bool:
    parts = urlsplit(origin)
    host = request.headers.get("host", "")
    return parts.netloc == host


async def csrf_protect(request: Request) -> None:
    """Unsafe requests: same origin only; form-encoded bodies need the session's CSRF token.

    JSON bodies cannot be sent cross-site without a CORS preflight (which this app never
    grants), so JSON from the same origin or from non-browser clients is accepted.
    """
    if request.method in SAFE_METHODS or bearer_secret(request) is not None:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and not _same_origin(request, origin):
        raise HTTPException(403, detail="cross-origin request refused")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    has_body = content_type or request.headers.get("content-length", "0") not in ("", "0")
    if content_type == "application/json" or not has_body:
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and content_type in FORM_TYPES[:2]:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = await _expected_csrf(request)
    if not sent or not expected or sent != expected:
        raise HTTPException(
            403, detail="missing or stale CSRF token: reload the page and try again"
        )


async def _expected_csrf(request: Request) -> str:
    """The session's CSRF token, looked up in the thread pool inside a request slot (this
    check runs before the route's own session is opened, so the two never nest)."""

    def lookup() -> str:
        with request.app.state.sessions() as db:
            auth = resolve_auth(request, db)
            if auth and auth.session:
                return auth.session.csrf_token
            return request.cookies.get(CSRF_COOKIE_NAME, "")  # a visitor without a session

    async with request.app.state.slots.slot():
        return await run_in_threadpool(lookup)
