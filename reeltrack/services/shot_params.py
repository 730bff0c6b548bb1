"""Query-string flags of the `shots` and `edits` routes."""

from __future__ import annotations

from collections.abc import Mapping


def flag(params: Mapping[str, str], name: str) -> bool:
    """Zou's boolean query parameters: `true`/`1` (any case) set them."""
    return str(params.get(name, "false")).lower() in ("true", "1")
