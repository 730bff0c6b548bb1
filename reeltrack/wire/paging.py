"""Zou's page envelope for paged lists (`?page=N`)."""

from __future__ import annotations

import math
from typing import Any

from reeltrack.wire.errors import WrongParameter


def int_arg(value: str | None, name: str, default: int) -> int:
    """A query parameter as an integer (`page`, `limit`...), the default when absent."""
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise WrongParameter(f"{name} must be an integer.") from None


def envelope(data: list[Any], total: int, page: int, limit: int) -> dict[str, Any]:
    """One page of rows with the totals: data, total, nb_pages, limit, offset and page."""
    return {
        "data": data,
        "total": total,
        "nb_pages": math.ceil(total / limit),
        "limit": limit,
        "offset": (page - 1) * limit,
        "page": page,
    }
