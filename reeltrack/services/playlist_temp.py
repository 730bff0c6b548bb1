"""Temporary playlists: entries built from tasks for a quick look, nothing stored."""

from __future__ import annotations

import uuid
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from reeltrack.crud.hooks.reviews_access import check_task_access
from reeltrack.services.shot_previews import previews_by_task_type
from reeltrack.wire.errors import NotFound

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

# Entity types that are not assets yet have no playlist entry builder.
NO_ENTRY_TYPES = ("Scene", "Concept", "ConceptFolder")
SORT_KEY = itemgetter("episode_name", "sequence_name", "asset_type_name", "name")


def task_for_entity(ctx: Ctx, entity_id: uuid.UUID) -> uuid.UUID | None:
    """The entity's task with a preview whose last comment is the most recent (None if none)."""
    from reeltrack.models import Task

    query = (
        select(Task.id)
        .where(Task.entity_id == entity_id, Task.last_preview_file_id.is_not(None))
        .order_by(Task.last_comment_date.desc().nulls_first(), Task.id)
        .limit(1)
    )
    return ctx.session.scalar(query)


def checked_tasks(ctx: Ctx, task_ids: list[uuid.UUID]) -> list[Any]:
    """The tasks, each known (404) and reachable by the caller (403)."""
    from reeltrack.models import Task

    rows = {row.id: row for row in ctx.session.scalars(select(Task).where(Task.id.in_(task_ids)))}
    tasks = []
    for task_id in task_ids:
        task = rows.get(task_id)
        if task is None:
            raise NotFound("Task not found")
        check_task_access(ctx, task)
        tasks.append(task)
    return tasks


def _entry(entity: Any, task_id: uuid.UUID, parent_name: str = "", **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": str(entity.id),
        "name": entity.name,
        "preview_file_task_id": str(task_id),
        "parent_name": parent_name,
        "episode_id": "",
        "episode_name": "",
        "sequence_id": "",
        "sequence_name": "",
        "asset_type_id": "",
        "asset_type_name": "",
    }
    entry.update(extra)
    return entry


class _Entities:
    """Entities and their type names, loaded once each."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.rows: dict[Any, tuple[Any, str] | None] = {}

    def get(self, entity_id: Any) -> tuple[Any, str] | None:
        from reeltrack.models import Entity, EntityType

        if entity_id is None:
            return None
        if entity_id not in self.rows:
            found = self.ctx.session.execute(
                select(Entity, EntityType.name)
                .join(EntityType, EntityType.id == Entity.entity_type_id)
                .where(Entity.id == entity_id)
            ).first()
            self.rows[entity_id] = (found[0], found[1]) if found is not None else None
        return self.rows[entity_id]

    def typed(self, entity_id: Any, type_name: str) -> Any:
        found = self.get(entity_id)
        if found is None or found[1] != type_name:
            return None
        return found[0]


def _base_entry(entities: _Entities, task: Any) -> dict[str, Any]:
    found = entities.get(task.entity_id)
    if found is None:
        raise NotFound("Entity not found")
    entity, type_name = found
    if type_name == "Shot":
        sequence = entities.typed(entity.parent_id, "Sequence")
        if sequence is None:
            raise NotFound("Sequence not found")
        return _entry(
            entity,
            task.id,
            parent_name=sequence.name,
            sequence_id=str(sequence.id),
            sequence_name=sequence.name,
        )
    if type_name in ("Sequence", "Edit"):
        episode = entities.typed(entity.parent_id, "Episode")
        if episode is None:
            return _entry(entity, task.id)
        return _entry(
            entity,
            task.id,
            parent_name=episode.name,
            episode_id=str(episode.id),
            episode_name=episode.name,
        )
    if type_name == "Episode":
        return _entry(entity, task.id)
    if type_name in NO_ENTRY_TYPES:
        raise NotFound("Asset not found")
    return _entry(
        entity,
        task.id,
        parent_name=type_name,
        asset_type_id=str(entity.entity_type_id),
        asset_type_name=type_name,
    )


def _task_type_order(ctx: Ctx, project_id: Any, for_entity: str) -> list[str]:
    from reeltrack.models import ProjectTaskTypeLink, TaskType

    query = (
        select(ProjectTaskTypeLink.task_type_id)
        .join(TaskType, TaskType.id == ProjectTaskTypeLink.task_type_id)
        .where(ProjectTaskTypeLink.project_id == project_id, TaskType.for_entity == for_entity)
        .order_by(ProjectTaskTypeLink.priority.desc().nulls_first(), ProjectTaskTypeLink.id)
    )
    return [str(task_type_id) for task_type_id in ctx.session.scalars(query)]


def temp_playlist(ctx: Ctx, tasks: list[Any], sort: bool) -> list[dict[str, Any]]:
    """One entry per task: its entity, the task type's latest preview and all previews."""
    from reeltrack.crud.hooks.production import TEMPORAL_TYPES

    if not tasks:
        return []
    entities = _Entities(ctx)
    first = entities.get(tasks[0].entity_id)
    if first is None:
        raise NotFound("Entity not found")
    for_entity = first[1] if first[1] in TEMPORAL_TYPES else "Asset"
    order = _task_type_order(ctx, tasks[0].project_id, for_entity)
    previews_of: dict[Any, dict[str, list[dict[str, Any]]]] = {}
    result = []
    for task in tasks:
        entry = _base_entry(entities, task)
        if task.entity_id not in previews_of:
            previews_of[task.entity_id] = previews_by_task_type(ctx.session, task.entity_id)
        previews = previews_of[task.entity_id]
        task_type_id = str(task.task_type_id)
        preview = previews[task_type_id][0] if previews.get(task_type_id) else None
        if preview is None and previews:
            available = [t for t in order if t in previews]
            if available:
                preview = previews[available[0]][0]
        if preview is not None:
            entry.update(
                {
                    "preview_file_id": preview["id"],
                    "preview_file_extension": preview["extension"],
                    "preview_file_width": preview["width"],
                    "preview_file_height": preview["height"],
                    "preview_file_duration": preview["duration"],
                    "preview_file_revision": preview["revision"],
                    "preview_file_status": preview["status"],
                    "preview_file_annotations": preview["annotations"] or [],
                    "preview_file_previews": preview["previews"],
                }
            )
        entry["preview_files"] = previews
        result.append(entry)
    return sorted(result, key=SORT_KEY) if sort else result
