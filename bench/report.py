"""Plain-text tables of benchmark results."""

from __future__ import annotations

from typing import Any


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value != value:  # NaN: no request completed
        return "-"
    return f"{value:,.{digits}f}"


def render(headers: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    lines = [
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        )
    ]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(lines)


def error_note(result: dict[str, Any]) -> str:
    if "missing_routes" in result:
        return "route missing: " + ", ".join(result["missing_routes"])
    kinds = result.get("error_kinds") or {}
    return "; ".join(f"{kind} x{count}" for kind, count in kinds.items())


def client_note(results: dict[str, Any]) -> str:
    """How far the load generator is from being the bottleneck."""
    measured = {n: r for n, r in results["scenarios"].items() if "client_cpu" in r}
    if not measured:
        return "client: nothing measured"
    busiest = max(r["client_cpu"] for r in measured.values())
    # Per-request cost is read at the highest rate: at low rates fixed costs inflate it.
    name = max(measured, key=lambda n: measured[n]["requests_per_s"])
    cost = measured[name].get("client_us_per_request") or 0.0
    note = f"client: at most {busiest:.2f} core busy in any scenario"
    if cost:
        note += (
            f"; {cost:,.0f} us of client CPU per request at the highest rate ({name}),"
            f" so one core could send {1e6 / cost:,.0f} req/s"
        )
    if busiest > 0.5:
        note += "\nWARNING: the client used over half a core: it may be the bottleneck"
    return note


def format_table(results: dict[str, Any]) -> str:
    """One line per scenario: throughput, latencies, errors, CPU and memory."""
    headers = [
        "scenario",
        "req/s",
        "op/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "client CPU",
        "server CPU",
        "RSS MB",
    ]
    rows, notes = [], []
    for name, result in results["scenarios"].items():
        if "missing_routes" in result:
            rows.append([name, "-", "-", "-", "-", "-", str(result["errors"]), "-", "-", "-"])
        else:
            rows.append(
                [
                    name,
                    _num(result["requests_per_s"]),
                    _num(result["ops_per_s"]),
                    _num(result["p50_ms"]),
                    _num(result["p95_ms"]),
                    _num(result["p99_ms"]),
                    str(result["errors"]),
                    _num(result["client_cpu"], 2),
                    _num(result.get("server_cpu"), 2),
                    _num(result.get("server_rss_mb")),
                ]
            )
        note = error_note(result)
        if note:
            notes.append(f"  {name}: {note}")
    server = results.get("server") or {}
    title = (
        f"{results['label']} ({server.get('api', '?')} {server.get('version', '')} at "
        f"{results['url']}), size {results['size']}, "
        f"concurrency {results['concurrency']}, {results['runs']} x {results['duration']} s "
        f"(median), warm-up {results['warmup']} s; CPU in cores"
    )
    if results.get("server_idle_rss_mb") is not None:
        title += f"; server idle RSS {results['server_idle_rss_mb']} MB"
    text = title + "\n" + render(headers, rows)
    text += "\n" + client_note(results)
    if notes:
        text += "\nerrors:\n" + "\n".join(notes)
    return text
