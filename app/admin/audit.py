"""The audit log: who did what to which question, user or bank, and when."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditEntry, User


@dataclass(frozen=True)
class AuditLine:
    """An audit entry with its actor's e-mail (``None``: the command line or a deleted user)."""

    entry: AuditEntry
    actor: str | None


def record(
    session: Session,
    *,
    actor: User | None,
    action: str,
    target: str,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry to the log (the caller commits with the change it describes)."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target=target,
        detail=detail or {},
        at=now,
    )
    session.add(entry)
    return entry


def get_all(
    session: Session,
    *,
    action: str | None = None,
    target: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[AuditLine], int]:
    """Entries newest first, filtered by action prefix and exact target, and their total."""
    stmt = select(AuditEntry)
    if action:
        stmt = stmt.where(AuditEntry.action.startswith(action, autoescape=True))
    if target:
        stmt = stmt.where(AuditEntry.target == target)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(
        stmt.add_columns(User.email)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [AuditLine(entry, email) for entry, email in rows], total


def actions(session: Session) -> list[str]:
    """Every action that occurs in the log, for the filter."""
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
