"""Test fixtures: one migrated database per run, emptied after each test."""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, delete, event, text
from sqlalchemy.engine import Engine

from reeltrack.app import create_app
from reeltrack.db.base import Base
from reeltrack.db.migrate import upgrade
from reeltrack.runtime import Runtime
from reeltrack.settings import Settings
from tests import factories


def _database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url or f"sqlite:///{tmp / 'test.db'}"


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    """A migrated database for this test run: a temp SQLite file, or a private
    PostgreSQL schema (so parallel runs on one database never collide)."""
    tmp = Path(tempfile.mkdtemp(prefix="reeltrack-test-"))
    url = _database_url(tmp)
    schema = None
    if url.startswith("postgresql"):
        schema = f"reeltrack_test_{uuid.uuid4().hex[:12]}"
        admin_engine = create_engine(url)
        with admin_engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        admin_engine.dispose()
        separator = "&" if "?" in url else "?"
        url = f"{url}{separator}options=-csearch_path%3D{schema}"
    settings = Settings(
        data_dir=tmp,
        database_url=url,
        secret_key="test-secret-key-which-is-long-enough-for-hs256",
        redis_url=os.environ.get("TEST_REDIS_URL") or None,
    )
    rt = Runtime.build(settings)
    upgrade(rt.db.engine)
    yield rt
    rt.db.dispose()
    if schema is not None:
        admin_engine = create_engine(_database_url(tmp))
        with admin_engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin_engine.dispose()


@pytest.fixture(scope="session")
def app(runtime: Runtime) -> Any:
    return create_app(runtime=runtime)


INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+\"?(\w+)\"?", re.IGNORECASE)


@pytest.fixture(scope="session")
def _written_tables(runtime: Runtime) -> Iterator[set[str]]:
    """Names of the tables that received rows since the last cleanup."""
    written: set[str] = set()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        match = INSERT_INTO.match(statement)
        if match:
            written.add(match.group(1))

    # Every engine (tests build extra runtimes as "other workers") reports here.
    event.listen(Engine, "before_cursor_execute", record)
    yield written
    event.remove(Engine, "before_cursor_execute", record)


@pytest.fixture(autouse=True)
def _clean_tables(runtime: Runtime, _written_tables: set[str]) -> Iterator[None]:
    """Empty the tables a test wrote to (Zou's schema has foreign key cycles)."""
    yield
    names = sorted(_written_tables & set(Base.metadata.tables))
    _written_tables.clear()
    if not names:
        return
    with runtime.db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # DELETE is far cheaper than TRUNCATE on small tables; foreign key
            # triggers are off for this transaction since every table goes empty.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for name in names:
                conn.execute(delete(Base.metadata.tables[name]))
        else:
            conn.execute(text("PRAGMA defer_foreign_keys=ON"))
            for name in names:
                conn.execute(delete(Base.metadata.tables[name]))


@pytest.fixture()
def db(runtime: Runtime) -> Iterator[Any]:
    """A session for arranging data directly; commit what the test needs visible."""
    session = runtime.db.session()
    yield session
    session.close()


@pytest.fixture()
def client(app: Any) -> TestClient:
    return TestClient(app)


@pytest.fixture()
def as_role(app: Any, runtime: Runtime, db: Any) -> Callable[..., TestClient]:
    """A TestClient authenticated as a new person with the given role."""

    def make(role: str = "admin", **fields: Any) -> TestClient:
        person = factories.make_person(db, role=role, **fields)
        db.commit()
        token, _ = runtime.tokens.issue(person.id)
        test_client = TestClient(app)
        test_client.headers["Authorization"] = f"Bearer {token}"
        test_client.person = person  # type: ignore[attr-defined]
        return test_client

    return make


@pytest.fixture()
def admin(as_role: Callable[..., TestClient]) -> TestClient:
    return as_role("admin")


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.count += 1
        self.statements.append(statement)


@pytest.fixture()
def count_queries(runtime: Runtime) -> Callable[[], Any]:
    """Context manager counting the SQL statements run inside it."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()
        event.listen(runtime.db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(runtime.db.engine, "before_cursor_execute", counter)

    return counting
