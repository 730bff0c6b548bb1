"""Find and clear what references a row, for refused and forced deletes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, exists, select, update
from sqlalchemy.orm import Session

from reeltrack.db.base import Base


def referencing(table: Table) -> list[tuple[Table, Any]]:
    """Every (table, column) holding a foreign key to `table.id`."""
    found = []
    for other in Base.metadata.tables.values():
        for column in other.columns:
            for fk in column.foreign_keys:
                if fk.column.table is table and fk.column.name == "id":
                    found.append((other, column))
    return found


def _is_link_table(table: Table) -> bool:
    """A pure association: every primary key column is a foreign key."""
    keys = [c for c in table.primary_key.columns if c.name != "id"]
    return bool(keys) and all(c.foreign_keys for c in keys)


def is_referenced(
    session: Session, table: Table, row_id: Any, ignore: frozenset[str] | set[str] = frozenset()
) -> bool:
    """Whether any other row points at this one (links named in `ignore` excepted)."""
    for other, column in referencing(table):
        if other.name in ignore or other is table and column.name == "id":
            continue
        if session.scalar(select(exists().where(column == row_id))):
            return True
    return False


def purge_references(
    session: Session,
    table: Table,
    ids: Any,
    depth: int = 0,
    owner_columns: frozenset[str] = frozenset(),
) -> None:
    """Detach or delete everything that references the rows `ids` of `table`.

    Link rows are deleted, nullable references are cleared, and rows that cannot
    live without the target are deleted after their own references are purged.
    Rows pointing at the target through a column named in `owner_columns` belong
    to it: they are deleted even when that column is nullable.
    """
    if depth > 8:
        raise RuntimeError(f"reference chain too deep at {table.name}")
    for other, column in referencing(table):
        if other is table and column.nullable:
            session.execute(update(other).where(column.in_(ids)).values({column.name: None}))
        elif column.name in owner_columns or _is_link_table(other) or not column.nullable:
            if "id" in other.c and not _is_link_table(other):
                child_ids = select(other.c.id).where(column.in_(ids))
                child_list = list(session.scalars(child_ids))
                if child_list:
                    purge_references(session, other, child_list, depth + 1)
            session.execute(delete(other).where(column.in_(ids)))
        else:
            session.execute(update(other).where(column.in_(ids)).values({column.name: None}))
