"""Production schedule versions: task links and applying a version to the production."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import effective_role
from reeltrack.routes.projects.access import managed_project, parse_id, readable_project
from reeltrack.services import schedule_versions as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import Forbidden

router = APIRouter()
VERSION = "/production-schedule-versions/{production_schedule_version_id}"


@router.get("/data" + VERSION + "/task-links")
def list_task_links(
    ctx: CtxDep, production_schedule_version_id: str, request: Request
) -> list[dict[str, Any]]:
    version = service.version_of(ctx.session, production_schedule_version_id)
    project = readable_project(ctx, str(version.project_id))
    if effective_role(ctx.actor, project.id) in ("client", "vendor"):
        raise Forbidden()
    params = request.query_params
    raw_task_type = params.get("task_type_id")
    task_type = parse_id(raw_task_type) if raw_task_type else None
    relations = params.get("relations", "false").lower() == "true"
    return service.task_links(ctx.session, version.id, task_type, relations)


@router.post("/actions" + VERSION + "/apply-to-production")
def apply_to_production(ctx: CtxDep, production_schedule_version_id: str) -> dict[str, Any]:
    version = service.version_of(ctx.session, production_schedule_version_id)
    project = managed_project(ctx, str(version.project_id))
    updated = service.apply_to_production(ctx.session, version)
    for task_id, task_project_id in updated:
        ctx.uow.emit("task:update", {"task_id": task_id}, task_project_id)
    ctx.uow.emit(
        "production_schedule_version:update",
        {"production_schedule_version_id": version.id},
        project.id,
    )
    ctx.uow.emit("project:update", {"project_id": project.id}, project.id)
    return {"success": True, "task_count": len(updated)}


class CopyBody(BodySchema):
    production_schedule_version_id: str = Field(..., min_length=1)


@router.post("/actions" + VERSION + "/set-task-links-from-production")
def set_task_links_from_production(
    ctx: CtxDep, production_schedule_version_id: str
) -> dict[str, Any]:
    version = service.version_of(ctx.session, production_schedule_version_id)
    managed_project(ctx, str(version.project_id))
    return service.copy_from_production(ctx.session, version)


@router.post("/actions" + VERSION + "/set-task-links-from-production-schedule-version")
def set_task_links_from_version(
    ctx: CtxDep, production_schedule_version_id: str, payload: ArgsBody
) -> dict[str, Any]:
    version = service.version_of(ctx.session, production_schedule_version_id)
    managed_project(ctx, str(version.project_id))
    body = validate_body(CopyBody, payload)
    other = service.version_of(ctx.session, body.production_schedule_version_id)
    return service.copy_from_version(ctx.session, version, other)
