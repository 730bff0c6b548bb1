"""Command line: serve, init-db, upgrade-db, create-admin, routes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import replace

from reeltrack.settings import Settings


def _settings() -> Settings:
    return Settings.from_env().resolved()


def cmd_upgrade_db(_args: argparse.Namespace) -> int:
    from reeltrack.db.engine import make_engine
    from reeltrack.db.migrate import upgrade

    settings = _settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    engine.dispose()
    print("Database schema is up to date.")
    return 0


def cmd_init_db(args: argparse.Namespace) -> int:
    from reeltrack.services.setup import ensure_admin, seed_defaults

    cmd_upgrade_db(args)
    runtime = _runtime()
    seed_defaults(runtime)
    ensure_admin(runtime, announce=print)
    return 0


def _runtime():  # type: ignore[no-untyped-def]
    from reeltrack.runtime import Runtime

    return Runtime.build(Settings.from_env())


def cmd_create_admin(args: argparse.Namespace) -> int:
    from reeltrack.services.setup import create_admin

    runtime = _runtime()
    try:
        create_admin(runtime, args.email, args.password)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Admin {args.email} is ready.")
    return 0


def cmd_routes(_args: argparse.Namespace) -> int:
    from reeltrack.app import served_routes

    print(json.dumps(served_routes(), indent=1))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from reeltrack.db.engine import make_engine
    from reeltrack.db.migrate import upgrade
    from reeltrack.services.setup import ensure_admin, seed_defaults

    settings = Settings.from_env()
    if args.host:
        settings = replace(settings, host=args.host)
    if args.port:
        settings = replace(settings, port=args.port)
    workers = args.workers or settings.workers
    resolved = settings.resolved()
    engine = make_engine(resolved.database_url)
    upgrade(engine)
    engine.dispose()
    runtime = _runtime()
    seed_defaults(runtime)
    ensure_admin(runtime, announce=print)
    runtime.db.dispose()
    # Workers read the same environment; make the resolved secret visible to all.
    os.environ.setdefault("SECRET_KEY", resolved.secret_key)
    print(f"Reeltrack listening on http://{settings.host}:{settings.port} ({workers} worker(s))")
    uvicorn.run(
        "reeltrack.app:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level=args.log_level,
        access_log=args.access_log,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reeltrack", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="migrate the database and start the server")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=None)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--access-log", action="store_true")
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("init-db", help="create the schema and the first admin").set_defaults(
        func=cmd_init_db
    )
    sub.add_parser("upgrade-db", help="apply pending migrations").set_defaults(func=cmd_upgrade_db)
    admin = sub.add_parser("create-admin", help="create or promote an admin account")
    admin.add_argument("email")
    admin.add_argument("--password", required=True)
    admin.set_defaults(func=cmd_create_admin)
    sub.add_parser("routes", help="print every served route as JSON").set_defaults(func=cmd_routes)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
