"""CSV export of a playlist (Zou's `export` blueprint): a title block, then one row per entry
with its entity, the previewed task and that task's last comment.

Fixed number of queries: the entries' entities (with sequence and episode), their preview
files with tasks, task types and statuses, then the tasks' comments by non-client authors.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.crud.values import parse_uuid
from reeltrack.models import (
    Comment,
    Entity,
    EntityType,
    Person,
    PreviewFile,
    Project,
    Task,
    TaskStatus,
    TaskType,
)
from reeltrack.models.project import project_person_link
from reeltrack.services.csv_export import Row, full_name, local_stamp

ROW_HEADERS = [
    "Entity name",
    "Nb Frames",
    "Task Type",
    "Retake count",
    "Revision",
    "Task Status",
    "Last comment author",
    "Last comment date",
    "Last comment",
]
TEMPORAL = ("Shot", "Sequence", "Episode")


def entries(playlist: Any) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(entity id, preview file id) of each well-formed playlist entry, in order."""
    found = []
    for entry in playlist.shots or []:
        if not isinstance(entry, dict):
            continue
        entity_id = parse_uuid(entry.get("entity_id") or entry.get("id"))
        preview_id = parse_uuid(entry.get("preview_file_id"))
        if entity_id is not None and preview_id is not None:
            found.append((entity_id, preview_id))
    return found


def _entity_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str, Any]]:
    """Full name (as Zou builds it) and frame count of each entity."""
    if not ids:
        return {}
    parent = aliased(Entity, name="parent")
    grand_parent = aliased(Entity, name="grand_parent")
    stmt = (
        select(
            Entity.id,
            Entity.name,
            Entity.nb_frames,
            EntityType.name,
            parent.name,
            grand_parent.name,
        )
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(parent, parent.id == Entity.parent_id)
        .outerjoin(grand_parent, grand_parent.id == parent.parent_id)
        .where(Entity.id.in_(ids))
    )
    names: dict[uuid.UUID, tuple[str, Any]] = {}
    for entity_id, name, frames, kind, up, up2 in session.execute(stmt):
        if kind == "Shot":
            label = " / ".join(part for part in (up2, up, name) if part is not None)
        elif kind == "Sequence":
            label = " / ".join(part for part in (up, name) if part is not None)
        elif kind == "Episode":
            label = name
        else:
            label = f"{kind} / {name}"
        names[entity_id] = (label, frames)
    return names


def _previews(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[Any, ...]]:
    """Per preview file: (revision, task id, task type, retake count, task status)."""
    if not ids:
        return {}
    stmt = (
        select(
            PreviewFile.id,
            PreviewFile.revision,
            Task.id,
            TaskType.name,
            Task.retake_count,
            TaskStatus.name,
        )
        .join(Task, Task.id == PreviewFile.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
        .where(PreviewFile.id.in_(ids))
    )
    return {row[0]: tuple(row[1:]) for row in session.execute(stmt)}


def _last_comments(session: Session, task_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple]:
    """Per task: (author name, date, text) of its latest comment not written by a client."""
    if not task_ids:
        return {}
    link = project_person_link.c
    stmt = (
        select(
            Comment.object_id,
            Person.first_name,
            Person.last_name,
            Comment.created_at,
            Comment.text,
        )
        .join(Person, Person.id == Comment.person_id)
        .join(Task, Task.id == Comment.object_id)
        .outerjoin(
            project_person_link,
            (link.person_id == Person.id) & (link.project_id == Task.project_id),
        )
        .where(
            Comment.object_id.in_(task_ids),
            func.coalesce(link.role, Person.role) != "client",
        )
        .order_by(Comment.object_id, Comment.created_at)
    )
    found: dict[uuid.UUID, tuple] = {}
    for task_id, first, last, created_at, text in session.execute(stmt):
        found[task_id] = (full_name(first, last), created_at, text)
    return found


def playlist_rows(
    session: Session, playlist: Any, project: Project, timezone: str | None
) -> list[Row]:
    kind = "for shots" if playlist.for_entity == "shot" else "for assets"
    context = project.name
    if playlist.episode_id is not None:
        episode = session.get(Entity, playlist.episode_id)
        if episode is not None:
            context += f" - {episode.name}"
    context += f" | {kind}"
    rows: list[Row] = [
        [
            "Playlist",
            context,
            playlist.name,
            local_stamp(playlist.created_at, timezone),
            "",
            "",
            "",
        ],
        ["", "", "", "", "", "", ""],
        list(ROW_HEADERS),
    ]
    pairs = entries(playlist)
    names = _entity_names(session, {entity_id for entity_id, _ in pairs})
    previews = _previews(session, {preview_id for _, preview_id in pairs})
    comments = _last_comments(session, {preview[1] for preview in previews.values()})
    for entity_id, preview_id in pairs:
        if entity_id not in names or preview_id not in previews:
            continue
        label, frames = names[entity_id]
        revision, task_id, task_type, retakes, status = previews[preview_id]
        author, date, text = comments.get(task_id, ("", None, ""))
        rows.append(
            [
                label,
                frames,
                task_type,
                retakes,
                revision,
                status,
                author,
                local_stamp(date, timezone),
                text if text is not None else "",
            ]
        )
    return rows
