"""Errors: JSON ``{"detail": …}`` for the API, a friendly page for browsers.

Services raise ``app.errors.ServiceError`` (status and reason); routes let it propagate
unless they answer differently (a form shown again with its message, a 409 carrying the
current version), and it is answered here like an ``HTTPException``."""

import math
from typing import Any

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import ServiceError
from app.observability import logger, request_id
from app.web.templating import templates


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path in ("/healthz", "/readyz"):
        return False
    return "text/html" in request.headers.get("accept", "")


def json_safe(value: Any) -> Any:
    """``value`` with what JSON cannot carry made printable: a validation error echoes the
    input, and NaN, 1e400 (infinity) or a lone surrogate would make encoding it fail."""
    if isinstance(value, dict):
        return {json_safe(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


# PostgreSQL's SQLSTATEs for a statement cancelled by statement_timeout and lock_timeout.
_PG_BUSY = {"57014": "the query took too long", "55P03": "the data is locked by another request"}


def database_busy_reason(exc: Exception) -> str | None:
    """Why the database could not serve the request in time, or None for other errors."""
    if isinstance(exc, sqlalchemy.exc.TimeoutError):
        return "the server is busy: no database connection came free in time; retry in a moment"
    original = getattr(exc, "orig", None)
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if code in _PG_BUSY:
        return f"the database is busy ({_PG_BUSY[code]}); retry in a moment"
    if "database is locked" in str(original):
        return "the database is busy (locked by another write); retry in a moment"
    return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request) and exc.status_code in (403, 404, 409, 413, 422, 429, 503):
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": exc.status_code, "detail": exc.detail},
                status_code=exc.status_code,
                headers=getattr(exc, "headers", None),
            )
        return await http_exception_handler(request, exc)

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> Response:
        """A service refused the request: its status and reason, as for HTTPException."""
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return await _http_error(
            request, StarletteHTTPException(exc.status, detail=exc.detail, headers=headers)
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        if _wants_html(request):
            errors = json_safe(jsonable_encoder(exc.errors()))
            messages = [f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in errors]
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": 422, "detail": "; ".join(messages)},
                status_code=422,
            )
        return JSONResponse({"detail": json_safe(jsonable_encoder(exc.errors()))}, 422)

    @app.exception_handler(sqlalchemy.exc.TimeoutError)
    @app.exception_handler(sqlalchemy.exc.OperationalError)
    async def _database_busy(request: Request, exc: Exception) -> Response:
        """A pool checkout that timed out, a statement cancelled by ``statement_timeout`` or
        ``lock_timeout``, SQLite's "database is locked": the request is refused, not broken."""
        reason = database_busy_reason(exc)
        if reason is None:
            return await _unexpected(request, exc)
        logger.warning("database busy: %s", reason)
        return await _service_error(request, ServiceError(503, reason, retry_after=1))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        logger.error("unhandled error", exc_info=exc)
        return JSONResponse(
            {"detail": f"internal error (request id {request_id.get()})"}, status_code=500
        )
