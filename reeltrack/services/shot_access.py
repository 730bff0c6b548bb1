"""Typed entity lookups and Zou's project/entity access checks for shots, sequences, edits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import TEMPORAL_TYPES, has_task_on
from reeltrack.crud.values import parse_uuid, uuid_arg
from reeltrack.wire.errors import Forbidden, MalformedId, NotFound


def parse_id(value: Any) -> uuid.UUID:
    """A UUID from a path or body value; 400 "Malformed ID." otherwise."""
    parsed = parse_uuid(value)
    if parsed is None:
        raise MalformedId()
    return parsed


def type_id(session: Session, name: str, create: bool = False) -> uuid.UUID | None:
    """The id of the entity type with this name, created on demand as Zou does."""
    from reeltrack.models import EntityType

    found = session.scalar(select(EntityType.id).where(EntityType.name == name).limit(1))
    if found is None and create:
        row = EntityType(name=name)
        session.add(row)
        session.flush()
        return row.id
    return found


def typed_entity(session: Session, raw_id: Any, kind: str) -> Any:
    """The entity of this type ("Shot", "Sequence"...); 404 when absent or of another type."""
    from reeltrack.models import Entity, EntityType

    row = session.execute(
        select(Entity, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id == parse_id(raw_id))
    ).first()
    if row is None:
        raise NotFound()
    entity, name = row
    matches = name not in TEMPORAL_TYPES if kind == "Asset" else name == kind
    if not matches:
        raise NotFound()
    return entity


def load_project(session: Session, raw_id: Any) -> Any:
    from reeltrack.models import Project

    project = session.get(Project, parse_id(raw_id))
    if project is None:
        raise NotFound()
    return project


def check_project_access(actor: Actor, project_id: Any) -> None:
    """Admins, and members of the project's team; no project means admins only."""
    if actor.is_admin:
        return
    if project_id is None or not actor.is_member(project_id):
        raise Forbidden()


def is_vendor(actor: Actor, project_id: Any) -> bool:
    """Zou's vendor permissions: the role on the project, else the studio role."""
    role = actor.role_in(project_id) if project_id is not None else None
    return (role or actor.role) == "vendor"


def is_client(actor: Actor, project_id: Any) -> bool:
    role = actor.role_in(project_id) if project_id is not None else None
    return (role or actor.role) == "client"


def check_entity_access(session: Session, actor: Actor, entity: Any) -> None:
    """A vendor reaches an entity only through a task assigned to them."""
    if is_vendor(actor, entity.project_id) and not has_task_on(session, actor, entity.id):
        raise Forbidden()


def readable_entity(session: Session, actor: Actor, raw_id: Any, kind: str) -> Any:
    """The typed entity, after the project and entity access checks."""
    entity = typed_entity(session, raw_id, kind)
    check_project_access(actor, entity.project_id)
    check_entity_access(session, actor, entity)
    return entity


def check_manager(actor: Actor, project_id: Any) -> None:
    """Admins, and managers in the project's team."""
    if not (actor.is_admin or actor.role_in(project_id) == "manager"):
        raise Forbidden()


def check_delete(actor: Actor, entity: Any) -> None:
    """The creator while in the team, or a manager of the project."""
    if entity.created_by == actor.person_id and actor.is_member(entity.project_id):
        return
    check_manager(actor, entity.project_id)


def block_vendor(actor: Actor, project_id: Any) -> None:
    if is_vendor(actor, project_id):
        raise Forbidden()


def block_client(actor: Actor, project_id: Any) -> None:
    if is_client(actor, project_id):
        raise Forbidden()


def project_param(raw: Any) -> uuid.UUID | None:
    """A `project_id` query value: absent is None, malformed is a 400."""
    return uuid_arg(raw, f"Invalid UUID value: {raw}")
