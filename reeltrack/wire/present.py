"""Turn rows into Zou's JSON: every column plus `type`, encoded by orjson."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import orjson
from fastapi.responses import Response
from sqlalchemy import Float, inspect

_OPTIONS = orjson.OPT_OMIT_MICROSECONDS | orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"Cannot serialize {type(value).__name__}")


def _plain_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def dumps(content: Any) -> bytes:
    """Encode like Zou: UUIDs as strings, datetimes without offset or fractions."""
    try:
        return orjson.dumps(content, default=_default, option=_OPTIONS)
    except orjson.JSONEncodeError:
        # Integers beyond 64 bits (e.g. a huge page offset): Zou also falls back to json.
        return json.dumps(content, default=_plain_default, separators=(",", ":")).encode()


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


_COLUMNS: dict[type, tuple[str, ...]] = {}
_FLOATS: dict[type, tuple[str, ...]] = {}


def column_keys(model: type) -> tuple[str, ...]:
    """Attribute names of a model's columns, computed once per model."""
    keys = _COLUMNS.get(model)
    if keys is None:
        mapper: Any = inspect(model)
        keys = tuple(str(attr.key) for attr in mapper.column_attrs)
        _COLUMNS[model] = keys
        _FLOATS[model] = tuple(
            str(attr.key) for attr in mapper.column_attrs if isinstance(attr.columns[0].type, Float)
        )
    return keys


def _zou_datetime(value: datetime) -> datetime:
    """Naive UTC to the second. FastAPI encodes returned dicts before our renderer does."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0) if value.microsecond else value


def present(
    row: Any, hidden: Iterable[str] = (), links: dict[str, list[Any]] | None = None
) -> dict[str, Any]:
    """One row as a dict of its columns, its link id lists and its `type`."""
    model = type(row)
    data = {key: getattr(row, key) for key in column_keys(model)}
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = _zou_datetime(value)
    for key in _FLOATS.get(model, ()):
        value = data[key]
        if isinstance(value, int) and not isinstance(value, bool):
            data[key] = float(value)  # a Python default of 8 is 8.0 once reloaded, as Zou shows
    for key in hidden:
        data.pop(key, None)
    if links:
        data.update(links)
    data["type"] = model.__name__
    return data


def present_many(rows: Sequence[Any], hidden: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Several rows of one model, with the same hidden columns."""
    hidden = tuple(hidden)
    return [present(row, hidden) for row in rows]
