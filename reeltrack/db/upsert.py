"""Inserts that leave an existing row alone, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_missing(session: Session, table: Any, values: dict[str, Any]) -> bool:
    """Insert one row unless it would break a unique constraint; True when it was inserted.

    Two requests linking the same pair at the same moment then both succeed, instead of
    the second failing on the duplicate.
    """
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing()
    result: Any = session.execute(stmt)
    return bool(result.rowcount)
