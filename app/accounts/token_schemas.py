"""JSON shapes of personal access tokens and of deleting an account."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.models import ApiToken

DELETE_CONFIRMATION = "delete my account"


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=80, examples=["laptop script"])]
    admin: bool = False
    expires_in_days: Annotated[int | None, Field(ge=1, le=365)] = 90


class TokenOut(BaseModel):
    id: int
    name: str
    hint: str
    admin: bool
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: ApiToken) -> "TokenOut":
        return cls(
            id=row.id, name=row.name, hint=row.hint, admin=row.admin, created_at=row.created_at,
            expires_at=row.expires_at, last_used_at=row.last_used_at, revoked_at=row.revoked_at,
        )  # fmt: skip


class NewTokenOut(TokenOut):
    token: Annotated[str, Field(description="The secret: shown this once, never again.")]


class AccountDelete(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: Annotated[str, Field(max_length=128)] = ""
    confirm: Annotated[
        Literal["delete my account"],
        Field(description=f'Must be exactly "{DELETE_CONFIRMATION}".'),
    ]
