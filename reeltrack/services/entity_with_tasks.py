"""Zou's shapes of the with-tasks lists, built on the engine in services/with_tasks.py."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, aliased

from reeltrack.crud.hooks.tasks import blank_studio_fields
from reeltrack.models import (
    Entity,
    EntityConceptLink,
    EntityLink,
    EntityType,
    PreviewFile,
    Project,
    Task,
)
from reeltrack.services.entity_row_reader import Reader, doc, uid, when
from reeltrack.services.with_tasks import (
    Scope,
    View,
    assigned_task_ids,
    common_filters,
    entity_rows,
    has_assigned_task,
    hidden_metadata,
    mask_data,
    tasks_by_entity,
)

Sequence = aliased(Entity, name="sequence")
Episode = aliased(Entity, name="episode")
ConceptPreview = aliased(PreviewFile, name="concept_preview")

ASSET_TASK_FIELDS = (
    "id", "due_date", "done_date", "duration", "entity_id", "estimation", "end_date",
    "is_subscribed", "last_comment_date", "last_preview_file_id", "priority",
    "real_start_date", "retake_count", "start_date", "difficulty", "task_status_id",
    "task_type_id", "assignees", "data",
)  # fmt: skip
SHOT_TASK_FIELDS = (
    "id", "duration", "due_date", "end_date", "done_date", "entity_id", "estimation",
    "is_subscribed", "last_comment_date", "last_preview_file_id", "nb_assets_ready",
    "priority", "real_start_date", "retake_count", "start_date", "difficulty", "nb_drawings",
    "task_status_id", "task_type_id", "assignees", "data",
)  # fmt: skip
ENTITY_TASK_FIELDS = (
    "id", "estimation", "entity_id", "end_date", "due_date", "done_date", "duration",
    "last_comment_date", "last_preview_file_id", "priority", "real_start_date",
    "retake_count", "start_date", "difficulty", "task_status_id", "task_type_id", "data",
)  # fmt: skip
EDIT_TASK_FIELDS = (
    "id", "duration", "due_date", "entity_id", "end_date", "estimation", "last_comment_date",
    "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date", "retake_count",
    "start_date", "task_status_id", "task_type_id", "data",
)  # fmt: skip
CONCEPT_TASK_FIELDS = (
    "id", "duration", "due_date", "end_date", "entity_id", "estimation", "last_comment_date",
    "nb_assets_ready", "priority", "real_start_date", "retake_count", "start_date",
    "task_status_id", "task_type_id", "data",
)  # fmt: skip
ASSET_FIELDS = (
    "id", "name", "preview_file_id", "description", "asset_type_name", "asset_type_id",
    "canceled", "ready_for", "episode_id", "casting_episode_ids", "is_casting_standby",
    "is_shared", "data", "tasks",
)  # fmt: skip
SHOT_FIELDS = (
    "canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "fps",
    "frame_in", "frame_out", "id", "name", "nb_frames", "parent_id", "preview_file_id",
    "project_id", "project_name", "sequence_id", "sequence_name", "source_id",
    "nb_entities_out", "is_casting_standby", "type", "tasks",
)  # fmt: skip


def _episode_filter(column: Any, episode_id: str | None) -> list[ColumnElement[bool]]:
    if episode_id is None or episode_id == "all":
        return []
    if episode_id == "main":
        return [column.is_(None)]
    return [column == uuid.UUID(episode_id)]


# ---------------------------------------------------------------- assets


def _asset_columns() -> dict[str, Any]:
    return {
        "id": uid(Entity.id),
        "name": Entity.name,
        "preview_file_id": uid(Entity.preview_file_id),
        "description": Entity.description,
        "asset_type_name": EntityType.name,
        "asset_type_id": uid(Entity.entity_type_id),
        "canceled": Entity.canceled,
        "ready_for": uid(Entity.ready_for),
        "episode_id": uid(Entity.source_id),
        "is_casting_standby": Entity.is_casting_standby,
        "is_shared": Entity.is_shared,
        "data": doc(Entity.data),
        "project_id": uid(Entity.project_id),
    }


def _asset_episode(scope: Scope) -> list[ColumnElement[bool]]:
    episode_id = scope.episode_id
    if episode_id is None or episode_id == "all":
        return []
    if episode_id == "main":
        return [Entity.source_id.is_(None)]
    episode = uuid.UUID(episode_id)
    cast_in = select(EntityLink.entity_out_id).where(EntityLink.entity_in_id == episode)
    return [(Entity.source_id == episode) | Entity.id.in_(cast_in)]


ASSETS = View(
    kind="Asset",
    columns=_asset_columns,
    joins=lambda stmt: stmt.join(EntityType, EntityType.id == Entity.entity_type_id),
    filters=_asset_episode,
    task_fields=ASSET_TASK_FIELDS,
    order_by=(EntityType.name, Entity.name),
)


def _casting_episodes(reader: Reader, scope: Scope) -> dict[str, list[str]]:
    """Episodes each asset is cast in (only for one project or one asset, as Zou)."""
    stmt = (
        select(reader.id_expr(EntityLink.entity_out_id), reader.id_expr(EntityLink.entity_in_id))
        .join(Episode, Episode.id == EntityLink.entity_in_id)
        .join(EntityType, EntityType.id == Episode.entity_type_id)
        .where(EntityType.name == "Episode")
        .order_by(Episode.name)
    )
    if scope.project_id:
        stmt = stmt.where(Episode.project_id == uuid.UUID(scope.project_id))
    if scope.episode_id not in (None, "main", "all"):
        stmt = stmt.where(EntityLink.entity_in_id == uuid.UUID(str(scope.episode_id)))
    if scope.entity_id:
        stmt = stmt.where(EntityLink.entity_out_id == uuid.UUID(scope.entity_id))
    found: dict[str, list[str]] = {}
    for asset_id, episode_id in reader.id_pairs(stmt):
        found.setdefault(asset_id, []).append(episode_id)
    return found


def _finish(session: Session, kind: str, scope: Scope, rows: list[dict[str, Any]]) -> None:
    """Vendors lose restricted metadata; clients get blank studio task fields."""
    mask_data(rows, hidden_metadata(session, kind, scope, {row["project_id"] for row in rows}))
    if scope.client_projects:
        for row in rows:
            if row["project_id"] in scope.client_projects:
                for task in row["tasks"]:
                    blank_studio_fields(task)


def assets_and_tasks(
    session: Session, scope: Scope, with_episode_ids: bool = False
) -> list[dict[str, Any]]:
    reader = Reader(session)
    rows = entity_rows(reader, ASSETS, scope)
    tasks = tasks_by_entity(reader, ASSETS, scope, only_assigned=scope.assigned_to is not None)
    episodes = {}
    if scope.project_id or with_episode_ids:
        episodes = _casting_episodes(reader, scope)
    for row in rows:
        asset_id = row["id"]
        row["preview_file_id"] = row["preview_file_id"] or ""
        row["ready_for"] = str(row["ready_for"])
        row["episode_id"] = row["episode_id"] or ""
        row["data"] = row["data"] or {}
        row["casting_episode_ids"] = episodes.get(asset_id, [])
        row["tasks"] = tasks.get(asset_id, [])
    _finish(session, "Asset", scope, rows)
    for row in rows:
        del row["project_id"]
    return rows


def compact(rows: list[dict[str, Any]], fields: tuple, task_fields: tuple) -> list[list[Any]]:
    """Zou's compact encoding: positional rows, fields named in the header."""
    out = []
    for row in rows:
        tasks = [[task.get(name) for name in task_fields] for task in row["tasks"]]
        out.append([tasks if name == "tasks" else row.get(name) for name in fields])
    return out


# ---------------------------------------------------------------- shots


def _core_columns() -> dict[str, Any]:
    """The entity columns the shot, edit and concept rows open with."""
    return {
        "id": uid(Entity.id),
        "name": Entity.name,
        "description": Entity.description,
        "data": doc(Entity.data),
        "canceled": Entity.canceled,
        "entity_type_id": uid(Entity.entity_type_id),
        "parent_id": uid(Entity.parent_id),
        "preview_file_id": uid(Entity.preview_file_id),
        "source_id": uid(Entity.source_id),
    }


def _shot_columns() -> dict[str, Any]:
    return {
        **_core_columns(),
        "nb_frames": Entity.nb_frames,
        "nb_entities_out": Entity.nb_entities_out,
        "is_casting_standby": Entity.is_casting_standby,
        "project_id": uid(Entity.project_id),
        "episode_id": uid(Episode.id),
        "episode_name": Episode.name,
        "sequence_id": uid(Sequence.id),
        "sequence_name": Sequence.name,
        "project_name": Project.name,
    }


def _join_sequence(stmt: Select[Any]) -> Select[Any]:
    return stmt.join(Sequence, Sequence.id == Entity.parent_id)


SHOTS = View(
    kind="Shot",
    columns=_shot_columns,
    joins=lambda stmt: _join_sequence(
        stmt.join(Project, Project.id == Entity.project_id)
    ).outerjoin(Episode, Episode.id == Sequence.parent_id),
    filters=lambda scope: _episode_filter(Sequence.parent_id, scope.episode_id),
    task_fields=SHOT_TASK_FIELDS,
    task_joins=_join_sequence,
)


def _frames(row: dict[str, Any]) -> dict[str, Any]:
    data = row["data"] = row["data"] or {}
    row["fps"] = data.get("fps")
    row["frame_in"] = data.get("frame_in")
    row["frame_out"] = data.get("frame_out")
    return data


def shots_and_tasks(session: Session, scope: Scope) -> list[dict[str, Any]]:
    reader = Reader(session)
    rows = entity_rows(reader, SHOTS, scope)
    tasks = tasks_by_entity(reader, SHOTS, scope, only_assigned=scope.assigned_to is not None)
    for row in rows:
        _frames(row)
        row["episode_name"] = row["episode_name"] or ""
        row["tasks"] = tasks.get(row["id"], [])
        row["type"] = "Shot"
    _finish(session, "Shot", scope, rows)
    return rows


# ---------------------------------------------------------------- edits


def _edit_columns() -> dict[str, Any]:
    return {
        **_core_columns(),
        "nb_entities_out": Entity.nb_entities_out,
        "project_id": uid(Entity.project_id),
        "episode_id": uid(Episode.id),
        "episode_name": Episode.name,
        "project_name": Project.name,
    }


EDITS = View(
    kind="Edit",
    columns=_edit_columns,
    joins=lambda stmt: stmt.join(Project, Project.id == Entity.project_id).outerjoin(
        Episode, Episode.id == Entity.parent_id
    ),
    filters=lambda scope: _episode_filter(Entity.parent_id, scope.episode_id),
    task_fields=EDIT_TASK_FIELDS,
)


def edits_and_tasks(session: Session, scope: Scope) -> list[dict[str, Any]]:
    reader = Reader(session)
    rows = entity_rows(reader, EDITS, scope)
    tasks = tasks_by_entity(reader, EDITS, scope, only_assigned=scope.assigned_to is not None)
    for row in rows:
        row["data"] = row["data"] or {}
        row["episode_name"] = row["episode_name"] or ""
        row["tasks"] = tasks.get(row["id"], [])
        row["type"] = "Edit"
    _finish(session, "Edit", scope, rows)
    return rows


# ---------------------------------------------------------------- sequences, episodes, scenes


def _entity_columns() -> dict[str, Any]:
    return {
        "id": uid(Entity.id),
        "name": Entity.name,
        "status": Entity.status,
        "episode_id": uid(Entity.parent_id),
        "description": Entity.description,
        "data": doc(Entity.data),
        "preview_file_id": uid(Entity.preview_file_id),
        "canceled": Entity.canceled,
        "project_id": uid(Entity.project_id),
    }


def _shots_reached(person_id: str) -> Select[Any]:
    shot = aliased(Entity, name="reached_shot")
    assigned = select(Task.entity_id).where(Task.id.in_(assigned_task_ids(person_id)))
    return select(shot.parent_id).where(shot.id.in_(assigned))


def _sequences_reached(person_id: str) -> ColumnElement[bool]:
    """Sequences holding a shot with a task assigned to the vendor."""
    return Entity.id.in_(_shots_reached(person_id))


def _episodes_reached(person_id: str) -> ColumnElement[bool]:
    """Episodes holding such a sequence."""
    sequence = aliased(Entity, name="reached_sequence")
    return Entity.id.in_(
        select(sequence.parent_id).where(sequence.id.in_(_shots_reached(person_id)))
    )


def entity_view(kind: str) -> View:
    reach = {"Sequence": _sequences_reached, "Episode": _episodes_reached}
    return View(
        kind=kind,
        columns=_entity_columns,
        joins=lambda stmt: stmt,
        filters=lambda scope: _episode_filter(Entity.parent_id, scope.episode_id),
        task_fields=ENTITY_TASK_FIELDS,
        assigned_entities=False,
        vendor_reach=reach.get(kind, has_assigned_task),
    )


def entities_and_tasks(session: Session, kind: str, scope: Scope) -> list[dict[str, Any]]:
    """Sequences, episodes or scenes; `assigned_to` keeps the tasks assigned to that person."""
    view = entity_view(kind)
    reader = Reader(session)
    rows = entity_rows(reader, view, scope)
    tasks = tasks_by_entity(reader, view, scope)
    assigned_to = scope.assigned_to
    for row in rows:
        _frames(row)
        row["status"] = row["status"] or "running"
        row["episode_id"] = str(row["episode_id"])
        row["preview_file_id"] = row["preview_file_id"] or ""
        entity_tasks = tasks.get(row["id"], [])
        if assigned_to is not None:
            entity_tasks = [task for task in entity_tasks if assigned_to in task["assignees"]]
        row["tasks"] = entity_tasks
    _finish(session, kind, scope, rows)
    for row in rows:
        del row["project_id"]
    return rows


# ---------------------------------------------------------------- concepts


def _concept_columns() -> dict[str, Any]:
    columns = _edit_columns()
    for key in ("episode_id", "episode_name"):
        del columns[key]
    columns.update(
        {
            "preview_file_status": ConceptPreview.status,
            "nb_frames": Entity.nb_frames,
            "is_casting_standby": Entity.is_casting_standby,
            "created_by": uid(Entity.created_by),
            "created_at": when(Entity.created_at),
            "updated_at": when(Entity.updated_at),
        }
    )
    return columns


CONCEPTS = View(
    kind="Concept",
    columns=_concept_columns,
    joins=lambda stmt: stmt.join(Project, Project.id == Entity.project_id).outerjoin(
        ConceptPreview, ConceptPreview.id == Entity.preview_file_id
    ),
    filters=lambda scope: [],
    task_fields=CONCEPT_TASK_FIELDS,
)


def _concept_links(reader: Reader, scope: Scope) -> dict[str, list[str]]:
    link = EntityConceptLink
    stmt = select(reader.id_expr(link.entity_in_id), reader.id_expr(link.entity_out_id)).join(
        Entity, Entity.id == link.entity_in_id
    )
    stmt = stmt.where(*common_filters(CONCEPTS, scope))
    found: dict[str, list[str]] = {}
    for concept_id, entity_id in reader.id_pairs(stmt):
        found.setdefault(concept_id, []).append(entity_id)
    return found


def concepts_and_tasks(session: Session, scope: Scope) -> list[dict[str, Any]]:
    reader = Reader(session)
    rows = entity_rows(reader, CONCEPTS, scope)
    tasks = tasks_by_entity(reader, CONCEPTS, scope, only_assigned=scope.assigned_to is not None)
    links = _concept_links(reader, scope)
    for row in rows:
        _frames(row)
        row["tasks"] = tasks.get(row["id"], [])
        row["entity_concept_links"] = links.get(row["id"], [])
        row["type"] = "Concept"
    return rows
