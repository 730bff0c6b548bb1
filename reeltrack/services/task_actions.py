"""Removing tasks in bulk and making a task's last preview its entity's main preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from reeltrack.crud.hooks import task_purge
from reeltrack.crud.hooks.production import base_type_of, event_words
from reeltrack.db.base import utcnow
from reeltrack.services import task_common as common
from reeltrack.wire.errors import Forbidden, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

NO_PREVIEW = "This task has no preview file to set as the main preview."


def remove_tasks(ctx: Ctx, *criteria: Any) -> list[Any]:
    """Delete the matching tasks with their dependents; a `task:delete` event for each."""
    from reeltrack.models import Task

    rows = list(
        ctx.session.execute(
            select(Task.id, Task.entity_id, Task.task_type_id, Task.project_id).where(*criteria)
        )
    )
    task_ids = [row[0] for row in rows]
    if not task_ids:
        return []
    shown = task_purge.purge_task_dependents(ctx.session, task_ids)
    ctx.session.execute(delete(Task).where(Task.id.in_(task_ids)))
    task_purge.restore_main_previews(ctx.session, shown)
    for task_id, entity_id, task_type_id, project_id in rows:
        payload = {"task_id": task_id, "entity_id": entity_id, "task_type_id": task_type_id}
        ctx.uow.emit("task:delete", payload, project_id)
    return task_ids


def _last_preview(ctx: Ctx, task_id: Any) -> Any:
    from reeltrack.models import PreviewFile

    return ctx.session.scalars(
        select(PreviewFile)
        .where(PreviewFile.task_id == task_id)
        .order_by(PreviewFile.revision.desc(), PreviewFile.created_at)
        .limit(1)
    ).first()


def _check_may_set(ctx: Ctx, task: Any) -> None:
    """Project and entity access; clients review but never choose the main preview."""
    common.check_task_access(ctx.actor, task)
    if common.is_client_in(ctx.actor, task.project_id):
        raise Forbidden()


def _set_entity_preview(ctx: Ctx, entity_id: Any, preview: Any) -> dict[str, Any]:
    """Zou's update_entity_preview: the entity with its new preview and the preview's status."""
    from reeltrack.models import Entity

    entity = common.get_row(ctx.session, Entity, entity_id)
    entity.preview_file_id = preview.id
    entity.updated_at = utcnow()
    ctx.session.flush()
    status = preview.status
    ctx.uow.emit(
        "preview-file:set-main",
        {"entity_id": entity.id, "preview_file_id": preview.id, "preview_file_status": status},
        entity.project_id,
    )
    stem = event_words(base_type_of(ctx.session, entity))
    ctx.uow.emit(f"{stem[0]}:update", {f"{stem[1]}_id": entity.id}, entity.project_id)
    return {**present(entity), "preview_file_status": status}


def set_main_preview(ctx: Ctx, task_id: str) -> dict[str, Any]:
    task = common.get_task(ctx.session, task_id)
    _check_may_set(ctx, task)
    preview = _last_preview(ctx, task.id)
    if preview is None:
        raise WrongParameter(NO_PREVIEW)
    return _set_entity_preview(ctx, task.entity_id, preview)


def set_main_previews(ctx: Ctx, task_ids: list[str]) -> list[dict[str, Any]]:
    """For each task, its entity shows the task's last preview (tasks without one skipped)."""
    entities = []
    for task_id in task_ids:
        task = common.get_task(ctx.session, task_id)
        _check_may_set(ctx, task)
        preview = _last_preview(ctx, task.id)
        if preview is not None:
            entities.append(_set_entity_preview(ctx, task.entity_id, preview))
    return entities
