"""A learner's own data: everything about them as JSON, and deleting the account with it.

The export walks every table that belongs to a user, column by column, so a column added
later is exported without touching this file; secrets (the password hash, token hashes,
session ids) are never included.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, inspect, select
from sqlalchemy.orm import Session

from app.accounts import service as accounts
from app.accounts.errors import AccountError
from app.admin import audit
from app.models import (
    ApiToken,
    AuditEntry,
    Card,
    ErrorFlag,
    MockInterview,
    MockItem,
    RevealedVariant,
    ReviewLog,
    User,
)

FORMAT_VERSION = 1
SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "csrf_token"})


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_dict(row: Any, *, leave_out: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A row's columns as JSON-ready values, secrets left out."""
    skip = SECRET_COLUMNS | leave_out
    return {
        column.key: _value(getattr(row, column.key))
        for column in inspect(row).mapper.column_attrs
        if column.key not in skip
    }


def _rows(session: Session, model: Any, *conditions: Any, order: Any) -> list[dict[str, Any]]:
    return [row_dict(r) for r in session.scalars(select(model).where(*conditions).order_by(order))]


def _mocks(session: Session, user: User) -> list[dict[str, Any]]:
    interviews = session.scalars(
        select(MockInterview).where(MockInterview.user_id == user.id).order_by(MockInterview.id)
    ).all()
    items: dict[int, list[dict[str, Any]]] = {m.id: [] for m in interviews}
    if items:
        for item in session.scalars(
            select(MockItem)
            .where(MockItem.interview_id.in_(list(items)))
            .order_by(MockItem.interview_id, MockItem.position)
        ):
            items[item.interview_id].append(row_dict(item))
    return [{**row_dict(m), "items": items[m.id]} for m in interviews]


def export_data(session: Session, *, user: User, now: datetime) -> dict[str, Any]:
    """Everything stored about ``user``: account and settings, cards, reviews (with the
    answers typed), mock interviews, revealed variants, tokens' names, error flags sent, own
    admin actions."""
    return {
        "format": "backprop-my-data",
        "version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "account": row_dict(user),
        "cards": _rows(session, Card, Card.user_id == user.id, order=Card.id),
        "reviews": _rows(session, ReviewLog, ReviewLog.user_id == user.id, order=ReviewLog.id),
        "mock_interviews": _mocks(session, user),
        "revealed_variants": _rows(
            session, RevealedVariant, RevealedVariant.user_id == user.id, order=RevealedVariant.id
        ),
        "tokens": _rows(session, ApiToken, ApiToken.user_id == user.id, order=ApiToken.id),
        "error_flags": _rows(session, ErrorFlag, ErrorFlag.user_id == user.id, order=ErrorFlag.id),
        "admin_actions": _rows(
            session, AuditEntry, AuditEntry.actor_id == user.id, order=AuditEntry.id
        ),
    }


def delete_account(
    session: Session, *, user: User, password: str, client: str, now: datetime
) -> None:
    """Delete ``user`` and everything that is theirs (the database cascades). A registered
    user must give the password (checked and throttled like a login); a guest has none."""
    if not user.is_guest:
        if not password:
            raise AccountError(422, "password: enter your password to delete the account")
        accounts.check_current_password(
            session, user=user, password=password, client=client, now=now
        )
    user_id = user.id
    audit.record(session, actor=None, action="user.delete", target=f"user:{user_id}", now=now)
    session.execute(delete(User).where(User.id == user_id))
    session.commit()
    session.expunge_all()
