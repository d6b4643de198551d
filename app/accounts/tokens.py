"""Personal access tokens: create (the secret is shown once), list, revoke, resolve.

A token is ``bp_`` and 43 random URL-safe characters (256 bits); the table keeps only its
SHA-256, which is enough for a secret of that strength (a password hash would cost a
hash per API call for nothing). A token acts with its owner's rights; admin routes also
need the token's admin scope, which only an admin can give a token.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from app.accounts.errors import AccountError
from app.accounts.service import token_hash
from app.models import ApiToken, User

PREFIX = "bp_"
MAX_SECRET_LENGTH = 100  # longer headers are refused before any lookup
MAX_ACTIVE_TOKENS = 20
MAX_LIFETIME_DAYS = 365
TOUCH_INTERVAL = timedelta(minutes=5)
HINT_LENGTH = 8


@dataclass(frozen=True)
class NewToken:
    """A token just created: the secret (shown once) and its row."""

    secret: str
    row: ApiToken


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 80:
        raise AccountError(422, "name: expected 1 to 80 characters")
    if any(not ch.isprintable() for ch in name):
        raise AccountError(422, "name: control characters are not allowed")
    return name


def _active(user_id: int, now: datetime) -> Select[tuple[ApiToken]]:
    return select(ApiToken).where(
        ApiToken.user_id == user_id,
        ApiToken.revoked_at.is_(None),
        (ApiToken.expires_at.is_(None)) | (ApiToken.expires_at > now),
    )


def create(
    session: Session, *, user: User, name: str, admin: bool, expires_in_days: int | None,
    now: datetime,
) -> NewToken:  # fmt: skip
    """A new token for a registered user; only an admin may give it the admin scope."""
    if user.is_guest:
        raise AccountError(403, "guests cannot create tokens: register first")
    if admin and user.role != "admin":
        raise AccountError(403, "admin: only admins can create tokens with the admin scope")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_LIFETIME_DAYS:
        raise AccountError(422, f"expires_in_days: expected 1 to {MAX_LIFETIME_DAYS} or none")
    name = _clean_name(name)
    active = session.scalar(select(func.count()).select_from(_active(user.id, now).subquery()))
    if (active or 0) >= MAX_ACTIVE_TOKENS:
        raise AccountError(409, f"at most {MAX_ACTIVE_TOKENS} active tokens: revoke one first")
    secret = PREFIX + secrets.token_urlsafe(32)
    expires = now + timedelta(days=expires_in_days) if expires_in_days else None
    row = ApiToken(
        user_id=user.id, name=name, token_hash=token_hash(secret),
        hint=secret[: len(PREFIX) + HINT_LENGTH], admin=admin, created_at=now, expires_at=expires,
    )  # fmt: skip
    session.add(row)
    session.commit()
    return NewToken(secret, row)


def get_all(session: Session, *, user: User) -> list[ApiToken]:
    """The user's tokens, newest first (revoked and expired ones too)."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke(session: Session, *, user: User, token_id: int, now: datetime) -> ApiToken:
    """Revoke one of the user's tokens (404 for anyone else's); revoking twice is fine."""
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise AccountError(404, "no such token")
    if row.revoked_at is None:
        row.revoked_at = now
        session.commit()
    return row


_TOKEN_WITH_USER = (
    select(ApiToken, User)
    .join(User, User.id == ApiToken.user_id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def resolve(session: Session, *, secret: str, now: datetime) -> tuple[ApiToken, User] | None:
    """The live token and its enabled user for a secret; None when unknown, revoked or
    expired. Marks the token used (at most every few minutes: one write, not one per call)."""
    if not secret.startswith(PREFIX) or len(secret) > MAX_SECRET_LENGTH:
        return None
    found = session.execute(_TOKEN_WITH_USER, {"token_hash": token_hash(secret)}).first()
    if found is None:
        return None
    row, user = found
    expired = row.expires_at is not None and row.expires_at <= now
    if row.revoked_at is not None or expired or user.disabled:
        return None
    if row.last_used_at is None or now - row.last_used_at > TOUCH_INTERVAL:
        row.last_used_at = now
        session.commit()
    return row, user


def is_active(row: ApiToken, now: datetime) -> bool:
    return row.revoked_at is None and (row.expires_at is None or row.expires_at > now)
