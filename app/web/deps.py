"""Named dependencies shared by routes, and where a request's database work runs.

FastAPI runs a plain ``def`` route (and each plain ``def`` dependency) in a thread pool.
For the practice loop that costs more than the work: its queries take well under a
millisecond each, while every hand-off to a thread, and the GIL passing between threads on
each driver call, cost more CPU than the queries themselves (``make bench`` measured the
review endpoints at about twice the CPU per request with threads). So:

* the session lookup (``app.web.auth``) and the practice routes (the review API and the
  practice page) are ``async def`` and run their short database work on the event loop;
* every other route is a plain ``def`` and runs in the thread pool, as FastAPI does by
  default; those that are slow on purpose (password hashing, bank import and export) must
  stay that way, or they would stall every request of their worker.

A worker therefore runs one practice request's database work at a time; ``backprop serve
--workers N`` (or more hosts) scales it out, as with any synchronous Python server.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.config import Settings


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A session per request; services commit, anything left over is rolled back."""
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
