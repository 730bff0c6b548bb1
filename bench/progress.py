"""Progress bars, a resumable state file and a bounded concurrent map."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


class Progress:
    """A one-line progress bar on stderr (a line per tenth when stderr is not a terminal)."""

    def __init__(self, label: str, total: int, quiet: bool = False) -> None:
        self.label = label
        self.total = max(total, 0)
        self.done = 0
        self.quiet = quiet
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.shown_tenth = -1
        self.tty = sys.stderr.isatty()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show()

    def _show(self, final: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        elapsed = max(now - self.started, 1e-9)
        total = self.total or 1
        if self.tty:
            if not final and now - self.shown_at < 0.2:
                return
            width = 30
            filled = int(width * min(self.done / total, 1.0))
            bar = "#" * filled + "." * (width - filled)
            line = (
                f"\r{self.label:<22} [{bar}] {self.done}/{self.total} {self.done / elapsed:7.1f}/s"
            )
            sys.stderr.write(line + ("\n" if final else ""))
            sys.stderr.flush()
            self.shown_at = now
            return
        # Not a terminal (a log file): a line per quarter of a long step, and the end.
        quarter = int(4 * min(self.done / total, 1.0)) if self.total >= 200 else 0
        if (final and self.shown_tenth != 99) or (0 < quarter < 4 and quarter > self.shown_tenth):
            self.shown_tenth = 99 if final else quarter
            sys.stderr.write(f"{self.label}: {self.done}/{self.total} ({elapsed:.1f} s)\n")

    def close(self) -> None:
        if self.total or self.done:
            self._show(final=True)


async def bounded_map(
    items: Sequence[T],
    worker: Callable[[T], Awaitable[Any]],
    concurrency: int,
    progress: Progress | None = None,
    on_done: Callable[[int], None] | None = None,
) -> None:
    """Run worker over items with at most `concurrency` in flight; stop at the first error."""
    iterator = iter(enumerate(items))

    async def lane() -> None:
        for index, item in iterator:
            await worker(item)
            if on_done is not None:
                on_done(index)
            if progress is not None:
                progress.advance()

    lanes = [asyncio.ensure_future(lane()) for _ in range(max(1, min(concurrency, len(items))))]
    try:
        await asyncio.gather(*lanes)
    finally:
        for task in lanes:
            task.cancel()


class Ledger:
    """Which indices of a fixed job list are done, saved compactly (low mark + stragglers)."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or {}
        self.low = int(data.get("low", 0))
        self.extra: set[int] = set(data.get("extra", []))

    def is_done(self, index: int) -> bool:
        return index < self.low or index in self.extra

    def mark(self, index: int) -> None:
        self.extra.add(index)
        while self.low in self.extra:
            self.extra.remove(self.low)
            self.low += 1

    def to_json(self) -> dict[str, Any]:
        return {"low": self.low, "extra": sorted(self.extra)}


def state_path(url: str, size: str, folder: Path) -> Path:
    host = (urlsplit(url).netloc or url).replace(":", "_").replace("/", "_")
    return folder / f"bench-state-{host}-{size}.json"


class State:
    """The seeding's record of what exists on the server: ids by name, steps done."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.saved_at = time.monotonic()

    @classmethod
    def load(cls, path: Path) -> State:
        if path.exists():
            return cls(path, json.loads(path.read_text()))
        return cls(path, {"steps": []})

    def done(self, step: str) -> bool:
        return step in self.data["steps"]

    def finish(self, step: str) -> None:
        if step not in self.data["steps"]:
            self.data["steps"].append(step)
        self.save()

    def ids(self, kind: str) -> dict[str, str]:
        return self.data.setdefault(kind, {})  # type: ignore[no-any-return]

    def ledger(self, kind: str) -> Ledger:
        return Ledger(self.data.get(f"ledger:{kind}"))

    def keep(self, kind: str, ledger: Ledger) -> None:
        self.data[f"ledger:{kind}"] = ledger.to_json()
        self.save_soon()

    def save_soon(self) -> None:
        if time.monotonic() - self.saved_at > 2.0:
            self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data))
        os.replace(tmp, self.path)
        self.saved_at = time.monotonic()


def chunked(items: Iterable[T], size: int) -> list[list[T]]:
    batch: list[T] = []
    batches: list[list[T]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            batches.append(batch)
            batch = []
    if batch:
        batches.append(batch)
    return batches
