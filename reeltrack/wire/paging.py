"""Zou's page envelope for paged lists (`?page=N`)."""

from __future__ import annotations

import math
from typing import Any


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
