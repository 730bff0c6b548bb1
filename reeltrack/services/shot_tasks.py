"""Tasks, task types, previews and versions of shots, sequences, episodes, scenes and edits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import assigned_tasks, open_team_projects
from reeltrack.crud.hooks.tasks import blank_studio_fields
from reeltrack.services.shot_access import is_client, type_id
from reeltrack.wire.present import present


def detailed_tasks(
    session: Session, actor: Actor, where: list[Any], relations: bool = False
) -> list[dict[str, Any]]:
    """Tasks with project, type, status, entity type and entity names (Zou's detailed tasks)."""
    from reeltrack.models import Entity, EntityType, Project, Task, TaskStatus, TaskType
    from reeltrack.models.task import task_person_link as link

    query = (
        select(Task, Project.name, TaskType.name, TaskStatus.name, EntityType.name, Entity.name)
        .join(Project, Project.id == Task.project_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(*where)
    )
    keys = ("project_name", "task_type_name", "task_status_name", "entity_type_name")
    tasks: list[dict[str, Any]] = []
    for task, *names in session.execute(query):
        data = present(task)
        data.update(zip((*keys, "entity_name"), names, strict=True))
        tasks.append(data)
    tasks.sort(key=lambda t: tuple(str(t[k] or "").casefold() for k in ("name", *keys)))
    if relations and tasks:
        assignees: dict[Any, list[Any]] = {}
        rows = session.execute(
            select(link.c.task_id, link.c.person_id).where(
                link.c.task_id.in_([t["id"] for t in tasks])
            )
        )
        for task_id, person_id in rows:
            assignees.setdefault(task_id, []).append(person_id)
        for item in tasks:
            item["assignees"] = assignees.get(item["id"], [])
    return [blank_studio_fields(t) if is_client(actor, t["project_id"]) else t for t in tasks]


def entity_tasks(
    session: Session, actor: Actor, entity: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Task

    return detailed_tasks(session, actor, [Task.entity_id == entity.id], relations)


def my_entity_tasks(session: Session, actor: Actor, entity: Any) -> list[dict[str, Any]]:
    """A vendor's tasks on the entity, in open projects (Zou's user task list)."""
    from reeltrack.models import Task

    query = select(Task).where(
        Task.entity_id == entity.id,
        Task.id.in_(assigned_tasks(actor)),
        Task.project_id.in_(open_team_projects(actor)),
    )
    return [present(task) for task in session.scalars(query)]


def sequence_shot_tasks(
    session: Session, actor: Actor, sequence: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    return detailed_tasks(session, actor, [Entity.parent_id == sequence.id], relations)


def episode_shot_tasks(
    session: Session, actor: Actor, episode: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    sequence = aliased(Entity)
    sequences = select(sequence.id).where(sequence.parent_id == episode.id)
    return detailed_tasks(session, actor, [Entity.parent_id.in_(sequences)], relations)


def episode_asset_tasks(
    session: Session, actor: Actor, episode: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity, EntityType

    temporal = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")
    asset_types = select(EntityType.id).where(EntityType.name.not_in(temporal))
    where = [Entity.source_id == episode.id, Entity.entity_type_id.in_(asset_types)]
    return detailed_tasks(session, actor, where, relations)


def episode_edit_tasks(
    session: Session, actor: Actor, episode: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    edit_type = type_id(session, "Edit")
    where = [Entity.entity_type_id == edit_type, Entity.parent_id == episode.id]
    return detailed_tasks(session, actor, where, relations)


def task_types_for(session: Session, entity_ids: Any) -> list[dict[str, Any]]:
    """Distinct task types of the tasks on these entities (an id list or a subquery)."""
    from reeltrack.models import Task, TaskType

    used = select(Task.task_type_id).where(Task.entity_id.in_(entity_ids))
    query = select(TaskType).where(TaskType.id.in_(used)).order_by(TaskType.name)
    return [present(row) for row in session.scalars(query)]


def sequence_task_types(session: Session, sequence: Any) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    return task_types_for(session, select(Entity.id).where(Entity.parent_id == sequence.id))


def episode_task_types(session: Session, episode: Any) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    sequence = aliased(Entity)
    shots = (
        select(Entity.id)
        .join(sequence, sequence.id == Entity.parent_id)
        .where(sequence.parent_id == episode.id)
    )
    return task_types_for(session, shots)


def versions(session: Session, entity: Any, kind: str) -> list[dict[str, Any]]:
    """Saved versions of a shot or edit, newest first (`type`: ShotVersion, EditVersion)."""
    from reeltrack.models import EntityVersion

    query = (
        select(EntityVersion)
        .where(EntityVersion.entity_id == entity.id)
        .order_by(EntityVersion.created_at.desc())
    )
    out = []
    for row in session.scalars(query):
        data = present(row)
        data["type"] = f"{kind}Version"
        out.append(data)
    return out
