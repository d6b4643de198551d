"""Account operations: guests, registration, login with throttling, sessions, roles."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts import throttle
from app.accounts.errors import AccountError
from app.accounts.merge import merge_guest
from app.accounts.passwords import hash_password, verify_password
from app.models import AuthSession, User

SESSION_LIFETIME = timedelta(days=30)  # idle: each visit extends the session by this much
SESSION_MAX_AGE = timedelta(days=90)  # absolute: from the login (settings.session_max_age_days)
SESSION_TOUCH_INTERVAL = timedelta(minutes=5)
EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


@dataclass(frozen=True)
class NewSession:
    """A session just opened: the cookie token (shown once) and its row."""

    token: str
    row: AuthSession


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    """Lower-cased, trimmed; raises ``AccountError`` when it is not an address."""
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email) or len(email) > 254:
        raise AccountError(422, "email: expected an address like ada@example.com")
    return email


def check_password_strength(password: str) -> None:
    if not 8 <= len(password) <= 128:
        raise AccountError(422, "password: expected 8 to 128 characters")


def open_session(session: Session, *, user: User, now: datetime) -> NewSession:
    """A fresh session (a new id: login never reuses the previous one)."""
    token = secrets.token_urlsafe(32)
    row = AuthSession(
        id=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(row)
    session.flush()
    return NewSession(token, row)


# Every request runs this lookup, so the statement is built once (see app.srs.queue).
_SESSION_WITH_USER = (
    select(AuthSession, User)
    .join(User, User.id == AuthSession.user_id)
    .where(AuthSession.id == bindparam("token_hash"))
)


def resolve_session(
    session: Session, *, token: str, now: datetime, max_age: timedelta = SESSION_MAX_AGE
) -> tuple[AuthSession, User] | None:
    """The live session and its enabled user for a cookie token, sliding its expiry; never
    past ``max_age`` after the login, however active the session is."""
    found = session.execute(_SESSION_WITH_USER, {"token_hash": token_hash(token)}).first()
    if found is None:
        return None
    row, user = found
    ends_at = row.created_at + max_age
    if row.expires_at <= now or ends_at <= now or user.disabled:
        return None
    if now - row.last_seen_at > SESSION_TOUCH_INTERVAL:
        row.last_seen_at = now
        row.expires_at = min(now + SESSION_LIFETIME, ends_at)
        session.commit()
    return row, user


def create_guest(session: Session, *, now: datetime) -> tuple[User, NewSession]:
    """A guest learner with a session; registering later keeps their progress."""
    user = User(role="learner", is_guest=True, created_at=now)
    session.add(user)
    session.flush()
    new = open_session(session, user=user, now=now)
    session.commit()
    return user, new


_EMAIL_TAKEN = "email: an account with this address already exists; log in instead"


def register(
    session: Session, *, email: str, password: str, guest: User | None, now: datetime
) -> tuple[User, NewSession]:
    """Register; a current guest becomes the new account so their reviews are kept."""
    email = normalise_email(email)
    check_password_strength(password)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(409, _EMAIL_TAKEN)
    user = guest if guest is not None and guest.is_guest else User(role="learner", created_at=now)
    user.email = email
    user.password_hash = hash_password(password)
    user.is_guest = False
    session.add(user)
    try:
        session.flush()
    except IntegrityError:  # registered concurrently since the check: the unique index decides
        session.rollback()
        raise AccountError(409, _EMAIL_TAKEN) from None
    end_sessions(session, user_id=user.id)
    new = open_session(session, user=user, now=now)
    session.commit()
    return user, new


def login(
    session: Session,
    *,
    email: str,
    password: str,
    client: str,
    now: datetime,
    guest: User | None = None,
) -> tuple[User, NewSession]:
    """Check credentials (throttled per account and address, see app.accounts.throttle) and
    open a session; the practice of ``guest`` (the visitor's guest, if any) is merged in."""
    email = email.strip().lower()[:254]
    counters = throttle.keys_for(email, client)
    throttle.count_attempt(session, counters, now)
    user = session.scalar(select(User).where(User.email == email))
    if (
        not verify_password(user.password_hash if user else None, password)
        or user is None
        or user.disabled
    ):
        raise AccountError(401, "wrong email or password")
    throttle.forget(session, counters)
    if guest is not None:
        merge_guest(session, guest=guest, into=user)
    new = open_session(session, user=user, now=now)
    session.commit()
    return user, new


def logout(session: Session, *, session_id: str) -> None:
    session.execute(delete(AuthSession).where(AuthSession.id == session_id))
    session.commit()


def end_sessions(session: Session, *, user_id: int) -> None:
    """End every session of a user (password change, disabling)."""
    session.execute(delete(AuthSession).where(AuthSession.user_id == user_id))


def check_current_password(
    session: Session, *, user: User, password: str, client: str, now: datetime
) -> None:
    """Refuse (403) a wrong current password; counted with the logins to the same account."""
    counters = throttle.keys_for(user.email or f"user:{user.id}", client)
    throttle.count_attempt(session, counters, now)
    if not verify_password(user.password_hash, password):
        raise AccountError(403, "current_password: does not match")
    throttle.forget(session, counters)


def change_password(
    session: Session, *, user: User, current: str, new_password: str, client: str, now: datetime
) -> NewSession:
    """Change the password, end every other session, and open a fresh one."""
    check_current_password(session, user=user, password=current, client=client, now=now)
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    end_sessions(session, user_id=user.id)
    new = open_session(session, user=user, now=now)
    session.commit()
    return new


def create_admin(session: Session, *, email: str, password: str, now: datetime) -> User:
    """Create (or promote) an admin account; used by `backprop admin create`."""
    email = normalise_email(email)
    check_password_strength(password)
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, created_at=now)
        session.add(user)
    user.password_hash = hash_password(password)
    user.role, user.is_guest, user.disabled = "admin", False, False
    session.commit()
    return user


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0
