"""Bulk task deletion and main preview actions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.services import task_actions as service
from reeltrack.services import task_common as common
from reeltrack.services.task_creation import id_list
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden

router = APIRouter()


class TaskIdsBody(BodySchema):
    task_ids: list[str] = Field(..., min_length=1)


@router.post("/actions/projects/{project_id}/delete-tasks")
def delete_tasks(ctx: CtxDep, project_id: str, payload: JsonBody) -> list[str]:
    from reeltrack.models import Task

    project = common.parse_id(project_id)
    common.check_manager_access(ctx.actor, project)
    ids = id_list(payload, required=True) or []
    service.remove_tasks(ctx, Task.project_id == project, Task.id.in_(ids))
    return [str(task_id) for task_id in ids]


@router.delete("/actions/projects/{project_id}/task-types/{task_type_id}/delete-tasks")
def delete_tasks_of_type(ctx: CtxDep, project_id: str, task_type_id: str) -> Response:
    from reeltrack.models import Task

    if not ctx.actor.is_admin:
        raise Forbidden()
    project = common.get_project(ctx.session, project_id)
    task_type = common.parse_id(task_type_id)
    service.remove_tasks(ctx, Task.project_id == project.id, Task.task_type_id == task_type)
    return Response(status_code=204)


@router.put("/actions/tasks/{task_id}/set-main-preview")
def set_main_preview(ctx: CtxDep, task_id: str) -> dict[str, Any]:
    return service.set_main_preview(ctx, task_id)


@router.put("/actions/tasks/set-main-preview")
def set_main_previews(ctx: CtxDep, payload: JsonBody) -> list[dict[str, Any]]:
    body = validate_body(TaskIdsBody, payload)
    return service.set_main_previews(ctx, body.task_ids)
