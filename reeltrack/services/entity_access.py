"""Zou's access checks for entity routes: project access, entity access, typed lookups."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import TEMPORAL_TYPES, has_task_on
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Entity, EntityType, Project
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter


def parse_id(value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def role(actor: Actor, project_id: Any) -> str | None:
    """The caller's role in the project (admin everywhere), None outside its team."""
    return actor.role_in(project_id if isinstance(project_id, uuid.UUID) else parse_id(project_id))


def check_project(session: Session, actor: Actor, project_id: Any) -> str:
    """Admins, or team members of an existing project; returns the caller's role there."""
    if actor.is_admin:
        return "admin"
    if project_id is None:
        raise Forbidden()
    parsed = project_id if isinstance(project_id, uuid.UUID) else parse_id(project_id)
    found = role(actor, parsed)
    if found is None:
        if session.get(Project, parsed) is None:
            raise NotFound()
        raise Forbidden()
    return found


def project_row(session: Session, project_id: Any) -> Project:
    project = session.get(Project, parse_id(project_id))
    if project is None:
        raise NotFound()
    return project


def check_manager(session: Session, actor: Actor, project_id: Any) -> None:
    """Admins, and managers in the project's team."""
    if check_project(session, actor, project_id) not in ("admin", "manager"):
        raise Forbidden()


def check_supervisor(session: Session, actor: Actor, project_id: Any) -> None:
    """Admins, managers and supervisors in the project's team."""
    if check_project(session, actor, project_id) not in ("admin", "manager", "supervisor"):
        raise Forbidden()


def check_entity(session: Session, actor: Actor, entity: Any) -> str:
    """Project access, and for a vendor a task assigned on the entity."""
    found = check_project(session, actor, entity.project_id)
    if found == "vendor" and not has_task_on(session, actor, entity.id):
        raise Forbidden()
    return found


def check_creator_or_manager(session: Session, actor: Actor, entity: Any) -> None:
    """Zou's delete rule: the creator in the team, else a manager of the project."""
    if entity.created_by == actor.person_id and (
        actor.is_admin or actor.is_member(entity.project_id)
    ):
        return
    check_manager(session, actor, entity.project_id)


def typed_entity(session: Session, entity_id: Any, kind: str | None) -> Entity:
    """The entity if it exists and has this base type ("Asset": any non-temporal type)."""
    row = session.execute(
        select(Entity, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id == parse_id(entity_id))
    ).first()
    if row is None:
        raise NotFound()
    entity, type_name = row
    if kind is not None:
        base = type_name if type_name in TEMPORAL_TYPES else "Asset"
        if base != kind:
            raise NotFound()
    return entity


def base_kind(session: Session, entity: Any) -> str:
    entity_type = session.get(EntityType, entity.entity_type_id)
    name = entity_type.name if entity_type is not None else None
    return name if name in TEMPORAL_TYPES else "Asset"  # type: ignore[return-value]
