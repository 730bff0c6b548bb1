"""Read many rows fast: ids, datetimes and JSON converted once per distinct value.

SQLite hands back UUIDs as 32 hex digits and datetimes as text: slicing them into Zou's
text (cached per distinct value) beats building `uuid.UUID` / `datetime` objects per value.
PostgreSQL casts ids to text itself. JSON is read as text and parsed by orjson.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Select, String, Text, cast, func, select
from sqlalchemy import type_coerce as coerce
from sqlalchemy.orm import Session

Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class Col:
    """A column whose values need converting: kind is "id", "datetime", "json" or "fresh_json"."""

    column: Any
    kind: str


def uid(column: Any) -> Col:
    return Col(column, "id")


def when(column: Any) -> Col:
    return Col(column, "datetime")


def doc(column: Any) -> Col:
    return Col(column, "json")


def fresh_doc(column: Any) -> Col:
    """JSON parsed per row: each row gets its own value, safe to change."""
    return Col(column, "fresh_json")


def load_json(raw: Any) -> Any:
    return orjson.loads(raw) if isinstance(raw, str | bytes) else raw


class _Dashed(dict[Any, Any]):
    """32 hex digits -> canonical UUID text, computed once per distinct id (None stays)."""

    def __missing__(self, raw: Any) -> Any:
        value = (
            None if raw is None else f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"
        )
        self[raw] = value
        return value


class _Parsed(dict[Any, Any]):
    """JSON text -> value, parsed once per distinct text (values are only read, never mutated)."""

    def __missing__(self, raw: Any) -> Any:
        value = orjson.loads(raw) if isinstance(raw, str | bytes) else raw
        self[raw] = value
        return value


def _stamp_sql(column: Any) -> Any:
    """SQLite datetime text as Zou's `YYYY-MM-DDTHH:MM:SS`, computed by SQLite."""
    return func.replace(func.substr(coerce(column, String), 1, 19), " ", "T")


class Reader:
    """Builds selects from named columns and turns their rows into dicts or lists."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self._ids = _Dashed()
        self._documents = _Parsed()

    def sql(self, column: Any) -> tuple[Any, Converter | None]:
        """The SQL expression to select for a column, and the converter of its values."""
        if not isinstance(column, Col):
            return column, None
        if column.kind in ("json", "fresh_json"):
            expr = coerce(column.column, String) if self.sqlite else cast(column.column, Text)
            return expr, self._documents.__getitem__ if column.kind == "json" else load_json
        if not self.sqlite:
            return (cast(column.column, Text) if column.kind == "id" else column.column), None
        if column.kind == "datetime":
            return _stamp_sql(column.column), None
        return coerce(column.column, String), self._ids.__getitem__

    def converter(self, kind: str) -> Converter | None:
        """The converter of a column kind's values on this database (None: none needed)."""
        if kind == "json":
            return self._documents.__getitem__
        if kind == "fresh_json":
            return load_json
        return self._ids.__getitem__ if self.sqlite and kind == "id" else None

    def select(self, columns: dict[str, Any]) -> tuple[Select[Any], list[tuple[int, Converter]]]:
        exprs, converters = [], []
        for index, column in enumerate(columns.values()):
            expr, convert = self.sql(column)
            exprs.append(expr)
            if convert is not None:
                converters.append((index, convert))
        return select(*exprs), converters

    def lists(
        self, stmt: Select[Any], converters: list[tuple[int, Converter]], raw: bool = False
    ) -> list[Any]:
        """Rows with their values converted (Core execution, no ORM layer).

        `raw` reads the driver's tuples as they are, for selects whose columns need no
        result processing (no booleans on SQLite): no row object is built per row.
        """
        result = self.session.connection().execute(stmt)
        fetched: Any = result.cursor.fetchall() if raw else result.fetchall()
        result.close()
        if not converters:
            return list(fetched)
        rows = []
        for row in fetched:
            values = list(row)
            for index, convert in converters:
                values[index] = convert(values[index])
            rows.append(values)
        return rows

    def dicts(
        self,
        stmt: Select[Any],
        names: tuple[str, ...],
        converters: list[tuple[int, Converter]],
        raw: bool = False,
    ) -> list[dict[str, Any]]:
        rows = self.lists(stmt, converters, raw)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def id_pairs(self, stmt: Select[Any]) -> list[list]:
        """Rows of two id columns, both as text."""
        if not self.sqlite:
            return self.lists(stmt, [], raw=True)
        dashed = self._ids.__getitem__
        return self.lists(stmt, [(0, dashed), (1, dashed)], raw=True)

    def id_expr(self, column: Any) -> Any:
        return self.sql(uid(column))[0]

    def id_list(self, joined: str | None) -> list[str]:
        """Ids aggregated by SQL into one comma-separated text, as a list of id texts."""
        if not joined:
            return []
        if not self.sqlite:
            return joined.split(",")
        dashed = self._ids.__getitem__
        return [dashed(value) for value in joined.split(",")]

    def id_text(self, value: Any) -> Any:
        return self._ids[value] if self.sqlite else value
