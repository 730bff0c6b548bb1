"""Inserts that leave an existing row alone, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def dialect_insert(dialect_name: str) -> Any:
    """The `insert` construct with ON CONFLICT clauses for this database."""
    return sqlite.insert if dialect_name == "sqlite" else postgresql.insert


def insert_missing(session: Session, table: Any, values: dict[str, Any]) -> bool:
    """Insert one row unless it would break a unique constraint; True when it was inserted.

    Two requests linking the same pair at the same moment then both succeed, instead of
    the second failing on the duplicate.
    """
    insert = dialect_insert(session.get_bind().dialect.name)
    stmt = insert(table).values(**values).on_conflict_do_nothing()
    result: Any = session.execute(stmt)
    return bool(result.rowcount)
