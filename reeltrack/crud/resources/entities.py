"""Generic CRUD resources of the entities group (see crud/registry.py)."""

from __future__ import annotations

from reeltrack.crud.spec import Registry


def register(registry: Registry) -> None:
    """Add this group's resource specs."""
