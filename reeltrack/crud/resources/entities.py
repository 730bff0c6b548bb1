"""Entities, their casting links, asset instances and tasks (see crud/registry.py)."""

from __future__ import annotations

from reeltrack.auth.policies import ADMIN, ADMIN_READ
from reeltrack.crud.hooks import entities, tasks
from reeltrack.crud.spec import Registry, ResourceSpec
from reeltrack.models import AssetInstance, Entity, EntityLink, Task


def register(registry: Registry) -> None:
    """Add this group's resource specs."""
    registry.add(
        ResourceSpec(
            Entity,
            "entities",
            read=entities.READ,
            create=entities.MANAGE,
            update=entities.UPDATE,
            delete=entities.DELETE,
            hooks=entities.HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            EntityLink,
            "entity-links",
            read=ADMIN_READ,
            create=ADMIN,
            update=ADMIN,
            delete=ADMIN,
        )
    )
    registry.add(
        ResourceSpec(
            AssetInstance,
            "asset-instances",
            read=entities.INSTANCE_READ,
            create=ADMIN,
            update=entities.INSTANCE_UPDATE,
            delete=ADMIN,
            hooks=entities.INSTANCE_HOOKS,
        )
    )
    registry.add(
        ResourceSpec(
            Task,
            "tasks",
            read=tasks.READ,
            create=tasks.CREATE,
            update=tasks.UPDATE,
            delete=tasks.DELETE,
            hooks=tasks.HOOKS,
        )
    )
