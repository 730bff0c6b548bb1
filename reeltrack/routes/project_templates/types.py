"""A template's task types and task statuses: list, link, unlink and reorder."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.project_templates.access import changed, check_admin, check_reader
from reeltrack.routes.projects.settings import TaskTypeBody
from reeltrack.services import project_templates as service
from reeltrack.wire.body import INT32_MAX, ArgsBody, BodySchema, validate_body

router = APIRouter()
BASE = "/data/project-templates/{project_template_id}"
ACTIONS = "/actions/project-templates/{project_template_id}"


class TaskStatusBody(BodySchema):
    task_status_id: str = Field(..., min_length=1)
    priority: int | None = Field(None, ge=-INT32_MAX, le=INT32_MAX)
    roles_for_board: list[str] = Field(default_factory=list)
    is_client_allowed: bool | None = None


class TaskTypeOrder(BodySchema):
    task_type_ids: list[str]


class TaskStatusOrder(BodySchema):
    task_status_ids: list[str]


# ---------------------------------------------------------------- task types


@router.get(f"{BASE}/task-types")
def list_task_types(ctx: CtxDep, project_template_id: str) -> list[dict[str, Any]]:
    check_reader(ctx)
    return service.task_types(ctx.session, project_template_id)


@router.post(f"{BASE}/task-types", status_code=201)
def add_task_type(ctx: CtxDep, project_template_id: str, payload: ArgsBody) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(TaskTypeBody, payload)
    template, link = service.add_task_type(
        ctx.session,
        project_template_id,
        body.task_type_id,
        body.priority,
        body.bitrates(),
        body.is_client_visible,
        ctx.runtime.settings.movie_highdef_bitrate,
    )
    changed(ctx, template.id)
    return link


@router.post(f"{ACTIONS}/task-types/reorder")
def reorder_task_types(
    ctx: CtxDep, project_template_id: str, payload: ArgsBody
) -> list[dict[str, Any]]:
    check_admin(ctx)
    body = validate_body(TaskTypeOrder, payload)
    links = []
    for priority, task_type_id in enumerate(body.task_type_ids, start=1):
        template, link = service.add_task_type(
            ctx.session, project_template_id, task_type_id, priority
        )
        changed(ctx, template.id)
        links.append(link)
    return links


@router.delete(f"{BASE}/task-types/{{task_type_id}}", status_code=204)
def remove_task_type(ctx: CtxDep, project_template_id: str, task_type_id: str) -> Response:
    check_admin(ctx)
    template = service.template_row(ctx.session, project_template_id)
    service.remove_task_type(ctx.session, template.id, task_type_id)
    changed(ctx, template.id)
    return Response(status_code=204)


# ---------------------------------------------------------------- task statuses


@router.get(f"{BASE}/task-statuses")
def list_task_statuses(ctx: CtxDep, project_template_id: str) -> list[dict[str, Any]]:
    check_reader(ctx)
    return service.task_statuses(ctx.session, project_template_id)


@router.post(f"{BASE}/task-statuses", status_code=201)
def add_task_status(ctx: CtxDep, project_template_id: str, payload: ArgsBody) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(TaskStatusBody, payload)
    allowed = (
        body.is_client_allowed if "is_client_allowed" in body.model_fields_set else service.UNSET
    )
    template, link = service.add_task_status(
        ctx.session,
        project_template_id,
        body.task_status_id,
        body.priority,
        body.roles_for_board or None,
        allowed,
    )
    changed(ctx, template.id)
    return link


@router.post(f"{ACTIONS}/task-statuses/reorder")
def reorder_task_statuses(
    ctx: CtxDep, project_template_id: str, payload: ArgsBody
) -> list[dict[str, Any]]:
    check_admin(ctx)
    body = validate_body(TaskStatusOrder, payload)
    links = []
    for priority, task_status_id in enumerate(body.task_status_ids, start=1):
        template, link = service.add_task_status(
            ctx.session, project_template_id, task_status_id, priority
        )
        changed(ctx, template.id)
        links.append(link)
    return links


@router.delete(f"{BASE}/task-statuses/{{task_status_id}}", status_code=204)
def remove_task_status(ctx: CtxDep, project_template_id: str, task_status_id: str) -> Response:
    check_admin(ctx)
    template = service.template_row(ctx.session, project_template_id)
    service.remove_task_status(ctx.session, template.id, task_status_id)
    changed(ctx, template.id)
    return Response(status_code=204)
