"""Check and convert incoming values (JSON bodies, query strings) per column type."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Column, types

from reeltrack.wire.errors import WrongParameter

Coercer = Callable[[str, Any], Any]

TRUE_WORDS = {"true", "1", "yes", "on", "t", "y"}
FALSE_WORDS = {"false", "0", "no", "off", "f", "n"}


def parse_uuid(value: Any) -> uuid.UUID | None:
    """A UUID from a string, or None when it is not one."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 date or datetime as naive UTC, or None when malformed."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def uuid_arg(value: Any, message: str) -> uuid.UUID | None:
    """A query-string UUID (None when absent), else 400 with `message`."""
    if value is None:
        return None
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter(message)
    return parsed


def datetime_arg(value: str | None, message: str) -> datetime | None:
    """A query-string ISO datetime as naive UTC (None when absent), else 400 with `message`."""
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise WrongParameter(message)
    return parsed


def _uuid(key: str, value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter(f"Invalid UUID value for '{key}': {value!r}.")
    return parsed


def _string(length: int | None) -> Coercer:
    def coerce(key: str, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise WrongParameter(f"Field '{key}' must be a string.")
        text = value if isinstance(value, str) else str(value)
        if "\x00" in text:  # PostgreSQL text cannot hold NUL; refuse it on every backend
            raise WrongParameter(f"Field '{key}' must not contain NUL characters.")
        if length is not None and len(text) > length:
            raise WrongParameter(f"Field '{key}' is longer than {length} characters.")
        return text

    return coerce


def _integer(key: str, value: Any, bits: int = 64) -> int:
    if isinstance(value, bool):
        raise WrongParameter(f"Field '{key}' must be an integer.")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            raise WrongParameter(f"Field '{key}' must be an integer.") from None
    else:
        raise WrongParameter(f"Field '{key}' must be an integer.")
    if not -(2 ** (bits - 1)) <= number < 2 ** (bits - 1):
        raise WrongParameter(f"Field '{key}' is out of range.")
    return number


def _integer_of(bits: int) -> Coercer:
    """Integers that fit the column (PostgreSQL INTEGER is 32-bit, BIGINT 64-bit)."""
    return lambda key, value: _integer(key, value, bits)


def _float(key: str, value: Any) -> float:
    number = _number(key, value)
    try:
        result = float(number)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise WrongParameter(f"Field '{key}' is out of range.")
    return result


def _number(key: str, value: Any) -> float | Decimal:
    if isinstance(value, bool):
        raise WrongParameter(f"Field '{key}' must be a number.")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            pass
    raise WrongParameter(f"Field '{key}' must be a number.")


def _boolean(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise WrongParameter(f"Field '{key}' must be a boolean.")


def _date(key: str, value: Any) -> date:
    if isinstance(value, str):
        parsed = parse_datetime(value.strip())
        if parsed is not None:
            return parsed.date()
    raise WrongParameter(
        f"Invalid date format for '{key}': '{value}'. Expected an ISO 8601 date or datetime."
    )


def _datetime(key: str, value: Any) -> datetime:
    if isinstance(value, str):
        parsed = parse_datetime(value.strip())
        if parsed is not None:
            return parsed
    raise WrongParameter(
        f"Invalid date format for '{key}': '{value}'. Expected an ISO 8601 date or datetime."
    )


def _any(_key: str, value: Any) -> Any:
    return value


def _list_of(item: Coercer) -> Coercer:
    """A list whose items each convert like a column of the array's item type."""

    def convert(key: str, value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise WrongParameter(f"Field '{key}' must be a list.")
        return [None if entry is None else item(key, entry) for entry in value]

    return convert


def _binary(key: str, _value: Any) -> Any:
    raise WrongParameter(f"Field '{key}' cannot be set.")


def coercer_for(column: Column[Any]) -> Coercer:
    """The converter matching one column's SQL type."""
    return _coercer_for_type(column.type)


def _coercer_for_type(sql_type: Any) -> Coercer:
    if isinstance(sql_type, types.Uuid):
        return _uuid
    if isinstance(sql_type, types.Boolean):
        return _boolean
    if isinstance(sql_type, types.DateTime):
        return _datetime
    if isinstance(sql_type, types.Date):
        return _date
    if isinstance(sql_type, types.BigInteger):
        return _integer
    if isinstance(sql_type, types.SmallInteger):
        return _integer_of(16)
    if isinstance(sql_type, types.Integer):
        return _integer_of(32)
    if isinstance(sql_type, types.Float):
        return _float
    if isinstance(sql_type, types.Numeric):
        return _number
    if isinstance(sql_type, types.String):
        return _string(sql_type.length)
    if isinstance(sql_type, types.LargeBinary):
        return _binary
    item_type = getattr(sql_type, "item_type", None)
    if item_type is not None:
        return _list_of(_coercer_for_type(item_type))
    return _any


def coerce_value(column: Column[Any], key: str, value: Any) -> Any:
    """Convert one incoming value for a column; None stays None."""
    if value is None:
        return None
    return coercer_for(column)(key, value)
