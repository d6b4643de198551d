"""A small, thread-safe LRU of rendered HTML fragments (pages render in the thread pool).

Keys must include whatever the fragment depends on (for the bank listing: the bank's
version, so an edit or a load is seen at once, in every process)."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class FragmentCache:
    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        html = render()  # outside the lock: two threads may render the same key once each
        with self._lock:
            self._entries[key] = html
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return html
