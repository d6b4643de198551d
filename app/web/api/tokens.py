"""Personal access tokens and the learner's own data over the JSON API.

Creating a token and deleting the account need a signed-in (cookie) session: a token
cannot mint tokens or delete its owner. Listing, revoking and the data export accept a
token too.
"""

import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response

from app.accounts import my_data, tokens
from app.accounts.token_schemas import AccountDelete, NewTokenOut, TokenCreate, TokenOut
from app.models import User
from app.web.api.auth import client_key
from app.web.auth import CurrentUser, NowDep, end_session, resolve_auth
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1/me", tags=["tokens and my data"])
TokenId = Annotated[int, Path(ge=1, le=2**31 - 1)]
NO_SESSION = {401: {"description": "No session"}}


def session_user(request: Request, db: SessionDep) -> User:
    """The user of a cookie session; 403 when the request carries a token instead."""
    auth = resolve_auth(request, db)
    if auth is None:
        raise HTTPException(401, detail="no session: log in first")
    if auth.session is None:
        raise HTTPException(403, detail="a token cannot do this: sign in to the site instead")
    return auth.user


SessionUser = Annotated[User, Depends(session_user)]


@router.get("/tokens", responses=NO_SESSION)
def list_tokens(db: SessionDep, user: CurrentUser) -> list[TokenOut]:
    """The learner's tokens (names and hints, never the secrets), newest first."""
    return [TokenOut.of(row) for row in tokens.get_all(db, user=user)]


@router.post("/tokens", status_code=201, responses={403: {"description": "Guest or scope"}})
def create_token(body: TokenCreate, db: SessionDep, user: SessionUser, now: NowDep) -> NewTokenOut:
    """A new token; ``token`` in the answer is the secret, shown this once."""
    new = tokens.create(
        db, user=user, name=body.name, admin=body.admin,
        expires_in_days=body.expires_in_days, now=now,
    )  # fmt: skip
    return NewTokenOut(**TokenOut.of(new.row).model_dump(), token=new.secret)


@router.delete("/tokens/{token_id}", status_code=204, responses={404: {"description": "Not yours"}})
def revoke_token(token_id: TokenId, db: SessionDep, user: CurrentUser, now: NowDep) -> Response:
    """Revoke a token: from now on it gets 401."""
    tokens.revoke(db, user=user, token_id=token_id, now=now)
    return Response(status_code=204)


@router.get("/data", responses={200: {"content": {"application/json": {}}}, **NO_SESSION})
def download_my_data(db: SessionDep, user: CurrentUser, now: NowDep) -> Response:
    """Everything stored about the learner, as one JSON file."""
    data = my_data.export_data(db, user=user, now=now)
    headers = {"Content-Disposition": 'attachment; filename="backprop-my-data.json"'}
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return Response(body, media_type="application/json", headers=headers)


@router.post("/delete", status_code=204, responses={403: {"description": "Wrong password"}})
def delete_account(
    body: AccountDelete, request: Request, db: SessionDep, user: SessionUser, now: NowDep
) -> Response:
    """Delete the account and all its data, after the password (and the confirmation)."""
    my_data.delete_account(
        db, user=user, password=body.password, client=client_key(request), now=now
    )
    end_session(request)
    return Response(status_code=204)
