"""Two result files side by side, with the ratio of the second to the first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.report import _num, render

COLUMNS = [
    ("requests_per_s", "req/s"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
    ("server_rss_mb", "RSS MB"),
]


def ratio(first: Any, second: Any) -> str:
    if not isinstance(first, int | float) or not isinstance(second, int | float) or not first:
        return "-"
    return f"{second / first:.2f}x"


def compare_results(a: dict[str, Any], b: dict[str, Any]) -> str:
    """For each scenario and figure: A, B and B/A."""
    headers = ["scenario"]
    for _, title in COLUMNS:
        headers += [f"A {title}", f"B {title}", "B/A"]
    headers += ["A err", "B err"]
    rows = []
    names = list(a["scenarios"]) + [n for n in b["scenarios"] if n not in a["scenarios"]]
    for name in names:
        first = a["scenarios"].get(name, {})
        second = b["scenarios"].get(name, {})
        row = [name]
        for key, _ in COLUMNS:
            x, y = first.get(key), second.get(key)
            row += [_num(x), _num(y), ratio(x, y)]
        row += [str(first.get("errors", "-")), str(second.get("errors", "-"))]
        rows.append(row)
    idle_a, idle_b = a.get("server_idle_rss_mb"), b.get("server_idle_rss_mb")
    lines = [
        f"A: {a['label']} ({a['url']}), size {a['size']}, concurrency {a['concurrency']}",
        f"B: {b['label']} ({b['url']}), size {b['size']}, concurrency {b['concurrency']}",
        "B/A above 1 means B is faster for req/s, slower for latencies and memory.",
        render(headers, rows),
        f"server idle RSS MB: A {_num(idle_a)}, B {_num(idle_b)} ({ratio(idle_a, idle_b)})",
    ]
    if a["size"] != b["size"] or a["concurrency"] != b["concurrency"]:
        lines.insert(0, "warning: the two runs differ in size or concurrency")
    return "\n".join(lines)


def compare(first: Path, second: Path) -> str:
    return compare_results(json.loads(first.read_text()), json.loads(second.read_text()))
