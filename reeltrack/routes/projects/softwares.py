"""The softwares used by each task type of a production."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.routes.projects.access import parse_id, readable_project
from reeltrack.services import task_type_softwares as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import NotFound

router = APIRouter()


class SoftwareBody(BodySchema):
    software_id: str = Field(..., min_length=1)


def _supervised_project(ctx: Ctx, project_id: str, task_type_id: str) -> Any:
    from reeltrack.models import Project

    parsed = parse_id(project_id)
    service.check_supervisor_access(ctx.session, ctx.actor, parsed, task_type_id)
    project = ctx.session.get(Project, parsed)
    if project is None:
        raise NotFound()
    return project


@router.get("/data/projects/{project_id}/task-type-softwares")
def list_task_type_softwares(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = readable_project(ctx, project_id)
    return service.links(ctx.session, project.id)


@router.post("/data/projects/{project_id}/task-types/{task_type_id}/softwares", status_code=201)
def add_task_type_software(
    ctx: CtxDep, project_id: str, task_type_id: str, payload: ArgsBody
) -> dict[str, Any]:
    body = validate_body(SoftwareBody, payload)
    project = _supervised_project(ctx, project_id, task_type_id)
    link, created = service.add(ctx.session, project.id, task_type_id, body.software_id)
    if created:
        ctx.uow.emit("project:update", {"project_id": project.id}, project.id)
    return link


@router.delete(
    "/data/projects/{project_id}/task-types/{task_type_id}/softwares/{software_id}",
    status_code=204,
)
def remove_task_type_software(
    ctx: CtxDep, project_id: str, task_type_id: str, software_id: str
) -> Response:
    project = _supervised_project(ctx, project_id, task_type_id)
    if service.remove(ctx.session, project.id, task_type_id, software_id):
        ctx.uow.emit("project:update", {"project_id": project.id}, project.id)
    return Response(status_code=204)
