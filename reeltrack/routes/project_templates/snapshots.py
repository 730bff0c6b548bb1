"""A template made from a project, and a template applied to a project."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.values import parse_uuid
from reeltrack.routes.project_templates.access import changed, check_admin
from reeltrack.services import project_template_snapshots as snapshots
from reeltrack.services import project_templates as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import NotFound

router = APIRouter()
PROJECT_NOT_FOUND = "Project not found"


class FromProjectBody(BodySchema):
    name: str = Field(..., min_length=1)
    description: str | None = None


def _project(ctx: Ctx, project_id: str) -> Any:
    from reeltrack.models import Project

    parsed = parse_uuid(project_id)
    project = ctx.session.get(Project, parsed) if parsed is not None else None
    if project is None:
        raise NotFound(PROJECT_NOT_FOUND)
    return project


@router.post("/data/project-templates/from-project/{project_id}", status_code=201)
def template_from_project(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(FromProjectBody, payload)
    project = _project(ctx, project_id)
    data = snapshots.create_from_project(ctx.session, project, body.name, body.description)
    changed(ctx, data["id"], "new")
    return data


@router.post("/data/projects/{project_id}/apply-template/{project_template_id}")
def apply_template(ctx: CtxDep, project_id: str, project_template_id: str) -> dict[str, Any]:
    check_admin(ctx)
    project = _project(ctx, project_id)
    template = service.template_row(ctx.session, project_template_id)
    applied = snapshots.apply_template(ctx.session, project, template)
    for descriptor_id in applied.descriptor_ids:
        ctx.uow.emit(
            "metadata-descriptor:new", {"metadata_descriptor_id": str(descriptor_id)}, project.id
        )
    ctx.uow.emit("project:update", {}, project.id)
    return applied.project
