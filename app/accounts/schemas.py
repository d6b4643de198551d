"""JSON shapes of the auth API."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.models import User


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(min_length=3, max_length=254, examples=["ada@example.com"])]
    password: Annotated[str, Field(min_length=1, max_length=128)]


class UserOut(BaseModel):
    id: int
    email: str | None
    role: str

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(id=user.id, email=user.email, role=user.role)


class MeOut(UserOut):
    guest: bool

    @classmethod
    def of(cls, user: User) -> "MeOut":
        return cls(id=user.id, email=user.email, role=user.role, guest=user.is_guest)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Annotated[str, Field(min_length=1, max_length=128)]
    new_password: Annotated[str, Field(min_length=1, max_length=128)]
