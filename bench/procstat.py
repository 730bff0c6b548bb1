"""CPU time and resident memory of a server process and its children, from /proc."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces; the fields after it are fixed.
    return text[text.rindex(")") + 2 :].split()


def descendants(root: int) -> list[int]:
    """The process and every process below it (gunicorn or uvicorn workers)."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


class ProcessTree:
    """Samples of a server's process tree: CPU seconds and resident set size."""

    def __init__(self, pid: int) -> None:
        if _stat_fields(pid) is None:
            raise ValueError(f"no process {pid} on this machine")
        self.pid = pid

    def cpu_seconds(self, pids: list[int]) -> float:
        total = 0
        for pid in pids:
            fields = _stat_fields(pid)
            if fields:
                # utime, stime (fields 14 and 15 of stat, counted from the state field at 3)
                total += int(fields[11]) + int(fields[12])
        return total / TICKS

    def rss_mb(self) -> float:
        total = 0
        for pid in descendants(self.pid):
            fields = _stat_fields(pid)
            if fields:
                total += int(fields[21]) * PAGE
        return round(total / 1e6, 1)

    def sample(self) -> tuple[list[int], float]:
        pids = descendants(self.pid)
        return pids, self.cpu_seconds(pids)

    def since(self, before: tuple[list[int], float], wall: float) -> dict[str, float]:
        """Server CPU (in cores) used since `before`, and its resident memory now."""
        pids, cpu = before
        return {
            "server_cpu": (self.cpu_seconds(pids) - cpu) / wall,
            "server_rss_mb": self.rss_mb(),
        }
