"""The project's status automations, run after a comment changed a task."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

# Automations chain comments; a loop of rules (A sets B, B sets A) stops here.
MAX_CHAIN = 10
ASSET_EXCLUDED = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")


def _automations(ctx: Ctx, task: Any) -> list[Any]:
    from reeltrack.models import StatusAutomation, project_status_automation_link

    link = project_status_automation_link.c
    return list(
        ctx.session.scalars(
            select(StatusAutomation)
            .join(project_status_automation_link, link.status_automation_id == StatusAutomation.id)
            .where(
                link.project_id == task.project_id,
                StatusAutomation.in_task_type_id == task.task_type_id,
                StatusAutomation.in_task_status_id == task.task_status_id,
            )
        )
    )


def _entity_kind(ctx: Ctx, task: Any) -> str:
    from reeltrack.models import Entity, EntityType

    name = ctx.session.scalar(
        select(EntityType.name)
        .join(Entity, Entity.entity_type_id == EntityType.id)
        .where(Entity.id == task.entity_id)
    )
    return "asset" if name not in ASSET_EXCLUDED else str(name).lower()


def _priorities(ctx: Ctx, project_id: Any, for_entity: str) -> dict[Any, int]:
    from reeltrack.models import ProjectTaskTypeLink, TaskType

    rows = ctx.session.execute(
        select(ProjectTaskTypeLink.task_type_id, ProjectTaskTypeLink.priority)
        .join(TaskType, TaskType.id == ProjectTaskTypeLink.task_type_id)
        .where(
            ProjectTaskTypeLink.project_id == project_id,
            TaskType.for_entity == for_entity.capitalize(),
        )
    )
    return {task_type_id: priority or 0 for task_type_id, priority in rows}


def _is_rollback(ctx: Ctx, automation: Any, task: Any) -> bool:
    if automation.out_field_type == "ready_for":
        return False
    priorities = _priorities(ctx, task.project_id, automation.entity_type or "asset")
    inside = priorities.get(automation.in_task_type_id, 0)
    outside = priorities.get(automation.out_task_type_id, 0)
    return inside > outside


def run(ctx: Ctx, task: Any, person_id: Any, depth: int = 0) -> None:
    """Apply each matching automation: a status on a sibling task, or the asset's ready_for."""
    if depth >= MAX_CHAIN:
        return
    automations = [a for a in _automations(ctx, task) if not a.archived]
    if not automations:
        return
    kind = _entity_kind(ctx, task)
    for automation in automations:
        if (automation.entity_type or "").lower() != kind or _is_rollback(ctx, automation, task):
            continue
        if automation.out_field_type == "status":
            _set_status(ctx, automation, task, person_id, depth)
        elif automation.out_field_type == "ready_for" and kind == "asset":
            _set_ready_for(ctx, automation, task)


def _set_status(ctx: Ctx, automation: Any, task: Any, person_id: Any, depth: int) -> None:
    from reeltrack.models import Task, TaskStatus, TaskType
    from reeltrack.services.comment_posting import NewComment, create_comment

    target = ctx.session.scalars(
        select(Task).where(
            Task.entity_id == task.entity_id, Task.task_type_id == automation.out_task_type_id
        )
    ).first()
    if target is None:
        return
    type_name = ctx.session.scalar(
        select(TaskType.name).where(TaskType.id == automation.in_task_type_id)
    )
    status_name = ctx.session.scalar(
        select(TaskStatus.name).where(TaskStatus.id == automation.in_task_status_id)
    )
    text = f"Change triggered by {type_name} set to {status_name}"
    create_comment(
        ctx,
        target,
        NewComment(task_status_id=automation.out_task_status_id, text=text, author_id=person_id),
        hashtags=False,
        depth=depth + 1,
    )


def _set_ready_for(ctx: Ctx, automation: Any, task: Any) -> None:
    from reeltrack.models import Entity

    entity = ctx.session.get(Entity, task.entity_id)
    if entity is None:
        return
    entity.ready_for = automation.out_task_type_id
    ctx.session.flush()
    ctx.uow.emit(
        "asset:update",
        {"asset_id": entity.id, "data": {"ready_for": automation.out_task_type_id}},
        task.project_id,
    )
