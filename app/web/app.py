"""The FastAPI application factory."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app import __version__
from app.config import Settings, get_settings
from app.db import PoolLimits, make_engine, make_session_factory, utcnow
from app.observability import RequestLogMiddleware, configure_logging
from app.web.api import admin as admin_api
from app.web.api import auth, health, plan, questions, review, stats
from app.web.api import exports as export_api
from app.web.api import mock as mock_api
from app.web.api import templates as template_api
from app.web.api import tokens as token_api
from app.web.auth import COOKIE_NAME, csrf_protect
from app.web.errors import install_error_handlers
from app.web.housekeeping import prune_periodically
from app.web.limits import BodySizeLimitMiddleware
from app.web.pages import about as about_pages
from app.web.pages import access as access_pages
from app.web.pages import account, home, practice, practice_cards
from app.web.pages import admin as admin_pages
from app.web.pages import cards as card_pages
from app.web.pages import downloads as download_pages
from app.web.pages import drill as drill_pages
from app.web.pages import mock as mock_pages
from app.web.pages import plan as plan_pages
from app.web.pages import questions as question_pages
from app.web.pages import stats as stats_pages
from app.web.pages import welcome as welcome_pages
from app.web.security import ResponseHeadersMiddleware
from app.web.slots import RequestSlots

# Requests larger than this get 413; the largest legitimate body is a bank upload (~0.5 MB).
MAX_BODY_BYTES = 2 * 1024 * 1024


# Threads beyond the request slots: routes that use no database, and sessions being closed.
THREADS_BEYOND_SLOTS = 8


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Size the thread pool above the request slots, so that a request holding a slot (and
    so a connection) never waits for a thread (see app/web/deps.py)."""
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(limiter.total_tokens, app.state.slots.size + THREADS_BEYOND_SLOTS)
    slow_ms = app.state.settings.loop_slow_callback_ms
    if slow_ms:
        loop = asyncio.get_running_loop()
        loop.set_debug(True)
        loop.slow_callback_duration = slow_ms / 1000
    pruning = asyncio.create_task(prune_periodically(app))
    yield
    pruning.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await pruning
    app.state.engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured application with its own database engine."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Backprop",
        version=__version__,
        description="Deep-learning interview practice: spaced repetition, numeric drills, mock interviews.",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(csrf_protect)],
        lifespan=_lifespan,
    )
    engine = make_engine(settings.database_url, PoolLimits.from_settings(settings))
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_session_factory(engine)
    app.state.slots = RequestSlots(settings.request_slots, settings.db_wait_seconds)
    app.state.clock = utcnow

    app.add_middleware(
        ResponseHeadersMiddleware, cookie_name=COOKIE_NAME, secure_cookies=settings.secure_cookies
    )
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(RequestLogMiddleware)
    configure_logging()
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    for router in (
        health.router,
        auth.router,
        questions.router,
        template_api.router,
        review.router,
        stats.router,
        plan.router,
        mock_api.router,
        token_api.router,
        export_api.router,
        home.router,
        question_pages.router,
        drill_pages.router,
        practice.router,
        practice_cards.router,
        mock_pages.router,
        stats_pages.router,
        plan_pages.router,
        account.router,
        welcome_pages.router,
        access_pages.router,
        download_pages.router,
        about_pages.router,
        card_pages.router,
        admin_api.router,
        admin_pages.router,
    ):
        app.include_router(router)

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        # Served from static/vendor (npm's swagger-ui-dist): pages load nothing from other hosts.
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Backprop API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    return app
