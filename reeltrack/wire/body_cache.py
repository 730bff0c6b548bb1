"""Encoded response bodies kept in memory per worker, keyed by an exact ETag.

The with-tasks boards are the heaviest answers (tens of megabytes on a large production)
and a board is often reloaded between two changes. Their ETag hashes everything the body
is built from, the caller included (see services/entity_board_etag.py), so a body stored
under a tag is the answer for as long as that tag is computed. The cache is bounded in bytes and
drops the least recently used bodies first; concurrent requests for the same missing
tag build it once and share it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable


class BodyCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(max_bytes, 0)
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._bodies.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._bodies[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The stored body, or `build()`'s, built once however many ask at the same time."""
        if self.max_bytes == 0:
            return build()
        body = self.get(key)
        if body is not None:
            return body
        with self._lock:
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            body = self.get(key)
            if body is None:
                body = build()
                self.put(key, body)
        with self._lock:
            if self._building.get(key) is gate and not gate.locked():
                del self._building[key]
        return body

    def clear(self) -> None:
        with self._lock:
            self._bodies.clear()
            self._size = 0

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._bodies)
