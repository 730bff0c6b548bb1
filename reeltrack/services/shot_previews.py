"""Previews of a shot or edit by task type, and shot lengths taken from their last previews."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from reeltrack.services.shot_access import type_id
from reeltrack.wire.present import _zou_datetime

OUTER_KEYS = (
    "id",
    "revision",
    "original_name",
    "extension",
    "width",
    "height",
    "duration",
    "status",
    "annotations",
    "previews",
    "created_at",
    "task_id",
    "original_width",
    "original_height",
    "original_duration",
    "original_file_size",
)


def _preview(row: Any) -> dict[str, Any]:
    data = row.data or {}
    return {
        "id": row.id,
        "revision": row.revision,
        "position": row.position,
        "original_name": row.original_name,
        "extension": row.extension,
        "width": row.width,
        "height": row.height,
        "duration": float(row.duration or 0),
        "status": row.status,
        "annotations": row.annotations,
        "created_at": _zou_datetime(row.created_at) if row.created_at else None,
        "task_id": row.task_id,
        "task_type_id": row.task_type_id,
        "original_width": data.get("original_width"),
        "original_height": data.get("original_height"),
        "original_duration": data.get("original_duration"),
        "original_file_size": data.get("original_file_size"),
    }


def previews_by_task_type(session: Session, entity_id: uuid.UUID) -> dict[str, list[dict]]:
    """{task_type_id: [preview per revision, newest first, with same-revision `previews`]}."""
    from reeltrack.models import PreviewFile, Task, TaskType

    query = (
        select(
            PreviewFile.id,
            PreviewFile.revision,
            PreviewFile.position,
            PreviewFile.original_name,
            PreviewFile.extension,
            PreviewFile.width,
            PreviewFile.height,
            PreviewFile.duration,
            PreviewFile.status,
            PreviewFile.annotations,
            PreviewFile.created_at,
            PreviewFile.data,
            Task.id.label("task_id"),
            Task.task_type_id,
        )
        .join(Task, Task.id == PreviewFile.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .where(Task.entity_id == entity_id)
        .order_by(
            TaskType.priority.desc(),
            TaskType.name,
            PreviewFile.revision.desc(),
            PreviewFile.created_at,
        )
    )
    per_task: dict[Any, list[dict[str, Any]]] = {}
    for row in session.execute(query):
        per_task.setdefault(row.task_id, []).append(_preview(row))
    result: dict[str, list[dict[str, Any]]] = {}
    for previews in per_task.values():
        by_revision: dict[Any, dict[str, Any]] = {}
        mixed = []
        for preview in previews:
            parent = by_revision.get(preview["revision"])
            if parent is None:
                preview["previews"] = []
                by_revision[preview["revision"]] = preview
                mixed.append(preview)
            else:
                parent["previews"].append(preview)
        task_type_id = str(previews[0]["task_type_id"])
        result[task_type_id] = [{key: p[key] for key in OUTER_KEYS} for p in mixed]
    return result


def set_frames_from_previews(
    session: Session, project: Any, task_type_id: uuid.UUID, episode_id: uuid.UUID | None
) -> list[dict[str, Any]]:
    """Each shot's nb_frames from the duration of its task type's latest preview."""
    from reeltrack.models import Entity, PreviewFile, Task

    shot_type = type_id(session, "Shot")
    sequence = aliased(Entity)
    latest = (
        select(Task.entity_id, func.max(PreviewFile.created_at).label("last"))
        .join(PreviewFile, PreviewFile.task_id == Task.id)
        .join(Entity, Entity.id == Task.entity_id)
        .where(
            Entity.project_id == project.id,
            Entity.entity_type_id == shot_type,
            Task.task_type_id == task_type_id,
        )
        .group_by(Task.entity_id)
    )
    if episode_id is not None:
        latest = latest.join(sequence, sequence.id == Entity.parent_id).where(
            sequence.parent_id == episode_id
        )
    last = latest.subquery()
    query = (
        select(Task.entity_id, PreviewFile.duration)
        .join(last, last.c.entity_id == Task.entity_id)
        .join(PreviewFile, PreviewFile.task_id == Task.id)
        .where(
            Task.task_type_id == task_type_id,
            Task.project_id == project.id,
            PreviewFile.created_at == last.c.last,
        )
    )
    try:
        fps = float(project.fps or 25)
    except ValueError:
        fps = 25.0
    updates = [
        {"id": shot_id, "nb_frames": round((duration or 0) * fps)}
        for shot_id, duration in session.execute(query)
    ]
    if updates:
        session.execute(update(Entity), [dict(item) for item in updates])  # one executemany
    return updates
