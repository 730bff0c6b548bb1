"""Generic CRUD resources of the people group (see crud/registry.py)."""

from __future__ import annotations

from reeltrack.crud.spec import Registry


def register(registry: Registry) -> None:
    """Add this group's resource specs."""
