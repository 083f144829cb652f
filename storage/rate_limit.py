"""How many new assessments one browser session or one client address may start in a window.

A sliding window of timestamps per key, behind a lock (Streamlit runs sessions on threads). The
app holds one instance per process (a cache resource, never a module global); keys whose window
has passed are dropped, so memory is bounded by the clients of the last window.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 600.0
PER_SESSION = 20
PER_ADDRESS = 60


class RateLimit:
    def __init__(self, limit: int, window_seconds: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one creation for `key` and say whether it is within the limit (a refusal is not counted)."""
        now = self._clock()
        with self._lock:
            self._forget_before(now - self.window)
            hits = self._hits.setdefault(key, deque())
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may create again (0 when it may now)."""
        with self._lock:
            hits = self._hits.get(key)
            if not hits or len(hits) < self.limit:
                return 0.0
            return max(0.0, hits[0] + self.window - self._clock())

    def _forget_before(self, cutoff: float) -> None:
        for key in list(self._hits):
            hits = self._hits[key]
            while hits and hits[0] <= cutoff:
                hits.popleft()
            if not hits:
                del self._hits[key]
