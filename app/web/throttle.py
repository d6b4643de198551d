"""A per-process sliding-window limit on cheap-to-send, costly-to-answer requests."""

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from app.errors import ServiceError


class RateLimited(ServiceError):
    pass


class SlidingWindow:
    """At most ``limit`` calls per ``window`` seconds per key; remembers ``max_keys`` keys."""

    def __init__(
        self,
        limit: int,
        window: float,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._calls: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Count one call for ``key``, or raise 429 with ``Retry-After``."""
        now = self.clock()
        with self._lock:
            calls = self._calls.pop(key, None) or deque()
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            self._calls[key] = calls
            while len(self._calls) > self.max_keys:
                self._calls.popitem(last=False)
            if len(calls) >= self.limit:
                wait = max(1, int(calls[0] + self.window - now + 0.999))
                raise RateLimited(429, "too many answers graded; try again shortly", wait)
            calls.append(now)
