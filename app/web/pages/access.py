"""Settings › Account: personal access tokens, downloading my data, deleting the account."""

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.accounts import my_data, tokens
from app.accounts.errors import AccountError
from app.models import User
from app.web.api.auth import client_key
from app.web.auth import NowDep, PageUser, end_session
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)
TokenId = Annotated[int, Path(ge=1, le=2**31 - 1)]
LIFETIMES = {"30": 30, "90": 90, "365": 365, "never": None}


def _page(
    request: Request, db: Session, user: User, now: datetime, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    rows = [] if user.is_guest else tokens.get_all(db, user=user)
    context = {
        "user": user, "active": "settings", "tokens": rows, "now": now,
        "is_active": tokens.is_active, "new_token": None, **extra,
    }  # fmt: skip
    return render(request, "account/access.html", context, status_code=status_code)


@router.get("/settings/account", response_class=HTMLResponse, name="account_page")
def account_page(request: Request, db: SessionDep, user: PageUser, now: NowDep) -> HTMLResponse:
    return _page(request, db, user, now)


@router.post("/settings/tokens", response_class=HTMLResponse, name="token_create_form")
def token_create_form(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    name: Annotated[str, Form(max_length=200)],
    lifetime: Annotated[str, Form(max_length=10)] = "90",
    admin: Annotated[str | None, Form(max_length=10)] = None,
) -> HTMLResponse:
    if lifetime not in LIFETIMES:
        return _page(request, db, user, now, 422, token_error="Choose how long the token lasts.")
    try:
        new = tokens.create(
            db, user=user, name=name, admin=admin is not None,
            expires_in_days=LIFETIMES[lifetime], now=now,
        )  # fmt: skip
    except AccountError as exc:
        return _page(request, db, user, now, exc.status, token_error=exc.detail, name=name)
    return _page(request, db, user, now, 201, new_token=new)


@router.post(
    "/settings/tokens/{token_id}/revoke", response_class=HTMLResponse, name="token_revoke_form"
)
def token_revoke_form(
    request: Request, token_id: TokenId, db: SessionDep, user: PageUser, now: NowDep
) -> HTMLResponse:
    try:
        row = tokens.revoke(db, user=user, token_id=token_id, now=now)
    except AccountError as exc:
        return _page(request, db, user, now, exc.status, token_error=exc.detail)
    return _page(request, db, user, now, revoked=row.name)


@router.get("/settings/my-data.json", name="my_data_download")
def my_data_download(db: SessionDep, user: PageUser, now: NowDep) -> Response:
    data = my_data.export_data(db, user=user, now=now)
    headers = {"Content-Disposition": 'attachment; filename="backprop-my-data.json"'}
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return Response(body, media_type="application/json", headers=headers)


@router.post(
    "/settings/delete", response_class=HTMLResponse, name="account_delete_form", response_model=None
)
def account_delete_form(
    request: Request,
    db: SessionDep,
    user: PageUser,
    now: NowDep,
    password: Annotated[str, Form(max_length=128)] = "",
    confirm: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    if confirm is None:
        error = "Tick the box to confirm that the account and its data are deleted."
        return _page(request, db, user, now, 422, delete_error=error)
    try:
        my_data.delete_account(
            db, user=user, password=password, client=client_key(request), now=now
        )
    except AccountError as exc:
        error = exc.detail.replace("current_password: ", "Password: ", 1)
        return _page(request, db, user, now, exc.status, delete_error=error)
    end_session(request)
    return RedirectResponse("/?account=deleted", status_code=303)
