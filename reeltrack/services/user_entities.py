"""What the caller works on: entities, tasks and types reached through their assignments."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Entity, EntityType, Project, ProjectStatus, Task, TaskType
from reeltrack.models.task import task_person_link
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

TEMPORAL_TYPES = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")


def _id(value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def _mine(query: Any, actor: Actor) -> Any:
    """Narrow a query joined to Task to the caller's tasks in open projects."""
    link = task_person_link.c
    return (
        query.join(Project, Project.id == Task.project_id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(
            ProjectStatus.name == "Open",
            Task.id.in_(select(link.task_id).where(link.person_id == actor.person_id)),
        )
    )


def _unique(rows: Iterable[Any], kind: str | None = None) -> list[dict[str, Any]]:
    """Rows once each, in query order, presented (with Zou's type name when given)."""
    seen: set[Any] = set()
    result = []
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        data = present(row)
        if kind:
            data["type"] = kind
        result.append(data)
    return result


def entity_of_type(session: Session, entity_id: Any, kind: str) -> Entity:
    """The entity, if it exists and is of this type ("Asset": any non-temporal type)."""
    row = session.execute(
        select(Entity, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id == _id(entity_id))
    ).first()
    if row is None:
        raise NotFound()
    entity, type_name = row
    matches = type_name not in TEMPORAL_TYPES if kind == "Asset" else type_name == kind
    if not matches:
        raise NotFound()
    return entity


def project(session: Session, project_id: Any) -> uuid.UUID:
    parsed = _id(project_id)
    if session.get(Project, parsed) is None:
        raise NotFound()
    return parsed


def asset_type(session: Session, asset_type_id: Any) -> uuid.UUID:
    row = session.get(EntityType, _id(asset_type_id))
    if row is None or row.name in TEMPORAL_TYPES:
        raise NotFound()
    return row.id


def tasks_for_entity(session: Session, actor: Actor, entity_id: uuid.UUID) -> list[Any]:
    query = _mine(select(Task).where(Task.entity_id == entity_id), actor)
    return _unique(session.scalars(query))


def task_types_for_entity(session: Session, actor: Actor, entity_id: uuid.UUID) -> list[Any]:
    query = select(TaskType).join(Task, Task.task_type_id == TaskType.id)
    query = _mine(query.where(Task.entity_id == entity_id), actor)
    return _unique(session.scalars(query))


def assets_of_type(
    session: Session, actor: Actor, project_id: uuid.UUID, type_id: uuid.UUID
) -> list[Any]:
    query = select(Entity).join(Task, Task.entity_id == Entity.id)
    query = query.where(Entity.entity_type_id == type_id, Entity.project_id == project_id)
    return _unique(session.scalars(_mine(query, actor)), "Asset")


def asset_types_for_project(session: Session, actor: Actor, project_id: uuid.UUID) -> list[Any]:
    query = (
        select(EntityType)
        .join(Entity, Entity.entity_type_id == EntityType.id)
        .join(Task, Task.entity_id == Entity.id)
        .where(Entity.project_id == project_id, EntityType.name.not_in(TEMPORAL_TYPES))
    )
    return _unique(session.scalars(_mine(query, actor)), "AssetType")


def _type_is(alias: Any, name: str) -> Any:
    return alias.entity_type_id.in_(select(EntityType.id).where(EntityType.name == name))


def sequences_for_project(session: Session, actor: Actor, project_id: uuid.UUID) -> list[Any]:
    shot = aliased(Entity, name="shot")
    query = (
        select(Entity)
        .join(shot, shot.parent_id == Entity.id)
        .join(Task, Task.entity_id == shot.id)
        .where(_type_is(shot, "Shot"), _type_is(Entity, "Sequence"))
        .where(Entity.project_id == project_id)
    )
    return _unique(session.scalars(_mine(query, actor)), "Sequence")


def episodes_for_project(session: Session, actor: Actor, project_id: uuid.UUID) -> list[Any]:
    shot = aliased(Entity, name="shot")
    sequence = aliased(Entity, name="sequence")
    query = (
        select(Entity)
        .join(sequence, sequence.parent_id == Entity.id)
        .join(shot, shot.parent_id == sequence.id)
        .join(Task, Task.entity_id == shot.id)
        .where(_type_is(shot, "Shot"), _type_is(sequence, "Sequence"))
        .where(_type_is(Entity, "Episode"), Entity.project_id == project_id)
    )
    return _unique(session.scalars(_mine(query, actor)), "Episode")


def children_of_sequence(
    session: Session, actor: Actor, sequence_id: uuid.UUID, kind: str
) -> list[Any]:
    """Shots (or scenes) of a sequence holding a task of the caller."""
    query = select(Entity).join(Task, Task.entity_id == Entity.id)
    query = query.where(_type_is(Entity, kind), Entity.parent_id == sequence_id)
    return _unique(session.scalars(_mine(query, actor)), kind)


def open_projects(session: Session, actor: Actor, name: str | None) -> list[dict[str, Any]]:
    """Open projects of the caller's teams (all of them for admins), with their settings."""
    from reeltrack.models import project_person_link
    from reeltrack.services.projects import present_with_extra_data

    query = (
        select(Project)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open")
    )
    if not actor.is_admin:
        link = project_person_link.c
        members = select(link.project_id).where(link.person_id == actor.person_id)
        query = query.where(Project.id.in_(members))
    if name is not None:
        query = query.where(Project.name == name)
    rows = list(session.scalars(query.order_by(Project.name)))
    return present_with_extra_data(session, actor, rows)
