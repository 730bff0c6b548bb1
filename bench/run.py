"""Measure each scenario: throughput and latency at a fixed concurrency, medians of runs."""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bench.client import Api, api_root, make_session, run_async
from bench.procstat import ProcessTree
from bench.progress import state_path
from bench.report import format_table
from bench.scenarios import SCENARIOS, Builder, Context, Request, build_context

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MISSING = {404, 405, 501}


def route_of(request: Request) -> str:
    """The request's route with ids blanked, to group errors."""
    return f"{request.method} {UUID.sub('<id>', request.path.split('?')[0])}"


class Recorder:
    """Latencies and outcomes of one measured run."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.op_latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.bytes = 0

    def record(self, request: Request, latency: float, status: int, size: int) -> None:
        self.latencies.append(latency)
        self.bytes += size
        if status >= 400 or status == 0:
            self.errors[f"{status} {route_of(request)}"] += 1


class Runner:
    """Sends operations with one pooled aiohttp session."""

    def __init__(self, session: aiohttp.ClientSession, url: str, context: Context) -> None:
        self.session = session
        self.root = api_root(url)
        self.context = context

    def headers(self, request: Request) -> dict[str, str]:
        token = request.token or self.context.admin_token
        return {} if token == "-" else {"Authorization": f"Bearer {token}"}

    async def send(self, request: Request, recorder: Recorder) -> int:
        started = time.perf_counter()
        status, size = 0, 0
        try:
            async with self.session.request(
                request.method,
                self.root + request.path,
                json=request.body,
                headers=self.headers(request),
            ) as response:
                body = await response.read()
                status, size = response.status, len(body)
        except (TimeoutError, aiohttp.ClientError):
            status = 0
        recorder.record(request, time.perf_counter() - started, status, size)
        return status

    async def operation(self, op: list[Request], recorder: Recorder) -> list[int]:
        started = time.perf_counter()
        if len(op) == 1:
            statuses = [await self.send(op[0], recorder)]
        else:
            statuses = list(await asyncio.gather(*(self.send(r, recorder) for r in op)))
        recorder.op_latencies.append(time.perf_counter() - started)
        return statuses

    async def load(
        self, builder: Builder, seconds: float, concurrency: int, seed: str
    ) -> tuple[Recorder, float]:
        """Keep `concurrency` simulated clients busy for `seconds`; return what they saw."""
        recorder = Recorder()
        deadline = time.perf_counter() + seconds

        async def client(lane: int) -> None:
            rng = random.Random(f"{seed}-{lane}")
            while time.perf_counter() < deadline:
                await self.operation(builder(self.context, rng), recorder)

        started = time.perf_counter()
        await asyncio.gather(*(client(lane) for lane in range(concurrency)))
        return recorder, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def summarise_run(
    recorder: Recorder, wall: float, client_cpu: float, server: dict[str, float]
) -> dict[str, Any]:
    ms = 1000.0
    return {
        "seconds": round(wall, 3),
        "requests": len(recorder.latencies),
        "operations": len(recorder.op_latencies),
        "requests_per_s": len(recorder.latencies) / wall,
        "ops_per_s": len(recorder.op_latencies) / wall,
        "p50_ms": percentile(recorder.latencies, 0.50) * ms,
        "p95_ms": percentile(recorder.latencies, 0.95) * ms,
        "p99_ms": percentile(recorder.latencies, 0.99) * ms,
        "op_p50_ms": percentile(recorder.op_latencies, 0.50) * ms,
        "errors": sum(recorder.errors.values()),
        "error_kinds": dict(recorder.errors.most_common(5)),
        "mb_received": recorder.bytes / 1e6,
        "client_cpu": client_cpu / wall,
        # What one request costs the load generator: one core could send 1e6 / this per s.
        "client_us_per_request": 1e6 * client_cpu / max(1, len(recorder.latencies)),
        **server,
    }


MEDIAN_KEYS = [
    "requests_per_s",
    "ops_per_s",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "op_p50_ms",
    "client_cpu",
    "client_us_per_request",
    "server_cpu",
]


def summarise_scenario(runs: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {
        key: statistics.median(run[key] for run in runs) for key in MEDIAN_KEYS if key in runs[0]
    }
    summary["requests"] = sum(run["requests"] for run in runs)
    summary["errors"] = sum(run["errors"] for run in runs)
    kinds: Counter[str] = Counter()
    for run in runs:
        kinds.update(run["error_kinds"])
    summary["error_kinds"] = dict(kinds.most_common(5))
    if "server_rss_mb" in runs[0]:
        summary["server_rss_mb"] = max(run["server_rss_mb"] for run in runs)
    summary["runs"] = runs
    return summary


async def probe(runner: Runner, builder: Builder, name: str) -> dict[str, Any] | None:
    """One operation first: a scenario whose routes are missing is reported, not measured."""
    recorder = Recorder()
    statuses = await runner.operation(builder(runner.context, random.Random(name)), recorder)
    if all(status in MISSING for status in statuses):
        return {"missing_routes": sorted(recorder.errors), "errors": len(statuses)}
    return None


async def measure(args: argparse.Namespace, state: dict[str, Any]) -> dict[str, Any]:
    names = args.scenario or list(SCENARIOS)
    tree = ProcessTree(args.pid) if args.pid else None
    results: dict[str, Any] = {}
    async with make_session(args.concurrency * 8, timeout=120) as session:
        api = Api(session, args.url)
        await api.login(args.email, args.password)
        context = await build_context(api, state, artists=min(10, args.concurrency))
        runner = Runner(session, args.url, context)
        server_info = await api.get("/")
        idle_rss = tree.rss_mb() if tree else None
        for name in names:
            builder = SCENARIOS[name]
            missing = await probe(runner, builder, name)
            if missing:
                results[name] = missing
                print(f"{name}: route missing {missing['missing_routes']}", file=sys.stderr)
                continue
            if args.warmup > 0:
                await runner.load(builder, args.warmup, args.concurrency, f"{name}-warmup")
            runs = []
            for index in range(args.runs):
                cpu_before = time.process_time()
                server_before = tree.sample() if tree else None
                recorder, wall = await runner.load(
                    builder, args.duration, args.concurrency, f"{name}-{index}"
                )
                client_cpu = time.process_time() - cpu_before
                server = tree.since(server_before, wall) if tree and server_before else {}
                runs.append(summarise_run(recorder, wall, client_cpu, server))
            results[name] = summarise_scenario(runs)
            print(f"{name}: {results[name]['requests_per_s']:.1f} req/s", file=sys.stderr)
    return {
        "label": args.label or urlsplit(args.url).netloc,
        "server": server_info,
        "url": args.url,
        "size": args.size,
        "concurrency": args.concurrency,
        "duration": args.duration,
        "warmup": args.warmup,
        "runs": args.runs,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "client": f"aiohttp {aiohttp.__version__}, Python {platform.python_version()}",
        "server_idle_rss_mb": idle_rss,
        "scenarios": results,
    }


def main_run(args: argparse.Namespace) -> int:
    path = state_path(args.url, args.size, args.state_dir)
    if not path.exists():
        print(f"no seed state at {path}: run `python -m bench seed` first", file=sys.stderr)
        return 2
    state = json.loads(path.read_text())
    if "casting" not in state.get("steps", []):
        print(f"the seeding recorded in {path} is unfinished: run seed again", file=sys.stderr)
        return 2
    results = run_async(measure(args, state))
    output = args.output or Path(args.state_dir) / (
        f"bench-{results['label'].replace(':', '_')}-{args.size}-{int(time.time())}.json"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    print(format_table(results))
    print(f"results: {output}")
    return 0
