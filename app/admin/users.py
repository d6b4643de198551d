"""Accounts as admins manage them: promote, demote, disable, enable.

The site always keeps one enabled admin: the last one cannot be demoted or disabled.
"""

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.accounts.service import end_sessions
from app.admin import audit
from app.admin.errors import AdminError, Invalid, NotFound
from app.models import User


def get_all(
    session: Session, *, query: str | None = None, limit: int = 200, offset: int = 0
) -> tuple[list[User], int]:
    """Registered accounts (not guests), admins first, filtered by e-mail; and their total."""
    stmt = select(User).where(User.is_guest.is_(False))
    if query and query.strip():
        stmt = stmt.where(User.email.contains(query.strip().lower(), autoescape=True))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(
        stmt.order_by((User.role == "admin").desc(), User.email).limit(limit).offset(offset)
    )
    return list(rows), total


def counts(session: Session) -> dict[str, int]:
    """Admins, registered learners and guests."""
    rows = session.execute(
        select(User.role, User.is_guest, func.count()).group_by(User.role, User.is_guest)
    )
    result = {"admins": 0, "learners": 0, "guests": 0}
    for role, guest, n in rows:
        key = "guests" if guest else ("admins" if role == "admin" else "learners")
        result[key] += n
    return result


def get(session: Session, *, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.is_guest:
        raise NotFound(f"user {user_id} not found")
    return user


def _enabled_admins(session: Session) -> int:
    """Enabled admins, counted under a write lock held until the caller commits.

    A no-op UPDATE takes the lock on both databases (PostgreSQL: the admins' rows; SQLite,
    which has no FOR UPDATE: the database), so two admins demoting each other at once are
    serialised and the second one counts what the first left: never zero admins."""
    enabled = (User.role == "admin", User.disabled.is_(False))
    session.execute(
        update(User).where(*enabled).values(role=User.role),
        execution_options={"synchronize_session": False},
    )
    return session.scalar(select(func.count()).select_from(User).where(*enabled)) or 0


def change(
    session: Session,
    *,
    user_id: int,
    role: str | None = None,
    disabled: bool | None = None,
    actor: User,
    now: datetime,
) -> User:
    """Set a user's role and/or disabled flag; disabling ends their sessions."""
    user = get(session, user_id=user_id)
    if role is not None and role not in ("learner", "admin"):
        raise Invalid("role: expected learner or admin")
    new_role = role if role is not None else user.role
    new_disabled = disabled if disabled is not None else user.disabled
    losing_admin = user.role == "admin" and not user.disabled
    if losing_admin and (new_role != "admin" or new_disabled) and _enabled_admins(session) <= 1:
        raise AdminError(409, "role: this is the last admin; promote someone else first")
    actions = []
    if new_role != user.role:
        actions.append("user.promote" if new_role == "admin" else "user.demote")
    if new_disabled != user.disabled:
        actions.append("user.disable" if new_disabled else "user.enable")
    user.role, user.disabled = new_role, new_disabled
    if new_disabled:
        end_sessions(session, user_id=user.id)
    for action in actions:
        audit.record(
            session,
            actor=actor,
            action=action,
            target=f"user:{user.id}",
            now=now,
            detail={"email": user.email, "role": user.role, "disabled": user.disabled},
        )
    session.commit()
    return user
