"""A short load run with a SIGKILL half-way: no acknowledged review may be lost."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.dev.load import KILL_AFTER_REVIEWS, run, verify
from app.dev.server import stop_server

# Measures time or loads the machine: runs alone, after the parallel part (Makefile).
pytestmark = pytest.mark.serial


def test_load_with_sigkill_loses_no_acknowledged_review(db_url):
    # Its own thread and event loop: the browser tests keep Playwright's loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        tally, server = pool.submit(asyncio.run, run(db_url, learners=8, seconds=8)).result()
    stop_server(server)
    assert len(tally.acknowledged) >= KILL_AFTER_REVIEWS  # reviews flowed before the kill
    assert tally.acknowledged_after_restart > 0  # and again after the restart
    assert tally.retries > 0  # the kill came while learners were reviewing
    assert tally.errors == []
    assert verify(db_url, tally) == []
