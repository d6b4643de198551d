"""Request slots: how many requests of a process may hold a database session at once.

A request takes a slot before it opens its session and gives it back once the session is
closed. There are as many slots as pooled connections, so a connection checkout never
waits; a request that finds every slot taken waits at most ``wait_seconds`` (on the event
loop, without blocking it) and is then refused with 503 and ``Retry-After``.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from app.errors import ServiceError

RETRY_AFTER_SECONDS = 1


class Overloaded(ServiceError):
    """Every database slot stayed busy for the whole wait: the client should retry soon."""

    def __init__(self) -> None:
        super().__init__(
            503,
            "the server is busy: every database connection is in use; retry in a moment",
            retry_after=RETRY_AFTER_SECONDS,
        )


class RequestSlots:
    """A bounded number of concurrent database users with a bounded wait for a turn."""

    def __init__(self, size: int, wait_seconds: float) -> None:
        self.size = size
        self.wait_seconds = wait_seconds
        # anyio's semaphore binds to no event loop (tests run apps on several loops).
        self._free = anyio.Semaphore(size)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        acquired = False
        with anyio.move_on_after(self.wait_seconds):
            await self._free.acquire()
            acquired = True
        if not acquired:
            raise Overloaded()
        try:
            yield
        finally:
            self._free.release()

    @property
    def in_use(self) -> int:
        return self.size - self._free.value
