"""What removing a comment or a preview does to its task and entity, as in Zou."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update

from reeltrack.crud.hooks.task_purge import newest_main_preview

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

TEMPORAL_TYPES = ("Shot", "Sequence", "Scene", "Edit", "Concept", "ConceptFolder", "Episode")


def default_task_status_id(ctx: Ctx, for_concept: bool) -> Any:
    """The status new tasks start on (Todo, or Neutral for concepts), created when missing."""
    from reeltrack.models import TaskStatus

    found = ctx.session.scalar(
        select(TaskStatus.id).where(
            TaskStatus.is_default.is_(True),
            func.coalesce(TaskStatus.for_concept, False).is_(for_concept),
        )
    )
    if found is not None:
        return found
    name, short_name, color = (
        ("Neutral", "neutral", "#CCCCCC") if for_concept else ("Todo", "todo", "#f5f5f5")
    )
    status = TaskStatus(
        name=name, short_name=short_name, color=color, is_default=True, for_concept=for_concept
    )
    ctx.session.add(status)
    ctx.session.flush()
    ctx.uow.emit("task-status:new", {"task_status_id": status.id})
    return status.id


def _is_concept(ctx: Ctx, entity_id: Any) -> bool:
    from reeltrack.models import Entity, EntityType

    name = ctx.session.scalar(
        select(EntityType.name)
        .join(Entity, Entity.entity_type_id == EntityType.id)
        .where(Entity.id == entity_id)
    )
    return name == "Concept"


def reset_task_data(ctx: Ctx, task: Any) -> None:
    """Recompute a task's status, retakes and dates from its comments, and its duration."""
    from reeltrack.models import Comment, TaskStatus, TimeSpent

    status_id = default_task_status_id(ctx, _is_concept(ctx, task.entity_id))
    rows = ctx.session.execute(
        select(
            Comment.created_at,
            Comment.task_status_id,
            TaskStatus.is_retake,
            TaskStatus.is_feedback_request,
            TaskStatus.is_done,
            TaskStatus.is_wip,
        )
        .join(TaskStatus, TaskStatus.id == Comment.task_status_id)
        .where(Comment.object_id == task.id)
        .order_by(Comment.created_at)
    )
    retakes, previous_retake = 0, False
    real_start = end = done = last_comment = None
    for created_at, comment_status, is_retake, is_feedback, is_done, is_wip in rows:
        if is_retake and not previous_retake:
            retakes += 1
        previous_retake = bool(is_retake)
        if is_wip and real_start is None:
            real_start = created_at
        if is_feedback and end is None:
            end = created_at
        if is_done:
            done = created_at
        status_id, last_comment = comment_status, created_at
    duration = ctx.session.scalar(
        select(func.coalesce(func.sum(TimeSpent.duration), 0.0)).where(TimeSpent.task_id == task.id)
    )
    task.duration = duration or 0
    task.retake_count = retakes
    task.real_start_date = real_start
    task.last_comment_date = last_comment
    task.end_date = end
    task.done_date = done
    task.task_status_id = status_id
    ctx.session.flush()
    ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)


@dataclass
class PreviewRemoval:
    """What a removed preview was the main one of, to restore after the delete."""

    task: Any = None
    entity: Any = None
    was_task_main: bool = False
    was_entity_main: bool = False


def detach_preview(ctx: Ctx, preview: Any) -> PreviewRemoval:
    """Clear what points at a preview before it is deleted (entity, news, comments)."""
    from reeltrack.models import Entity, News, PreviewFileStorageState, Task, comment_preview_link

    removal = PreviewRemoval()
    task = removal.task = ctx.session.get(Task, preview.task_id) if preview.task_id else None
    if task is not None:
        removal.was_task_main = task.last_preview_file_id == preview.id
        entity = removal.entity = (
            ctx.session.get(Entity, task.entity_id) if task.entity_id else None
        )
        if entity is not None and entity.preview_file_id == preview.id:
            removal.was_entity_main = True
            entity.preview_file_id = None
    ctx.session.execute(
        update(News).where(News.preview_file_id == preview.id).values(preview_file_id=None)
    )
    link = comment_preview_link.c
    ctx.session.execute(delete(comment_preview_link).where(link.preview_file == preview.id))
    state = PreviewFileStorageState
    ctx.session.execute(delete(state).where(state.preview_file_id == preview.id))
    return removal


def remove_preview(ctx: Ctx, preview: Any) -> None:
    """Delete a preview row and give its task and entity their previous main preview."""
    removal = detach_preview(ctx, preview)
    ctx.session.delete(preview)
    ctx.session.flush()
    restore_mains(ctx, removal)


def restore_mains(ctx: Ctx, removal: PreviewRemoval) -> None:
    """Undo for a removed preview what its upload did to the task and the entity."""
    from reeltrack.models import PreviewFile, Project, Task

    task, entity = removal.task, removal.entity
    if task is not None and removal.was_task_main:
        last = newest_main_preview(ctx.session, PreviewFile.task_id == task.id)
        task.last_preview_file_id = last.id if last is not None else None
        ctx.session.flush()
        ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)
    if entity is None or not removal.was_entity_main:
        return
    automated = ctx.session.scalar(
        select(Project.is_set_preview_automated).where(Project.id == entity.project_id)
    )
    main = newest_main_preview(ctx.session, Task.entity_id == entity.id) if automated else None
    entity.preview_file_id = main.id if main is not None else None
    ctx.session.flush()
    _announce_entity_preview(ctx, entity, main)


def _announce_entity_preview(ctx: Ctx, entity: Any, preview: Any) -> None:
    from reeltrack.models import EntityType

    ctx.uow.emit(
        "preview-file:set-main",
        {
            "entity_id": entity.id,
            "preview_file_id": preview.id if preview is not None else None,
            "preview_file_status": preview.status if preview is not None else None,
        },
        entity.project_id,
    )
    type_name = ctx.session.scalar(
        select(EntityType.name).where(EntityType.id == entity.entity_type_id)
    )
    kind = type_name.lower() if type_name in TEMPORAL_TYPES else "asset"
    ctx.uow.emit(f"{kind}:update", {f"{kind}_id": entity.id}, entity.project_id)
