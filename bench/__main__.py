"""Command line: python -m bench seed|run|compare (see README, Performance)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench import plan
from bench.scenarios import SCENARIOS

DEFAULT_DIR = Path("bench-results")


def _server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", required=True, help="server root, e.g. http://127.0.0.1:5100")
    parser.add_argument("--email", default="admin@example.com", help="an admin's email")
    parser.add_argument(
        "--password",
        default=os.environ.get("BENCH_PASSWORD"),
        required="BENCH_PASSWORD" not in os.environ,
        help="that admin's password (default: $BENCH_PASSWORD)",
    )
    parser.add_argument("--size", choices=sorted(plan.SIZES), default="small")
    parser.add_argument(
        "--state-dir", type=Path, default=DEFAULT_DIR, help="where the seed state file lives"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    seed = commands.add_parser("seed", help="build (or finish building) a production")
    _server_args(seed)
    seed.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    seed.add_argument("--quiet", action="store_true", help="no progress bars")

    run = commands.add_parser("run", help="measure the scenarios against a seeded server")
    _server_args(run)
    run.add_argument("--concurrency", type=int, default=16, help="simulated clients")
    run.add_argument("--duration", type=float, default=10.0, help="seconds per measured run")
    run.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per scenario")
    run.add_argument("--runs", type=int, default=3, help="measured runs per scenario (median)")
    run.add_argument(
        "--scenario", action="append", choices=list(SCENARIOS), help="only these (repeatable)"
    )
    run.add_argument("--pid", type=int, help="server process id: report its memory and CPU")
    run.add_argument("--label", default="", help="name of this server in the results")
    run.add_argument("--output", type=Path, help="JSON results file (default under state dir)")

    compare = commands.add_parser("compare", help="print two result files side by side")
    compare.add_argument("first", type=Path)
    compare.add_argument("second", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "seed":
        from bench.client import run_async
        from bench.seed import seed

        state = run_async(
            seed(
                args.url,
                args.email,
                args.password,
                args.size,
                args.state_dir,
                concurrency=args.concurrency,
                quiet=args.quiet,
            )
        )
        print(f"seeded {args.size} in {state.data['seed_seconds']} s; state: {state.path}")
        return 0
    if args.command == "run":
        from bench.run import main_run

        return main_run(args)
    from bench.compare import compare

    print(compare(args.first, args.second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
