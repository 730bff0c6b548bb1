"""Reads on any entity: its preview files, its time spents, entities linked to a concept."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.crud.hooks.production import base_name
from reeltrack.models import (
    Entity,
    EntityConceptLink,
    EntityType,
    PreviewFile,
    Project,
    Task,
    TaskType,
    TimeSpent,
)
from reeltrack.models.task import task_person_link
from reeltrack.wire.present import present

PREVIEW_KEYS = (
    "id", "name", "original_name", "extension", "revision", "position", "file_size",
    "status", "validation_status", "task_id", "person_id", "created_at", "token_in",
    "token_out",
)  # fmt: skip
LINKED_TASK_KEYS = (
    "id", "task_type_id", "task_status_id", "priority", "estimation", "duration",
    "retake_count", "real_start_date", "end_date", "start_date", "due_date",
    "last_comment_date", "nb_assets_ready", "assigner_id",
)  # fmt: skip


def preview_files(session: Session, entity_id: Any) -> list[dict[str, Any]]:
    """Preview files of the entity's tasks, by task type name, newest revision first."""
    stmt = (
        select(PreviewFile)
        .join(Task, Task.id == PreviewFile.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .where(Task.entity_id == entity_id)
        .order_by(TaskType.name, PreviewFile.revision.desc(), PreviewFile.position)
    )
    out = []
    for row in session.scalars(stmt):
        data = present(row)
        out.append({key: data[key] for key in PREVIEW_KEYS})
    return out


def time_spents(session: Session, entity_id: Any) -> list[dict[str, Any]]:
    stmt = (
        select(TimeSpent)
        .join(Task, Task.id == TimeSpent.task_id)
        .where(Task.entity_id == entity_id)
        .order_by(TimeSpent.date.desc())
    )
    return [present(row) for row in session.scalars(stmt)]


def _linked_entity(entity: Entity, project_name: str, type_name: str, links: list) -> dict:
    data = entity.data or {}
    return {
        "canceled": entity.canceled,
        "data": data,
        "description": entity.description,
        "entity_type_id": entity.entity_type_id,
        "fps": data.get("fps"),
        "frame_in": data.get("frame_in"),
        "frame_out": data.get("frame_out"),
        "id": entity.id,
        "name": entity.name,
        "nb_frames": entity.nb_frames,
        "parent_id": entity.parent_id,
        "preview_file_id": entity.preview_file_id,
        "project_id": entity.project_id,
        "project_name": project_name,
        "source_id": entity.source_id,
        "nb_entities_out": entity.nb_entities_out,
        "is_casting_standby": entity.is_casting_standby,
        "tasks": [],
        "entity_concept_links": links,
        "type": base_name(type_name),
        "updated_at": present(entity)["updated_at"],
        "created_at": present(entity)["created_at"],
        "created_by": entity.created_by,
    }


def linked_with_tasks(session: Session, entity_id: Any) -> list[dict[str, Any]]:
    """Entities a concept is linked to, each with its tasks and their assignees."""
    linked = select(EntityConceptLink.entity_in_id).where(
        EntityConceptLink.entity_out_id == entity_id
    )
    rows = session.execute(
        select(Entity, Project.name, EntityType.name)
        .join(Project, Project.id == Entity.project_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id.in_(linked))
    ).all()
    ids = [entity.id for entity, _, _ in rows]
    concept_links: dict[Any, list[Any]] = {}
    for entity_in, entity_out in session.execute(
        select(EntityConceptLink.entity_in_id, EntityConceptLink.entity_out_id).where(
            EntityConceptLink.entity_in_id.in_(ids)
        )
    ):
        concept_links.setdefault(entity_in, []).append(entity_out)
    out = {
        entity.id: _linked_entity(entity, project_name, type_name, concept_links.get(entity.id, []))
        for entity, project_name, type_name in rows
    }
    columns = [getattr(Task, key) for key in LINKED_TASK_KEYS]
    tasks: dict[Any, dict[str, Any]] = {}
    for entity_ref, *values in session.execute(
        select(Task.entity_id, *columns).where(Task.entity_id.in_(ids))
    ):
        task = dict(zip(LINKED_TASK_KEYS, values, strict=True))
        task["entity_id"] = entity_ref
        task["priority"] = task["priority"] or 0
        task["assignees"] = []
        tasks[task["id"]] = task
        out[entity_ref]["tasks"].append(task)
    link = task_person_link.c
    if tasks:
        for task_id, person_id in session.execute(
            select(link.task_id, link.person_id).where(link.task_id.in_(list(tasks)))
        ):
            tasks[task_id]["assignees"].append(person_id)
    return list(out.values())
