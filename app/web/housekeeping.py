"""Work the server does on its own: pruning expired sessions and idle guests periodically."""

import asyncio

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from app.accounts.prune import PruneReport, prune_by_settings
from app.observability import logger


def prune_once(app: FastAPI) -> PruneReport:
    """One pruning pass with the app's own sessions and clock (runs in a thread)."""
    with app.state.sessions() as session:
        return prune_by_settings(session, settings=app.state.settings, now=app.state.clock())


async def prune_periodically(app: FastAPI) -> None:
    """Every ``prune_interval_minutes`` (0: never), prune in the thread pool; a failure is
    logged and the next pass tries again. Several processes pruning at once is harmless."""
    minutes = app.state.settings.prune_interval_minutes
    if not minutes:
        return
    while True:
        await asyncio.sleep(minutes * 60)
        try:
            report = await run_in_threadpool(prune_once, app)
        except Exception as exc:  # the server keeps serving; the next pass retries
            logger.error("pruning failed", exc_info=exc)
            continue
        logger.info(report.summary())
