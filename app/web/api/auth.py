"""Register, log in and out, guests, and who am I."""

from fastapi import APIRouter, HTTPException, Request, Response

from app.accounts import service as accounts
from app.accounts.schemas import Credentials, MeOut, PasswordChange, UserOut
from app.web.auth import CurrentUser, NowDep, end_session, resolve_auth, start_session
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["auth"])


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/auth/register", status_code=201, responses={409: {"description": "Email taken"}})
def register(body: Credentials, request: Request, db: SessionDep, now: NowDep) -> UserOut:
    """Create an account and sign in; a guest's progress is kept."""
    auth = resolve_auth(request, db)
    user, new = accounts.register(
        db, email=body.email, password=body.password, guest=auth.user if auth else None, now=now
    )
    start_session(request, user, new)
    return UserOut.of(user)


@router.post(
    "/auth/login",
    responses={
        401: {"description": "Wrong email or password"},
        429: {"description": "Too many failed tries"},
    },
)
def login(body: Credentials, request: Request, db: SessionDep, now: NowDep) -> UserOut:
    """Sign in with email and password (failed tries are throttled); a guest's practice is
    merged into the account."""
    auth = resolve_auth(request, db)
    user, new = accounts.login(
        db, email=body.email, password=body.password, client=client_key(request), now=now,
        guest=auth.user if auth is not None and auth.user.is_guest else None,
    )  # fmt: skip
    if auth is not None and auth.session is not None:
        accounts.logout(db, session_id=auth.session.id)
    start_session(request, user, new)
    return UserOut.of(user)


@router.post("/auth/logout", status_code=204)
def logout(request: Request, db: SessionDep) -> Response:
    """End the current session."""
    auth = resolve_auth(request, db)
    if auth is not None and auth.session is not None:
        accounts.logout(db, session_id=auth.session.id)
    end_session(request)
    return Response(status_code=204)


@router.post("/auth/guest", status_code=201)
def guest(request: Request, db: SessionDep, now: NowDep) -> MeOut:
    """Start as a guest learner (no email); register later to keep the progress."""
    user, new = accounts.create_guest(db, now=now)
    start_session(request, user, new)
    return MeOut.of(user)


@router.get("/me", responses={401: {"description": "No session"}})
def me(user: CurrentUser) -> MeOut:
    """The signed-in user."""
    return MeOut.of(user)


@router.post(
    "/auth/password",
    status_code=204,
    responses={
        403: {"description": "Wrong current password"},
        429: {"description": "Too many wrong passwords for this account: see Retry-After"},
    },
)
def change_password(
    body: PasswordChange, request: Request, db: SessionDep, user: CurrentUser, now: NowDep
) -> Response:
    """Change the password; every other session of the account ends."""
    if user.is_guest:
        raise HTTPException(403, detail="guests have no password: register first")
    new = accounts.change_password(
        db, user=user, current=body.current_password, new_password=body.new_password,
        client=client_key(request), now=now,
    )  # fmt: skip
    start_session(request, user, new)
    return Response(status_code=204)
