"""Create the SQLAlchemy engine for SQLite (embedded) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

# Write requests on SQLite take the write lock when their transaction starts: a deferred
# transaction that reads, then writes after another request committed, fails at once
# ("database is locked") in WAL mode instead of waiting for its turn.
BEGIN_OPTION = "reeltrack_begin"


def make_engine(
    url: str, echo: bool = False, pool_size: int = 10, max_overflow: int = 20
) -> Engine:
    """Build an engine with the pragmas and pool sizes each backend needs."""
    pool = {"pool_size": pool_size, "max_overflow": max_overflow}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        memory = not path or path == ":memory:"
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": 30},
            **({} if memory else pool),
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, **pool)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy own transactions so that BEGIN is emitted explicitly.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get(BEGIN_OPTION, "BEGIN"))


class Database:
    """One engine and its session factory."""

    def __init__(
        self, url: str, echo: bool = False, pool_size: int = 10, max_overflow: int = 20
    ) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo, pool_size=pool_size, max_overflow=max_overflow)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)
        self.capacity = pool_size + max_overflow
        self._writer = self.engine.execution_options(**{BEGIN_OPTION: "BEGIN IMMEDIATE"})

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self, write: bool = False) -> Session:
        """A session; `write` ones take SQLite's write lock when they begin."""
        if write and self.dialect == "sqlite":
            return self.sessions(bind=self._writer)
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()
