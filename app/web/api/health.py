"""Liveness and readiness probes."""

from fastapi import APIRouter, HTTPException
from sqlalchemy import text

from app.web.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """200 while the process is up; touches no database."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "The database does not answer"}})
def readyz(session: SessionDep) -> dict[str, str]:
    """200 when the database answers a query."""
    try:
        session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready"
        raise HTTPException(503, detail=f"database unavailable: {type(exc).__name__}") from exc
    return {"status": "ready"}
